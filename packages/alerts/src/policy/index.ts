export { DANGEROUS_SHELL_RULES, normalizeShellCommand } from './shell/index.js';
export type {
  ArgumentRule,
  PolicyVerdict,
  RolePolicy,
  ToolPolicy,
  ToolPolicyConfig,
  ToolPolicyRequest,
} from './tool-policy.js';
export { createToolPolicy, toolPolicySchema } from './tool-policy.js';
