import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AutoscalingOptions } from './autoscaling-options.js';
import { generateKedaScaledObject, renderKedaScaledObject } from './keda-scaled-object.js';
import { generateKubernetesHpa, prometheusAdapterRule, renderKubernetesHpa } from './kubernetes-hpa.js';

const OPTIONS: AutoscalingOptions = {
  deployment: 'support-bot',
  agentName: 'support-bot',
  queueName: 'tickets',
};

describe('autoscaling from one configuration', () => {
  it('writes an HPA that the published autoscaling/v2 schema accepts, with CPU and queue depth, at least 2 replicas', () => {
    const hpa = generateKubernetesHpa({ ...OPTIONS, namespace: 'agents' });
    expect(() => new HorizontalPodAutoscaler(hpa as never).validate()).not.toThrow();
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.metrics.map((metric) => metric.type)).toEqual(['Resource', 'External']);
    expect(hpa.spec.metrics[0]).toMatchObject({
      resource: { name: 'cpu', target: { averageUtilization: 80 } },
    });
    expect(hpa.spec.metrics[1]).toMatchObject({
      external: {
        metric: {
          name: 'agent_queue_depth',
          selector: { matchLabels: { gen_ai_agent_name: 'support-bot', agent_queue_name: 'tickets' } },
        },
        target: { type: 'AverageValue', averageValue: '10' },
      },
    });
    expect(prometheusAdapterRule(OPTIONS).metricsQuery).toBe('max(<<.Series>>{<<.LabelMatchers>>})');
  });

  it('writes a KEDA ScaledObject that the published keda.sh/v1alpha1 schema accepts, from the same options', () => {
    const scaled = generateKedaScaledObject({
      ...OPTIONS,
      itemsPerReplica: 5,
      prometheusUrl: 'http://prometheus:9090',
    });
    expect(() => new ScaledObject(scaled as never).validate()).not.toThrow();
    expect(scaled.spec.minReplicaCount).toBe(2);
    expect(scaled.spec.triggers[0]).toEqual({
      type: 'prometheus',
      metadata: {
        serverAddress: 'http://prometheus:9090',
        query: 'max(agent_queue_depth{gen_ai_agent_name="support-bot", agent_queue_name="tickets"})',
        threshold: '5',
      },
    });
    expect(scaled.spec.triggers[1]).toEqual({
      type: 'cpu',
      metricType: 'Utilization',
      metadata: { value: '80' },
    });
  });

  it('renders YAML that reads back as the same objects', () => {
    expect(parse(renderKubernetesHpa(OPTIONS))).toEqual(generateKubernetesHpa(OPTIONS));
    expect(parse(renderKedaScaledObject(OPTIONS))).toEqual(generateKedaScaledObject(OPTIONS));
  });

  it('refuses bad configuration with every bad field named', () => {
    expect(() =>
      generateKubernetesHpa({
        ...OPTIONS,
        deployment: 'Support Bot',
        minReplicas: 0,
        cpuUtilizationPercent: 150,
      }),
    ).toThrow(
      /deployment:[\s\S]*cpuUtilizationPercent:[\s\S]*minReplicas:|deployment:[\s\S]*minReplicas:[\s\S]*cpuUtilizationPercent:/,
    );
    expect(() => generateKedaScaledObject({ ...OPTIONS, minReplicas: 5, maxReplicas: 3 })).toThrow(
      /maxReplicas: 3 is below minReplicas 5/,
    );
    expect(() => generateKedaScaledObject({ ...OPTIONS, prometheusUrl: 'ftp://x' })).toThrow(/prometheusUrl/);
  });

  it('refuses an HPA whose selector the API server would reject, and lets KEDA query any name', () => {
    const spaced = { ...OPTIONS, agentName: 'Support Bot', queueName: `tickets-${'x'.repeat(60)}` };
    expect(() => generateKubernetesHpa(spaced)).toThrow(
      /agentName: "Support Bot" is not a Kubernetes label value[\s\S]*queueName: "tickets-x+" is not a Kubernetes label value/,
    );
    expect(() =>
      generateKubernetesHpa({ ...OPTIONS, agentName: 'support.bot_v2', queueName: 'T1' }),
    ).not.toThrow();
    expect(generateKedaScaledObject(spaced).spec.triggers[0]?.metadata.query).toContain(
      'gen_ai_agent_name="Support Bot"',
    );
  });
});
