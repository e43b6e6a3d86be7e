import { toYaml, type YamlValue } from '../yaml.js';
import {
  type AutoscalingOptions,
  autoscalerTarget,
  resolveAutoscalingOptions,
} from './autoscaling-options.js';
import { queueDepthLabels } from './queue-depth-query.js';

/** A Kubernetes label value: at most 63 characters, alphanumerics with `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * The HPA selects the queue with a Kubernetes label selector, which the API server only accepts
 * with valid label values; KEDA's PromQL query has no such limit.
 */
function requireLabelValues(resolved: { agentName: string; queueName: string }, what: string): void {
  const bad = (['agentName', 'queueName'] as const).filter((key) => !LABEL_VALUE.test(resolved[key]));
  if (bad.length === 0) return;
  const lines = bad.map(
    (key) =>
      `  - ${key}: "${resolved[key]}" is not a Kubernetes label value (at most 63 letters, digits, -, _ and ., starting and ending with a letter or digit), which the HPA's metric selector needs; a KEDA ScaledObject has no such limit`,
  );
  throw new TypeError(`${what}: invalid options\n${lines.join('\n')}`);
}

/**
 * A Kubernetes `HorizontalPodAutoscaler` (autoscaling/v2) for an agent's Deployment: CPU
 * utilisation of the pods, and the agent's queue depth as an External metric (served by the
 * Prometheus Adapter from `agent_queue_depth`; `prometheusAdapterRule` gives its rule). The
 * replica count is the larger of what each metric asks for, never below `minReplicas` (2).
 */
export function generateKubernetesHpa(options: AutoscalingOptions) {
  const resolved = resolveAutoscalingOptions(options, 'generateKubernetesHpa()');
  requireLabelValues(resolved, 'generateKubernetesHpa()');
  const target = autoscalerTarget(resolved);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: target.metadata,
    spec: {
      scaleTargetRef: target.scaleTargetRef,
      minReplicas: resolved.minReplicas,
      maxReplicas: resolved.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: resolved.cpuUtilizationPercent },
          },
        },
        {
          type: 'External',
          external: {
            metric: { name: 'agent_queue_depth', selector: { matchLabels: queueDepthLabels(resolved) } },
            // AverageValue divides the queue by the replicas: ceil(depth / itemsPerReplica) replicas.
            target: { type: 'AverageValue', averageValue: String(resolved.itemsPerReplica) },
          },
        },
      ],
    },
  };
}

/**
 * The Prometheus Adapter `externalRules` entry that serves `agent_queue_depth` to the HPA:
 * the largest report of the shared queue across replicas (`queueDepthQuery` for one agent).
 */
export function prometheusAdapterRule(options: AutoscalingOptions) {
  const resolved = resolveAutoscalingOptions(options, 'prometheusAdapterRule()');
  return {
    seriesQuery: `agent_queue_depth{${resolved.agentLabel}!=""}`,
    resources: { namespaced: false },
    name: { as: 'agent_queue_depth' },
    metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>})',
  };
}

export function renderKubernetesHpa(options: AutoscalingOptions): string {
  return toYaml(generateKubernetesHpa(options) as unknown as YamlValue);
}
