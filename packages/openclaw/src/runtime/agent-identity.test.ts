import { describe, expect, it } from 'vitest';
import { AgentIdentity } from './agent-identity.js';

describe('AgentIdentity', () => {
  it('takes ctx.agentId first and remembers it for the run', () => {
    const identity = new AgentIdentity('main');
    expect(identity.resolve({ agentId: 'ops', runId: 'r1' })).toBe('ops');
    // model_call_* contexts carry only the run id.
    expect(identity.resolve({ runId: 'r1' })).toBe('ops');
  });

  it('reads the agent of an agent:<id>:<key> session key', () => {
    const identity = new AgentIdentity('main');
    expect(identity.resolve({ runId: 'r2', sessionKey: 'agent:spender:one' })).toBe('spender');
    expect(identity.resolve({ runId: 'r2' })).toBe('spender');
  });

  it('falls back to the default agent for missing or malformed hints', () => {
    const identity = new AgentIdentity('main');
    expect(identity.resolve(undefined, { agentId: 42, sessionKey: 'agent::x', runId: '' })).toBe('main');
    expect(identity.resolve({ agentId: 'x'.repeat(300) })).toBe('main');
  });
});
