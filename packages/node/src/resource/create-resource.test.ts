import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolve-config.js';
import { createResource } from './create-resource.js';

describe('createResource', () => {
  it('carries identity, environment, agent id, host and process attributes', async () => {
    const config = resolveConfig({
      serviceName: 'support',
      serviceVersion: '1.4.0',
      agentName: 'support-bot',
      agentId: 'agent-0042',
      environment: 'staging',
      resourceAttributes: { team: 'care', 'service.name': 'ignored' },
      env: { OTEL_RESOURCE_ATTRIBUTES: 'region=eu-west-1,deployment.environment.name=staging' },
    });
    const { attributes } = await createResource(config);
    expect(attributes).toMatchObject({
      'service.name': 'support',
      'service.version': '1.4.0',
      'service.instance.id': config.serviceInstanceId,
      'deployment.environment.name': 'staging',
      'gen_ai.agent.id': 'agent-0042',
      team: 'care',
      region: 'eu-west-1',
      'process.pid': process.pid,
      'process.runtime.name': 'nodejs',
      'telemetry.sdk.language': 'nodejs',
    });
    expect(typeof attributes['host.name']).toBe('string');
    expect(attributes['process.command_args']).toBeUndefined();
  });
});

describe('createResource: the environment label', () => {
  it('takes deployment.environment.name from OTEL_RESOURCE_ATTRIBUTES when nothing more specific is set', async () => {
    const config = resolveConfig({
      agentName: 'support-bot',
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging' },
    });
    expect(config.environment).toBe('staging');
    const { attributes } = await createResource(config);
    expect(attributes['deployment.environment.name']).toBe('staging');
  });
});
