import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION,
  METRIC_PROCESS_CPU_UTILIZATION_DEFINITION,
  METRIC_PROCESS_MEMORY_USAGE_DEFINITION,
  type MetricDefinition,
} from '@agentvitals/core';
import { diag, type Meter, type ObservableResult } from '@opentelemetry/api';

const CPU = METRIC_PROCESS_CPU_UTILIZATION_DEFINITION;
const MEMORY = METRIC_PROCESS_MEMORY_USAGE_DEFINITION;
const DELAY = METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION;
const HEARTBEAT = METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION;

/** Process CPU time over wall time over available cores, 0..1 (the CPU alert rule reads it). */
export const METRIC_PROCESS_CPU_UTILIZATION = CPU.name;
/** Resident set size in bytes. */
export const METRIC_PROCESS_MEMORY_USAGE = MEMORY.name;
/** 99th percentile of the event-loop delay over the last heartbeat interval, in seconds. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_P99 = DELAY.name;
/**
 * Unix time (s) of the process heartbeat timer's last tick. Kept apart from the agent loop's
 * `agent.heartbeat.timestamp`: a live process whose agent loop is stuck still looks stale there.
 */
export const METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP = HEARTBEAT.name;

export const PROCESS_METRIC_NAMES = [
  METRIC_PROCESS_CPU_UTILIZATION,
  METRIC_PROCESS_MEMORY_USAGE,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99,
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP,
] as const;

const gaugeOptions = (definition: MetricDefinition) => ({
  unit: definition.unit,
  description: definition.description,
});

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/process-metrics' });

export interface ProcessMetricsOptions {
  readonly heartbeatIntervalMs: number;
  /** Wall clock in ms since the epoch; `Date.now` by default. */
  readonly clock?: () => number;
}

export interface ProcessMetrics {
  /** Stops the heartbeat timer and the event-loop monitor; idempotent. */
  stop(): void;
}

/**
 * Registers the process gauges on `meter` and starts the heartbeat timer (unref'd, so it
 * never keeps the process alive). Each tick records the heartbeat time and closes an
 * event-loop-delay window, so the p99 does not depend on how many readers collect.
 */
export function startProcessMetrics(meter: Meter, options: ProcessMetricsOptions): ProcessMetrics {
  const clock = options.clock ?? Date.now;
  const cores = Math.max(1, availableParallelism());
  let lastCpu = process.cpuUsage();
  let lastWall = process.hrtime.bigint();
  let heartbeatSeconds = clock() / 1000;

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let delayP99Seconds: number | undefined;
  const closeDelayWindow = () => {
    const nanoseconds = loopDelay.percentile(99);
    if (Number.isFinite(nanoseconds) && nanoseconds > 0) delayP99Seconds = nanoseconds / 1e9;
    loopDelay.reset();
  };

  const cpu = meter.createObservableGauge(CPU.name, gaugeOptions(CPU));
  cpu.addCallback((result: ObservableResult) => {
    const usage = process.cpuUsage();
    const wall = process.hrtime.bigint();
    const cpuMicros = usage.user - lastCpu.user + (usage.system - lastCpu.system);
    const wallMicros = Number(wall - lastWall) / 1000;
    lastCpu = usage;
    lastWall = wall;
    if (wallMicros <= 0) return;
    result.observe(Math.min(1, Math.max(0, cpuMicros / wallMicros / cores)));
  });

  const memory = meter.createObservableGauge(MEMORY.name, gaugeOptions(MEMORY));
  memory.addCallback((result: ObservableResult) => result.observe(process.memoryUsage.rss()));

  const delay = meter.createObservableGauge(DELAY.name, gaugeOptions(DELAY));
  delay.addCallback((result: ObservableResult) => {
    if (delayP99Seconds === undefined) {
      const nanoseconds = loopDelay.percentile(99);
      if (Number.isFinite(nanoseconds) && nanoseconds > 0) result.observe(nanoseconds / 1e9);
      return;
    }
    result.observe(delayP99Seconds);
  });

  const heartbeat = meter.createObservableGauge(HEARTBEAT.name, gaugeOptions(HEARTBEAT));
  heartbeat.addCallback((result: ObservableResult) => result.observe(heartbeatSeconds));

  const timer = setInterval(() => {
    try {
      heartbeatSeconds = clock() / 1000;
      closeDelayWindow();
    } catch (error) {
      log.warn('process heartbeat tick failed', error);
    }
  }, options.heartbeatIntervalMs);
  timer.unref();

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      loopDelay.disable();
    },
  };
}
