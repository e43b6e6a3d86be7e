import { equals, histogramQuantile, increase, rate, ratioOfRates, sumBy } from '../promql.js';
import { CATALOG_SERIES, LABELS } from '../series-names.js';
import {
  type DashboardSection,
  type DashboardThresholds,
  type QueryContext,
  RANGE,
} from './dashboard-query-context.js';

/** Rows about the work the agents do: runs, reasoning and tools, tokens and cost. */
export function workloadSections(context: QueryContext, thresholds: DashboardThresholds): DashboardSection[] {
  const { agent, perAgent, series, quantiles } = context;
  return [
    {
      title: 'Runs',
      panels: [
        {
          type: 'timeseries',
          title: 'Runs and error rate',
          description:
            'Runs per second (left) and the share that ended in error (right). The red line is the AgentErrorRate threshold.',
          queries: [
            { expr: sumBy([agent], rate(series(CATALOG_SERIES.runs), RANGE)), legend: `${perAgent} runs/s` },
            {
              expr: ratioOfRates(
                series(CATALOG_SERIES.runs, equals(LABELS.runOutcome, 'error')),
                series(CATALOG_SERIES.runs),
                [agent],
                RANGE,
              ),
              legend: `${perAgent} error ratio`,
            },
          ],
          unit: 'reqps',
          min: 0,
          rightAxis: {
            legendPattern: '.*error ratio$',
            unit: 'percentunit',
            min: 0,
            max: 1,
            threshold: thresholds.errorRatio,
          },
        },
        {
          type: 'timeseries',
          title: 'Run duration p50 / p95',
          description: 'Response time of a run. The AgentSlowResponses alert (red line) watches the average.',
          queries: quantiles(CATALOG_SERIES.runDuration.bucket, [agent], perAgent),
          unit: 's',
          min: 0,
          threshold: thresholds.runDurationSeconds,
        },
      ],
    },
    {
      title: 'Reasoning and tools',
      panels: [
        {
          type: 'timeseries',
          title: 'Reasoning latency p50 / p95',
          description: 'How long the thought phase (model calls) takes.',
          queries: quantiles(CATALOG_SERIES.reasoningDuration.bucket, [agent], perAgent),
          unit: 's',
          min: 0,
        },
        {
          type: 'timeseries',
          title: 'Tool success rate',
          description:
            'Share of tool calls that succeeded, by tool (denied and blocked calls count as not successful).',
          queries: [
            {
              expr: ratioOfRates(
                series(CATALOG_SERIES.toolCalls, equals(LABELS.toolOutcome, 'success')),
                series(CATALOG_SERIES.toolCalls),
                [agent, LABELS.tool],
                RANGE,
              ),
              legend: `{{${LABELS.tool}}} (${perAgent})`,
            },
          ],
          unit: 'percentunit',
          min: 0,
          max: 1,
        },
        {
          type: 'timeseries',
          title: 'Tool latency p95',
          description: 'Tool call latency by tool.',
          queries: [
            {
              expr: histogramQuantile(
                0.95,
                series(CATALOG_SERIES.toolDuration.bucket),
                [agent, LABELS.tool],
                RANGE,
              ),
              legend: `{{${LABELS.tool}}} (${perAgent}) p95`,
            },
          ],
          unit: 's',
          min: 0,
        },
      ],
    },
    {
      title: 'Tokens and cost',
      panels: [
        {
          type: 'timeseries',
          title: 'Tokens per second by type',
          description: 'Input and output tokens the agent consumes (GenAI token usage).',
          queries: [
            {
              expr: sumBy([agent, LABELS.tokenType], rate(series(CATALOG_SERIES.tokenUsage.sum), RANGE)),
              legend: `${perAgent} {{${LABELS.tokenType}}}`,
            },
          ],
          unit: 'short',
          min: 0,
        },
        {
          type: 'timeseries',
          title: 'Tokens per action',
          description: 'Token efficiency: tokens spent between two actions, on average.',
          queries: [
            {
              expr: ratioOfRates(
                series(CATALOG_SERIES.tokensPerAction.sum),
                series(CATALOG_SERIES.tokensPerAction.count),
                [agent],
                RANGE,
              ),
              legend: perAgent,
            },
          ],
          unit: 'short',
          min: 0,
          threshold: thresholds.tokensPerAction,
        },
        {
          type: 'timeseries',
          title: 'Cost per hour',
          description:
            'Spend rate in USD per hour, from the pricing table. The red line is the AgentCostSpike threshold.',
          queries: [
            { expr: `${sumBy([agent], rate(series(CATALOG_SERIES.cost), RANGE))} * 3600`, legend: perAgent },
          ],
          unit: 'currencyUSD',
          min: 0,
          threshold: thresholds.costPerHourUsd,
        },
        {
          type: 'stat',
          title: 'Spend in the time range',
          description: 'USD spent over the dashboard time range, all selected agents.',
          queries: [
            {
              expr: `sum(${increase(series(CATALOG_SERIES.cost), '$__range')})`,
              legend: 'USD',
              instant: true,
            },
          ],
          unit: 'currencyUSD',
        },
      ],
    },
  ];
}
