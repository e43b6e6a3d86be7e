import { z } from 'zod';
import { parseOptions } from '../../config/parse-options.js';

/** What both autoscalers are generated from: one configuration, two outputs. */
export interface AutoscalingOptions {
  /** The Deployment to scale (also the autoscaler's name). */
  readonly deployment: string;
  readonly namespace?: string;
  /** `gen_ai.agent.name` of the agent whose queue drives the scaling. */
  readonly agentName: string;
  /** `agent.queue.name` of the queue (`vitals.queueDepth(name, ...)`). */
  readonly queueName: string;
  /** Queue items one replica handles: replicas = ceil(depth / this). Default 10. */
  readonly itemsPerReplica?: number;
  /** Average CPU utilisation of the pods' requests to aim for, in percent. Default 80. */
  readonly cpuUtilizationPercent?: number;
  /** Default 2: one replica is a single point of failure for an agent in production. */
  readonly minReplicas?: number;
  /** Default 10. */
  readonly maxReplicas?: number;
  /** Prometheus as KEDA reaches it. Default `http://prometheus.monitoring.svc:9090`. */
  readonly prometheusUrl?: string;
  /** The Prometheus label that carries the agent name. Default `gen_ai_agent_name`. */
  readonly agentLabel?: string;
}

export type ResolvedAutoscalingOptions = Required<Omit<AutoscalingOptions, 'namespace'>> &
  Pick<AutoscalingOptions, 'namespace'>;

/** A Kubernetes object name: a DNS-1123 subdomain label. */
const kubernetesName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a Kubernetes name (lowercase letters, digits, -)')
  .max(63);

const schema = z.strictObject({
  deployment: kubernetesName,
  namespace: kubernetesName.optional(),
  agentName: z.string().min(1),
  queueName: z.string().min(1),
  itemsPerReplica: z.number().finite().positive().optional(),
  cpuUtilizationPercent: z.number().int().min(1).max(100).optional(),
  minReplicas: z.number().int().min(1).optional(),
  maxReplicas: z.number().int().min(1).optional(),
  prometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
  agentLabel: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name')
    .optional(),
});

/** Validates the options (a TypeError lists every bad field) and fills in the defaults. */
export function resolveAutoscalingOptions(
  options: AutoscalingOptions,
  what: string,
): ResolvedAutoscalingOptions {
  const parsed = parseOptions(schema, options, what);
  const resolved = {
    deployment: parsed.deployment,
    namespace: parsed.namespace,
    agentName: parsed.agentName,
    queueName: parsed.queueName,
    itemsPerReplica: parsed.itemsPerReplica ?? 10,
    cpuUtilizationPercent: parsed.cpuUtilizationPercent ?? 80,
    minReplicas: parsed.minReplicas ?? 2,
    maxReplicas: parsed.maxReplicas ?? 10,
    prometheusUrl: parsed.prometheusUrl ?? 'http://prometheus.monitoring.svc:9090',
    agentLabel: parsed.agentLabel ?? 'gen_ai_agent_name',
  };
  if (resolved.maxReplicas < resolved.minReplicas) {
    throw new TypeError(
      `${what}: invalid options\n  - maxReplicas: ${resolved.maxReplicas} is below minReplicas ${resolved.minReplicas}`,
    );
  }
  return resolved;
}

/** The metadata and scale target both autoscalers share: named after the Deployment they scale. */
export function autoscalerTarget(resolved: ResolvedAutoscalingOptions) {
  return {
    metadata: {
      name: resolved.deployment,
      ...(resolved.namespace === undefined ? {} : { namespace: resolved.namespace }),
      labels: { 'app.kubernetes.io/managed-by': 'agentvitals' },
    },
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: resolved.deployment },
  };
}
