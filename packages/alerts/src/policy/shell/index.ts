export { normalizeShellCommand } from './command-line.js';
export { DANGEROUS_SHELL_RULES } from './dangerous-rules.js';
