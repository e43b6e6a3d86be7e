import { hasBrand } from './brand.js';

const BRAND: unique symbol = Symbol.for('@agentvitals/PolicyDeniedError');

/** Thrown before a tool call that the tool policy forbids; the tool never runs. */
export class PolicyDeniedError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'PolicyDeniedError';
  readonly agentName: string;
  readonly toolName: string;
  /** The policy rule that denied the call (a role, a deny glob, an argument rule). */
  readonly rule: string;

  constructor(message: string, options: { agentName: string; toolName: string; rule: string }) {
    super(message);
    this.agentName = options.agentName;
    this.toolName = options.toolName;
    this.rule = options.rule;
  }
}

/** True for a `PolicyDeniedError` from any installed copy of Agent Vitals. */
export const isPolicyDeniedError = (value: unknown): value is PolicyDeniedError => hasBrand(value, BRAND);
