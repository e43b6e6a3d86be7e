/**
 * Attribute keys used on Agent Vitals metrics, spans and log records.
 *
 * Keys in the `gen_ai.*` and `error.*` namespaces are the OpenTelemetry GenAI
 * semantic conventions; keys in the `agent.*` namespace are Agent Vitals' own.
 */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_AGENT_ID = 'gen_ai.agent.id';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_ERROR_TYPE = 'error.type';

export const ATTR_AGENT_TOOL_OUTCOME = 'agent.tool.outcome';
export const ATTR_AGENT_RUN_OUTCOME = 'agent.run.outcome';
export const ATTR_AGENT_REQUEST_ID = 'agent.request.id';
export const ATTR_AGENT_SENTIMENT_LABEL = 'agent.sentiment.label';
export const ATTR_AGENT_QUEUE_NAME = 'agent.queue.name';
export const ATTR_AGENT_ESCALATION_REASON = 'agent.escalation.reason';
export const ATTR_AGENT_ALERT_NAME = 'agent.alert.name';
export const ATTR_AGENT_ALERT_SEVERITY = 'agent.alert.severity';
export const ATTR_AGENT_BREAKER_NAME = 'agent.breaker.name';
/** `agent.telemetry.dropped`: the signal lost (`logs`, `spans`, `metrics`) and why. */
export const ATTR_AGENT_TELEMETRY_SIGNAL = 'agent.telemetry.signal';
export const ATTR_AGENT_TELEMETRY_DROP_REASON = 'agent.telemetry.drop.reason';
export const ATTR_AGENT_COST_USD = 'agent.cost.usd';

/** Resource attribute keys. */
export const ATTR_SERVICE_NAME = 'service.name';
export const ATTR_SERVICE_VERSION = 'service.version';
export const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
