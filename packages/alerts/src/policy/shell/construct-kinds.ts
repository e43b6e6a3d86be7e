/**
 * The dynamic constructs a fail-closed shell policy denies unless its configuration
 * allows them by name (`shell: { allow: ['file-write'] }`), with what each one means.
 */
export const SHELL_CONSTRUCTS = Object.freeze([
  'command-substitution',
  'arithmetic',
  'parameter-expansion',
  'dynamic-command',
  'eval',
  'pipe-to-interpreter',
  'inline-code',
  'executes-arguments',
  'file-write',
  'environment',
  'outside-script',
] as const);

export type ShellConstructKind = (typeof SHELL_CONSTRUCTS)[number];

/** Why each construct is denied, in words a person reading a denial understands. */
export const CONSTRUCT_REASONS: Readonly<Record<ShellConstructKind, string>> = Object.freeze({
  'command-substitution':
    'uses command or process substitution ($(...), backticks, <(...)): what it produces is known only at run time',
  arithmetic:
    'uses arithmetic ($((...)), ((...)), let, an array subscript), which can run commands hidden in variables',
  'parameter-expansion':
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template literal
    'uses a parameter expansion with an operator (${x:-...}, ${!x}, ${x@P}): its value is known only at run time',
  'dynamic-command':
    'computes the program to run (from a variable, a glob or a brace list), so the policy cannot tell which it is',
  eval: 'runs text as commands or changes what command names mean',
  'pipe-to-interpreter':
    'feeds text to a shell or interpreter (a pipe, here-document, here-string or redirection)',
  'inline-code': 'gives an interpreter code to run that the policy cannot inspect',
  'executes-arguments': 'runs another command given to it',
  'file-write': 'writes or truncates a file',
  environment: 'sets an environment variable that changes which program runs or what code it loads',
  'outside-script':
    'runs a script from outside the project (an absolute path, .., ~ or node_modules): such tools can do anything',
});
