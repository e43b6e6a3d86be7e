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

export function runStateOf(ctx: Context = context.active()): RunState | undefined {
  return ctx.getValue(RUN_STATE_KEY) as RunState | undefined;
}

export function withRunState(ctx: Context, state: RunState): Context {
  return ctx.setValue(RUN_STATE_KEY, state);
}
