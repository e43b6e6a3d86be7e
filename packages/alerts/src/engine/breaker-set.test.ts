import type { BreakerStateEvent, GuardRequest, ReasoningEndEvent, ToolEndEvent } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { BreakerSet } from './breaker-set.js';

function setup(perTool = false) {
  let now = 1_700_000_000_000;
  const published: BreakerStateEvent[] = [];
  const breakers = new BreakerSet(
    'bot',
    { coolDownMs: 30_000, trialTimeoutMs: 60_000, perTool, maxToolBreakers: 10 },
    () => now,
    (event) => published.push(event),
  );
  const tool = (toolName: string): GuardRequest => ({ kind: 'tool', agentName: 'bot', toolName, args: [] });
  /** A finished tool call that started `durationSeconds` before now. */
  const toolEnd = (toolName: string, success: boolean, durationSeconds = 0): ToolEndEvent => ({
    type: 'tool.end',
    agentName: 'bot',
    time: now,
    toolName,
    args: [],
    outcome: success ? 'success' : 'error',
    durationSeconds,
  });
  const reasoningEnd = (success: boolean): ReasoningEndEvent =>
    ({
      type: 'reasoning.end',
      agentName: 'bot',
      time: now,
      model: 'm',
      provider: 'p',
      durationSeconds: 0,
      ...(success ? {} : { errorType: 'Error' }),
    }) as ReasoningEndEvent;
  return {
    breakers,
    tool,
    toolEnd,
    reasoningEnd,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('BreakerSet', () => {
  it('does not spend the agent trial on a call a half-open tool breaker refuses', () => {
    const { breakers, tool, toolEnd, advance } = setup(true);
    breakers.trip('loop', 'search');
    advance(30_000);
    // The tool's trial call is in flight (and hangs) while the agent breaker trips and cools down.
    expect(breakers.check(tool('search')).action).toBe('allow');
    breakers.trip('cost');
    advance(30_000);
    expect(breakers.check(tool('search')).action).toBe('block');
    // The agent breaker still has its trial to give: another tool's call gets it at once.
    expect(breakers.check(tool('fetch')).action).toBe('allow');
    breakers.record(toolEnd('fetch', true));
    expect(breakers.agent.state).toBe('closed');
  });

  it('does not take the late result of a call started before the trial as the trial result', () => {
    const { breakers, tool, toolEnd, advance } = setup();
    expect(breakers.check(tool('search')).action).toBe('allow');
    breakers.trip('loop');
    advance(30_000);
    expect(breakers.check(tool('search')).action).toBe('allow');
    // The slow call from before the trip succeeds now; the trial (just started) has not reported.
    breakers.record(toolEnd('search', true, 31));
    expect(breakers.agent.state).toBe('half-open');
    expect(breakers.check(tool('search')).action).toBe('block');
    breakers.record(toolEnd('search', false, 0.5));
    expect(breakers.agent.state).toBe('open');
  });

  it('closes on the trial result of a reasoning call, ignoring tool results meanwhile', () => {
    const { breakers, tool, toolEnd, reasoningEnd, advance } = setup();
    breakers.trip('x');
    advance(30_000);
    expect(breakers.check({ kind: 'reasoning', agentName: 'bot', model: 'm', provider: 'p' }).action).toBe(
      'allow',
    );
    expect(breakers.check(tool('search')).action).toBe('block');
    breakers.record(toolEnd('search', false, 40));
    expect(breakers.agent.state).toBe('half-open');
    breakers.record(reasoningEnd(true));
    expect(breakers.agent.state).toBe('closed');
  });
});
