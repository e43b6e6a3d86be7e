import { BREAKER_STATE_VALUES } from '@agentvitals/core';
import { equals, increase, maxBy, rate, ratioOfRates, sumBy } from '../promql.js';
import { CATALOG_SERIES, LABELS, PROCESS_SERIES } from '../series-names.js';
import {
  type DashboardSection,
  type DashboardThresholds,
  type QueryContext,
  RANGE,
} from './dashboard-query-context.js';

/** Rows about how the agents and their processes are doing: customers, health, process. */
export function operationsSections(
  context: QueryContext,
  thresholds: DashboardThresholds,
): DashboardSection[] {
  const { agent, perAgent, series, ofAgentProcesses } = context;
  return [
    {
      title: 'Customers',
      panels: [
        {
          type: 'timeseries',
          title: 'Negative sentiment ratio',
          description: 'Share of customer messages labelled negative.',
          queries: [
            {
              expr: ratioOfRates(
                series(CATALOG_SERIES.sentimentMessages, equals(LABELS.sentimentLabel, 'negative')),
                series(CATALOG_SERIES.sentimentMessages),
                [agent],
                RANGE,
              ),
              legend: perAgent,
            },
          ],
          unit: 'percentunit',
          min: 0,
          max: 1,
          threshold: thresholds.negativeRatio,
        },
        {
          type: 'timeseries',
          title: 'Escalations and backlog',
          description: 'Open escalations (left) and escalations per hour by reason (right).',
          queries: [
            { expr: sumBy([agent], series(CATALOG_SERIES.escalationBacklog)), legend: `${perAgent} open` },
            {
              expr: `${sumBy([agent, LABELS.escalationReason], rate(series(CATALOG_SERIES.escalations), RANGE))} * 3600`,
              legend: `${perAgent} {{${LABELS.escalationReason}}} per hour`,
            },
          ],
          unit: 'short',
          min: 0,
          threshold: thresholds.escalationBacklog,
          rightAxis: { legendPattern: '.* per hour$', unit: 'short', min: 0 },
        },
        {
          type: 'timeseries',
          title: 'Queue depth',
          description: 'Items waiting in the queues the agent consumes.',
          queries: [
            {
              expr: sumBy([agent, LABELS.queue], series(CATALOG_SERIES.queueDepth)),
              legend: `${perAgent} {{${LABELS.queue}}}`,
            },
          ],
          unit: 'short',
          min: 0,
        },
      ],
    },
    {
      title: 'Health',
      panels: [
        {
          type: 'timeseries',
          title: 'Heartbeat age',
          description:
            "Seconds since each agent loop's last heartbeat. The red line is the AgentHeartbeatStale threshold.",
          queries: [
            {
              expr: `time() - ${maxBy([LABELS.job, LABELS.instance, agent], series(CATALOG_SERIES.heartbeat))}`,
              legend: `${perAgent} {{${LABELS.instance}}}`,
            },
          ],
          unit: 's',
          min: 0,
          threshold: thresholds.heartbeatSeconds,
        },
        {
          type: 'state-timeline',
          title: 'Circuit breaker state',
          description: 'Closed (green), half-open (yellow) or open (red), per breaker.',
          queries: [
            {
              expr: maxBy([agent, LABELS.breaker], series(CATALOG_SERIES.breakerState)),
              legend: `${perAgent} {{${LABELS.breaker}}}`,
            },
          ],
          unit: 'none',
          mappings: [
            { value: BREAKER_STATE_VALUES.closed, text: 'closed', color: 'green' },
            { value: BREAKER_STATE_VALUES['half-open'], text: 'half-open', color: 'yellow' },
            { value: BREAKER_STATE_VALUES.open, text: 'open', color: 'red' },
          ],
        },
        {
          type: 'timeseries',
          title: 'Alerts fired in-process',
          description: 'Alerts the in-process guard fired, by rule and severity.',
          queries: [
            {
              expr: sumBy(
                [agent, LABELS.alertName, LABELS.alertSeverity],
                increase(series(CATALOG_SERIES.alerts), RANGE),
              ),
              legend: `${perAgent} {{${LABELS.alertName}}} ({{${LABELS.alertSeverity}}})`,
            },
          ],
          unit: 'short',
          min: 0,
          bars: true,
        },
      ],
    },
    {
      title: 'Process',
      panels: [
        {
          type: 'timeseries',
          title: 'CPU',
          description: 'Share of all cores the process uses. The red line is the AgentHighCpu threshold.',
          queries: [
            { expr: ofAgentProcesses(PROCESS_SERIES.cpuUtilization), legend: `{{${LABELS.instance}}}` },
          ],
          unit: 'percentunit',
          min: 0,
          max: 1,
          threshold: thresholds.cpuRatio,
        },
        {
          type: 'timeseries',
          title: 'Memory (RSS)',
          description: 'Resident set size of the process.',
          queries: [{ expr: ofAgentProcesses(PROCESS_SERIES.memoryUsage), legend: `{{${LABELS.instance}}}` }],
          unit: 'bytes',
          min: 0,
        },
        {
          type: 'timeseries',
          title: 'Event-loop delay p99',
          description: 'A blocked event loop delays every timer, heartbeat and scrape.',
          queries: [
            { expr: ofAgentProcesses(PROCESS_SERIES.eventLoopDelayP99), legend: `{{${LABELS.instance}}}` },
          ],
          unit: 's',
          min: 0,
        },
      ],
    },
  ];
}
