export { DANGEROUS_SHELL_RULES } from './dangerous-rules.js';
export { normalizeShellCommand } from './command-line.js';
