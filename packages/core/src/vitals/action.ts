import { type RunState, runStateOf } from './run-context.js';
import type { VitalsState } from './state.js';

/** Records one action: `agent.actions`, and the tokens spent since the previous action. */
export function recordAction(state: VitalsState, inRun: RunState | undefined | null = null): void {
  const run = inRun === null ? runStateOf() : inRun;
  const counter = run ?? state.outsideRun;
  const tokens = counter.tokensSinceAction;
  counter.tokensSinceAction = 0;
  state.instruments.actions.add(1, state.agentAttributes);
  state.instruments.tokensPerAction.record(tokens, state.agentAttributes);
  if (state.events.active) {
    state.events.emit({
      type: 'action',
      agentName: state.agentName,
      time: state.clock(),
      requestId: run?.requestId,
      tokensSinceLastAction: tokens,
    });
  }
}
