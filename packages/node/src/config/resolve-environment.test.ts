import { describe, expect, it } from 'vitest';
import type { StartOptions } from '../types.js';
import { isConfigurationError } from './configuration-error.js';
import { resolveConfig } from './resolve-config.js';

const base = { agentName: 'support-bot' } satisfies StartOptions;

function issuesOf(options: StartOptions): readonly string[] {
  try {
    resolveConfig(options);
  } catch (error) {
    if (isConfigurationError(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('resolveConfig: the environment from deployment.environment.name', () => {
  it.each([
    ['staging', 'staging'],
    ['prod', 'prod'],
    ['dev', 'dev'],
    ['production', 'prod'],
    ['Development', 'dev'],
  ])('reads OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=%s as %s', (value, expected) => {
    const config = resolveConfig({
      ...base,
      env: { OTEL_RESOURCE_ATTRIBUTES: `service.namespace=care,deployment.environment.name=${value}` },
    });
    expect(config.environment).toBe(expected);
  });

  it('applies the checks of the environment it names: prod refuses the console exporter', () => {
    expect(
      issuesOf({
        ...base,
        console: true,
        env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production' },
      }),
    ).toEqual([expect.stringMatching(/^console is true/)]);
    expect(
      resolveConfig({
        ...base,
        env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging' },
      }).logger.level,
    ).toBe('info');
  });

  it('wins over NODE_ENV, which only decides when nothing names the environment', () => {
    expect(
      resolveConfig({
        ...base,
        env: { NODE_ENV: 'production', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging' },
      }).environment,
    ).toBe('staging');
  });

  it('reads the resourceAttributes option the same way', () => {
    expect(
      resolveConfig({ ...base, env: {}, resourceAttributes: { 'deployment.environment.name': 'staging' } })
        .environment,
    ).toBe('staging');
  });

  it('agrees silently when every source says the same', () => {
    expect(
      resolveConfig({
        ...base,
        environment: 'prod',
        env: {
          AGENTVITALS_ENVIRONMENT: 'prod',
          OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production',
        },
      }).environment,
    ).toBe('prod');
  });

  it.each([
    [
      {
        env: {
          AGENTVITALS_ENVIRONMENT: 'prod',
          OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging',
        },
      },
      'deployment.environment.name in OTEL_RESOURCE_ATTRIBUTES says staging but AGENTVITALS_ENVIRONMENT says prod',
    ],
    [
      { environment: 'dev', env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod' } },
      'deployment.environment.name in OTEL_RESOURCE_ATTRIBUTES says prod but environment says dev',
    ],
    [
      { environment: 'staging', resourceAttributes: { 'deployment.environment.name': 'prod' }, env: {} },
      'resourceAttributes["deployment.environment.name"] says prod but environment says staging',
    ],
    [
      {
        resourceAttributes: { 'deployment.environment.name': 'dev' },
        env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod' },
      },
      'deployment.environment.name in OTEL_RESOURCE_ATTRIBUTES says prod but resourceAttributes["deployment.environment.name"] says dev',
    ],
  ] as const)('refuses a conflict, naming both sources (%#)', (options, message) => {
    expect(issuesOf({ ...base, ...(options as StartOptions) })).toEqual([
      `${message}: make them agree, or remove one`,
    ]);
  });

  it('still lets the environment option win over AGENTVITALS_ENVIRONMENT, as every option wins over its variable', () => {
    expect(
      resolveConfig({ ...base, environment: 'staging', env: { AGENTVITALS_ENVIRONMENT: 'prod' } })
        .environment,
    ).toBe('staging');
  });

  it('refuses a value it cannot map, rather than guessing dev', () => {
    expect(
      issuesOf({ ...base, env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=qa' } }),
    ).toEqual([
      expect.stringMatching(
        /^deployment\.environment\.name in OTEL_RESOURCE_ATTRIBUTES: "qa" is not an Agent Vitals environment/,
      ),
    ]);
  });
});
