export { normalizeShellCommand } from './command-line.js';
export { SHELL_CONSTRUCTS, type ShellConstructKind } from './construct-kinds.js';
export { DANGEROUS_SHELL_RULES } from './dangerous-rules.js';
export { RECOMMENDED_SHELL_COMMANDS } from './recommended-commands.js';
