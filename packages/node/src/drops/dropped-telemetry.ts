import {
  ATTR_AGENT_TELEMETRY_DROP_REASON,
  ATTR_AGENT_TELEMETRY_SIGNAL,
  ATTR_GEN_AI_AGENT_NAME,
  METRIC_AGENT_TELEMETRY_DROPPED,
  type TelemetryDropReason,
  type TelemetrySignal,
} from '@agentvitals/core';
import { type Attributes, type Counter, diag, type Meter } from '@opentelemetry/api';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/telemetry' });

const REASON_WORDS: Readonly<Record<TelemetryDropReason, string>> = {
  queue_full: 'the export queue was full',
  export_failed: 'the exporter failed or timed out',
  shutdown: 'they arrived after shutdown began or were still queued when it timed out',
};

/** The losses this process can have, reported as 0 from the start so that rates and alerts have a series. */
const KNOWN_LOSSES: readonly (readonly [TelemetrySignal, TelemetryDropReason])[] = [
  ['logs', 'queue_full'],
  ['logs', 'export_failed'],
  ['logs', 'shutdown'],
  ['spans', 'queue_full'],
  ['spans', 'export_failed'],
  ['metrics', 'export_failed'],
];

/**
 * Counts telemetry the process lost on its way out, in `agent.telemetry.dropped` by signal
 * and reason (every known pair starts at 0), and reports the first loss of each signal and
 * reason once through `diag` (never the content). Drops counted before `bind()` are added
 * when the meter arrives.
 */
export class DroppedTelemetry {
  readonly #agentName: string;
  #counter: Counter | undefined;
  readonly #pending = new Map<string, { attributes: Attributes; count: number }>();
  readonly #reported = new Set<string>();
  readonly #totals = new Map<string, number>();

  /** `agentName` labels the series, as on every other agent metric. */
  constructor(agentName: string) {
    this.#agentName = agentName;
  }

  #attributesOf(signal: TelemetrySignal, reason: TelemetryDropReason): Attributes {
    return {
      [ATTR_GEN_AI_AGENT_NAME]: this.#agentName,
      [ATTR_AGENT_TELEMETRY_SIGNAL]: signal,
      [ATTR_AGENT_TELEMETRY_DROP_REASON]: reason,
    };
  }

  /** Creates the counter on `meter` and adds what was dropped before. */
  bind(meter: Meter): void {
    try {
      this.#counter = meter.createCounter(METRIC_AGENT_TELEMETRY_DROPPED.name, {
        unit: METRIC_AGENT_TELEMETRY_DROPPED.unit,
        description: METRIC_AGENT_TELEMETRY_DROPPED.description,
      });
      for (const [signal, reason] of KNOWN_LOSSES) this.#counter.add(0, this.#attributesOf(signal, reason));
      for (const { attributes, count } of this.#pending.values()) this.#counter.add(count, attributes);
      this.#pending.clear();
    } catch (error) {
      log.warn('creating agent.telemetry.dropped failed; drops are only reported here', error);
    }
  }

  /** Counts `count` items of `signal` lost for `reason`. Never throws. */
  record(signal: TelemetrySignal, reason: TelemetryDropReason, count: number): void {
    if (!(count > 0)) return;
    const key = `${signal}/${reason}`;
    this.#totals.set(key, (this.#totals.get(key) ?? 0) + count);
    const attributes = this.#attributesOf(signal, reason);
    try {
      if (this.#counter) this.#counter.add(count, attributes);
      else {
        const pending = this.#pending.get(key) ?? { attributes, count: 0 };
        pending.count += count;
        this.#pending.set(key, pending);
      }
    } catch {
      // Counting must never fail the pipeline that lost the items.
    }
    if (!this.#reported.has(key)) {
      this.#reported.add(key);
      log.warn(
        `${signal}: ${count} item(s) dropped because ${REASON_WORDS[reason]}; every such loss is counted in ${METRIC_AGENT_TELEMETRY_DROPPED.name} (reported once)`,
      );
    }
  }

  /** Items dropped so far for `signal` (and `reason`, if given). */
  total(signal?: TelemetrySignal, reason?: TelemetryDropReason): number {
    let sum = 0;
    for (const [key, count] of this.#totals) {
      const [s, r] = key.split('/');
      if ((signal === undefined || s === signal) && (reason === undefined || r === reason)) sum += count;
    }
    return sum;
  }
}
