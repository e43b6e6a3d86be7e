export {
  DANGEROUS_SHELL_RULES,
  normalizeShellCommand,
  RECOMMENDED_SHELL_COMMANDS,
  SHELL_CONSTRUCTS,
  type ShellConstructKind,
} from './shell/index.js';
export type {
  ArgumentRule,
  PolicyVerdict,
  RolePolicy,
  ShellPolicy,
  ToolPolicy,
  ToolPolicyConfig,
  ToolPolicyRequest,
} from './tool-policy.js';
export { createToolPolicy, toolPolicySchema } from './tool-policy.js';
