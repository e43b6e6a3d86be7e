import { defineMetric, type MetricDefinition } from './metrics.js';

/** Process CPU time over wall time over available cores, 0..1 (the CPU alert rule reads it). */
export const METRIC_PROCESS_CPU_UTILIZATION_DEFINITION: MetricDefinition = defineMetric({
  name: 'process.cpu.utilization',
  kind: 'gauge',
  unit: '1',
  description:
    'Process CPU time (user + system) divided by wall time and available cores, since the last collection.',
  attributes: [],
});

/** Resident set size in bytes. */
export const METRIC_PROCESS_MEMORY_USAGE_DEFINITION: MetricDefinition = defineMetric({
  name: 'process.memory.usage',
  kind: 'gauge',
  unit: 'By',
  description: 'Resident set size of the process.',
  attributes: [],
});

/** 99th percentile of the event-loop delay over the last heartbeat interval, in seconds. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION: MetricDefinition = defineMetric({
  name: 'nodejs.eventloop.delay.p99',
  kind: 'gauge',
  unit: 's',
  description: '99th percentile of the event-loop delay over the last heartbeat interval.',
  attributes: [],
});

/**
 * Unix time (s) of the process heartbeat timer's last tick. Kept apart from the agent loop's
 * `agent.heartbeat.timestamp`: a live process whose agent loop is stuck still looks stale there.
 */
export const METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION: MetricDefinition = defineMetric({
  name: 'agent.process.heartbeat.timestamp',
  kind: 'gauge',
  unit: 's',
  description: 'Unix time of the process heartbeat timer’s last tick (not the agent loop’s heartbeat).',
  attributes: [],
});

/** The process instruments `@agentvitals/node` records beside the catalog, in documentation order. */
export const PROCESS_METRIC_CATALOG: readonly MetricDefinition[] = [
  METRIC_PROCESS_CPU_UTILIZATION_DEFINITION,
  METRIC_PROCESS_MEMORY_USAGE_DEFINITION,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99_DEFINITION,
  METRIC_AGENT_PROCESS_HEARTBEAT_TIMESTAMP_DEFINITION,
];
