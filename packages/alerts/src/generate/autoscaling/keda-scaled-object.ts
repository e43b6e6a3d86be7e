import { toYaml, type YamlValue } from '../yaml.js';
import {
  type AutoscalingOptions,
  autoscalerTarget,
  resolveAutoscalingOptions,
} from './autoscaling-options.js';
import { queueDepthQuery } from './queue-depth-query.js';

/**
 * A KEDA `ScaledObject` (keda.sh/v1alpha1) for an agent's Deployment, from the same options
 * as `generateKubernetesHpa`: a Prometheus trigger on the queue depth (replicas =
 * ceil(depth / itemsPerReplica)) and a CPU trigger, never below `minReplicas` (2). KEDA
 * creates and owns the HPA itself: deploy one or the other, not both.
 */
export function generateKedaScaledObject(options: AutoscalingOptions) {
  const resolved = resolveAutoscalingOptions(options, 'generateKedaScaledObject()');
  const target = autoscalerTarget(resolved);
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: target.metadata,
    spec: {
      scaleTargetRef: target.scaleTargetRef,
      minReplicaCount: resolved.minReplicas,
      maxReplicaCount: resolved.maxReplicas,
      triggers: [
        {
          type: 'prometheus',
          metadata: {
            serverAddress: resolved.prometheusUrl,
            query: queueDepthQuery(resolved),
            threshold: String(resolved.itemsPerReplica),
          },
        },
        {
          type: 'cpu',
          metricType: 'Utilization',
          metadata: { value: String(resolved.cpuUtilizationPercent) },
        },
      ],
    },
  };
}

export function renderKedaScaledObject(options: AutoscalingOptions): string {
  return toYaml(generateKedaScaledObject(options) as unknown as YamlValue);
}
