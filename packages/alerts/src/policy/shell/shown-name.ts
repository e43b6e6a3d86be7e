/**
 * A program or option name as shown in a denial: a short lower-case word. Anything else
 * (longer than 16 characters, capitals, paths, other characters) is shown as `…`, so no
 * argument value leaves in a reason.
 */
export const shownName = (text: string): string => (/^[a-z0-9][a-z0-9._+-]{0,15}$/.test(text) ? text : '…');
