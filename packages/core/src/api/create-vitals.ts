import { logs, metrics, trace } from '@opentelemetry/api';
import { EventStream } from '../events/event-stream.js';
import type { VitalsEvent } from '../events/vitals-event.js';
import type { Guard } from '../guard/guard.js';
import { NameLimiter } from '../limits/name-limiter.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-version.js';
import { createPricing } from '../pricing/pricing.js';
import { ATTR_AGENT_RUN_OUTCOME, ATTR_GEN_AI_AGENT_NAME } from '../semconv/attributes.js';
import { dormancyCheck } from '../vitals/dormancy.js';
import { createGauges } from '../vitals/gauges.js';
import { guardedClock } from '../vitals/guarded-clock.js';
import { createInstruments } from '../vitals/instruments.js';
import type { VitalsShared } from '../vitals/internals.js';
import type { VitalsState } from '../vitals/state.js';
import type { Vitals, VitalsOptions } from '../vitals/types.js';
import { readVitalsOptions, validateVitalsOptions } from '../vitals/validate-options.js';
import { buildVitals } from './vitals-api.js';

/** `gen_ai.agent.name` and the `agent.runs` outcome attribute sets of one agent, frozen. */
export function agentAttributeSets(agentName: string) {
  const agentAttributes = Object.freeze({ [ATTR_GEN_AI_AGENT_NAME]: agentName });
  return {
    agentAttributes,
    runAttributes: {
      success: Object.freeze({ ...agentAttributes, [ATTR_AGENT_RUN_OUTCOME]: 'success' }),
      error: Object.freeze({ ...agentAttributes, [ATTR_AGENT_RUN_OUTCOME]: 'error' }),
    },
  };
}

/**
 * Creates the vitals API for one agent. Instruments, attribute sets, redaction and guards
 * are prepared here, once; the methods then only record. Bad options throw a TypeError
 * naming each bad field; bad values at run time are dropped with a `diag` warning.
 */
export function createVitals(given: VitalsOptions): Vitals {
  try {
    return buildInstance(readVitalsOptions(given));
  } catch (error) {
    if (error instanceof TypeError) throw error;
    // A getter or hook in the options threw: a configuration mistake, reported as one.
    throw new TypeError('createVitals(): the options could not be used (reading or applying one threw)', {
      cause: error,
    });
  }
}

function buildInstance(options: VitalsOptions): Vitals {
  const config = validateVitalsOptions(options);
  const agentName = config.agentName;
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(PACKAGE_NAME, PACKAGE_VERSION);
  const tracerProvider = options.tracerProvider ?? trace.getTracerProvider();
  const tracer = tracerProvider.getTracer(PACKAGE_NAME, PACKAGE_VERSION);
  const otelLogger = (options.loggerProvider ?? logs.getLoggerProvider()).getLogger(
    PACKAGE_NAME,
    PACKAGE_VERSION,
  );
  const limits = options.limits ?? {};
  const maxNameLength = limits.maxNameLength ?? 128;
  const instruments = createInstruments(meter);

  const guards: Guard[] = [];
  const state: VitalsState = {
    agentName,
    ...agentAttributeSets(agentName),
    instruments,
    tracer,
    tracing: options.tracing !== false,
    dormant: dormancyCheck(meter, tracerProvider, options.tracing !== false),
    logger: otelLogger,
    events: new EventStream<VitalsEvent>(),
    clock: guardedClock(options.clock),
    guards,
    guardLists: [guards],
    calls: { last: 0 },
    toolNames: new NameLimiter({
      kind: 'tool name',
      maxDistinct: limits.maxToolNames ?? 200,
      maxLength: maxNameLength,
    }),
    models: new NameLimiter({
      kind: 'model',
      maxDistinct: limits.maxModelNames ?? 50,
      maxLength: maxNameLength,
    }),
    providers: new NameLimiter({
      kind: 'provider',
      maxDistinct: limits.maxModelNames ?? 50,
      maxLength: maxNameLength,
    }),
    otherValues: new NameLimiter({
      kind: 'queue, reason or operation',
      maxDistinct: limits.maxOtherValues ?? 50,
      maxLength: maxNameLength,
    }),
    pricing: createPricing(options.pricing),
    outsideRun: { tokensSinceAction: 0 },
    toolSeries: new Map(),
    resolvedTools: new Map(),
    reasoningAttributes: new Map(),
    requestedModels: new Map(),
    usageSeries: new Map(),
    unpricedModels: new Set(),
  };
  const shared: VitalsShared = {
    generateRequestId: options.generateRequestId ?? (() => globalThis.crypto.randomUUID()),
    thoughts: options.thoughts,
    sentiment: options.sentiment,
    gauges: createGauges(instruments),
  };
  const vitals = buildVitals(state, shared);
  for (const guard of config.guards) vitals.use(guard);
  return vitals;
}
