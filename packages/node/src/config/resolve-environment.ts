import { ATTR_DEPLOYMENT_ENVIRONMENT_NAME } from '@agentvitals/core';
import type { StartOptions } from '../types.js';
import { ConfigurationError } from './configuration-error.js';
import { ENVIRONMENTS, type Environment } from './schema.js';

/** Spellings of `deployment.environment.name` other services commonly use, and what they mean here. */
const ALIASES: Readonly<Record<string, Environment>> = { development: 'dev', production: 'prod' };

interface Declaration {
  readonly source: string;
  readonly value: Environment;
}

function fromAttribute(value: unknown, source: string, issues: string[]): Declaration | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  const environment = (ENVIRONMENTS as readonly string[]).includes(text)
    ? (text as Environment)
    : ALIASES[text];
  if (environment === undefined) {
    issues.push(
      `${source}: "${String(value)}" is not an Agent Vitals environment (use ${ENVIRONMENTS.join(', ')}; development and production are read as dev and prod)`,
    );
    return undefined;
  }
  return { source, value: environment };
}

/**
 * The deployment environment, from the most specific source that names one: the `environment`
 * option, `deployment.environment.name` in the `resourceAttributes` option, AGENTVITALS_ENVIRONMENT,
 * `deployment.environment.name` in OTEL_RESOURCE_ATTRIBUTES; else `prod` when NODE_ENV=production,
 * else `dev`. The option still wins over AGENTVITALS_ENVIRONMENT, as every option wins over its
 * variable; but the standard `deployment.environment.name` must agree with whatever else is set,
 * or `start()` refuses with a `ConfigurationError` naming both: the environment decides the
 * production checks and the label every signal carries, so a silent pick would hide a mistake.
 */
export function resolveEnvironment(
  given: StartOptions,
  fromEnv: StartOptions,
  env: Readonly<Record<string, string | undefined>>,
): Environment {
  const issues: string[] = [];
  const standard = [
    fromAttribute(
      given.resourceAttributes?.[ATTR_DEPLOYMENT_ENVIRONMENT_NAME],
      `resourceAttributes["${ATTR_DEPLOYMENT_ENVIRONMENT_NAME}"]`,
      issues,
    ),
    fromAttribute(
      fromEnv.resourceAttributes?.[ATTR_DEPLOYMENT_ENVIRONMENT_NAME],
      `${ATTR_DEPLOYMENT_ENVIRONMENT_NAME} in OTEL_RESOURCE_ATTRIBUTES`,
      issues,
    ),
  ].filter((declaration): declaration is Declaration => declaration !== undefined);
  const specific = [
    given.environment === undefined ? undefined : { source: 'environment', value: given.environment },
    fromEnv.environment === undefined
      ? undefined
      : { source: 'AGENTVITALS_ENVIRONMENT', value: fromEnv.environment },
  ].filter((declaration): declaration is Declaration => declaration !== undefined);

  const all = [...specific, ...standard];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [first, second] = [all[i]!, all[j]!];
      if (first.value === second.value) continue;
      // The option overriding AGENTVITALS_ENVIRONMENT is the ordinary rule, not a conflict.
      if (!standard.includes(first) && !standard.includes(second)) continue;
      issues.push(
        `${second.source} says ${second.value} but ${first.source} says ${first.value}: make them agree, or remove one`,
      );
    }
  }
  if (issues.length > 0) throw new ConfigurationError('Invalid Agent Vitals configuration:', issues);
  const chosen = specific[0] ?? standard[0];
  return chosen?.value ?? (env.NODE_ENV === 'production' ? 'prod' : 'dev');
}
