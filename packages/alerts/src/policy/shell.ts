export { DANGEROUS_SHELL_RULES } from './dangerous-shell-rules.js';
export { normalizeShellCommand } from './shell-command-line.js';
