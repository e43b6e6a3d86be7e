import type { OpenCall, Vitals } from '@agentvitals/core';
import { getCurrentTrace } from '@openai/agents';
import { diag } from '@opentelemetry/api';

/** One OpenAI Agents run (one SDK trace) as recorded by a vitals instance. */
export interface RunRecord {
  readonly vitals: Vitals;
  readonly call: OpenCall;
  /** The last error a model or tool call of this run threw to the SDK: the run's error when it fails. */
  lastError?: unknown;
  /**
   * A model or tool call threw to the SDK and no model request succeeded since: unless the
   * SDK recovers (a retry), the run ends with this error.
   */
  pendingError?: { readonly error: unknown };
}

/** Bounded: a run whose trace never ends (a process bug in the host) cannot grow this forever. */
const MAX_OPEN_RUNS = 10_000;

/** Runs by SDK trace id, and agents by name. Shared by every instrumented agent in the process. */
export const runsByTrace = new Map<string, RunRecord>();
export const vitalsByAgentName = new Map<string, Vitals>();

export function rememberRun(traceId: string, record: RunRecord): void {
  if (runsByTrace.size >= MAX_OPEN_RUNS) {
    const oldest = runsByTrace.keys().next().value;
    if (oldest !== undefined) {
      runsByTrace.get(oldest)?.call.end();
      runsByTrace.delete(oldest);
    }
  }
  runsByTrace.set(traceId, record);
}

/**
 * The vitals instance every instrumented agent records into, when there is exactly one: the
 * recording target of a model request made outside a recorded run (the SDK's tracing off).
 */
export function soleVitals(): Vitals | undefined {
  let sole: Vitals | undefined;
  for (const vitals of vitalsByAgentName.values()) {
    if (sole !== undefined && vitals !== sole) return undefined;
    sole = vitals;
  }
  return sole;
}

/** The SDK's id of a trace that records nothing (tracing off). */
const NOOP_TRACE_ID = 'no-op';

function currentTraceId(): string | undefined {
  try {
    return getCurrentTrace()?.traceId;
  } catch {
    return undefined;
  }
}

/** The run the current SDK trace belongs to, if an instrumented agent started it. */
export function currentRun(): RunRecord | undefined {
  const traceId = currentTraceId();
  return traceId === undefined ? undefined : runsByTrace.get(traceId);
}

/** The SDK's tracing is off for the current call: there is no trace, or one that records nothing. */
export function tracingOff(): boolean {
  const traceId = currentTraceId();
  return traceId === undefined || traceId === NOOP_TRACE_ID;
}

/** A model or tool call of the run threw `error` to the SDK. */
export function noteFailure(run: RunRecord | undefined, error: unknown): void {
  if (!run) return;
  run.lastError = error;
  run.pendingError = { error };
}

/** A model request of the run succeeded: the SDK recovered from whatever failed before. */
export function noteRecovery(run: RunRecord | undefined): void {
  if (run) run.pendingError = undefined;
}

let warnedOutsideRun = false;

/**
 * A call of an instrumented agent ran outside any recorded run: the SDK's tracing, which
 * runs are read from, is off. Said once per process.
 */
export function warnOutsideRun(): void {
  if (warnedOutsideRun) return;
  warnedOutsideRun = true;
  diag.warn(
    "@agentvitals/openai-agents: a call of an instrumented agent ran outside a recorded run. The SDK's tracing is off " +
      "(it is by default when NODE_ENV is 'test', or with OPENAI_AGENTS_DISABLE_TRACING): runs, and tool errors turned " +
      'into messages, are not recorded. Call setTracingDisabled(false).',
  );
}
