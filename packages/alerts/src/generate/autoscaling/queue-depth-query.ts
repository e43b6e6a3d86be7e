import { ATTR_AGENT_QUEUE_NAME } from '@agentvitals/core';
import { equals, selector } from '../promql.js';
import { CATALOG_SERIES, prometheusLabelName } from '../series-names.js';
import type { ResolvedAutoscalingOptions } from './autoscaling-options.js';

/** The labels that pick the queue's series: the agent and the queue name. */
export function queueDepthLabels(options: ResolvedAutoscalingOptions): Record<string, string> {
  return {
    [options.agentLabel]: options.agentName,
    [prometheusLabelName(ATTR_AGENT_QUEUE_NAME)]: options.queueName,
  };
}

/**
 * The queue's depth in PromQL. Every replica reports the same shared queue, so the depth is
 * the largest report, not their sum (a sum would scale on a multiple of the real backlog).
 */
export function queueDepthQuery(options: ResolvedAutoscalingOptions): string {
  const matchers = Object.entries(queueDepthLabels(options)).map(([label, value]) => equals(label, value));
  return `max(${selector(CATALOG_SERIES.queueDepth, matchers)})`;
}
