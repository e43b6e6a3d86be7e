import {
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_GEN_AI_AGENT_ID,
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@agentvitals/core';
import type { Attributes } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  hostDetector,
  processDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { ResolvedConfig } from '../types.js';

/** Process attributes left out: the command line can carry secrets (tokens passed as flags). */
const OMITTED = ['process.command_args', 'process.command_line'];

/**
 * The resource every signal carries: the SDK's `telemetry.sdk.*`, host and process attributes, then the resource
 * attributes from OTEL_RESOURCE_ATTRIBUTES and options, then the identity Agent Vitals owns
 * (service name, version, instance id, environment and agent id), which always wins.
 */
export async function createResource(config: ResolvedConfig): Promise<Resource> {
  const detected = detectResources({ detectors: [hostDetector, processDetector] });
  await detected.waitForAsyncAttributes?.();
  const platform: Attributes = { ...detected.attributes };
  for (const key of OMITTED) delete platform[key];

  const identity: Attributes = {
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_INSTANCE_ID]: config.serviceInstanceId,
    [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: config.environment,
    [ATTR_GEN_AI_AGENT_ID]: config.agentId,
  };
  if (config.serviceVersion !== undefined) identity[ATTR_SERVICE_VERSION] = config.serviceVersion;

  return defaultResource().merge(
    resourceFromAttributes({ ...platform, ...config.resourceAttributes, ...identity }),
  );
}
