import { type Context, context, createContextKey } from '@opentelemetry/api';

/** Per-run state, carried in the OpenTelemetry context so concurrent runs stay apart. */
export interface RunState {
  readonly requestId: string;
  /** False once the run has ended: work it scheduled for later starts runs of its own. */
  active: boolean;
  /** Tokens spent in this run since its previous action. */
  tokensSinceAction: number;
}

const RUN_STATE_KEY = createContextKey('@agentvitals/core run state');

/**
 * False until the first run is entered (by any vitals instance of this copy of the package):
 * until then no context holds a run, and a call outside any run need not look for one.
 */
let runsEntered = false;

/** The run `ctx` (default: the active context) is in, if any. */
export function runStateOf(ctx?: Context): RunState | undefined {
  if (!runsEntered) return undefined;
  return (ctx ?? context.active()).getValue(RUN_STATE_KEY) as RunState | undefined;
}

export function withRunState(ctx: Context, state: RunState): Context {
  runsEntered = true;
  return ctx.setValue(RUN_STATE_KEY, state);
}
