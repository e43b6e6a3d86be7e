import { type Attributes, logs, metrics, type ObservableResult, trace } from '@opentelemetry/api';
import type { Disposable } from '../events/disposable.js';
import { EventStream } from '../events/event-stream.js';
import type { GuardEvent, VitalsEvent } from '../events/vitals-event.js';
import type { Guard, GuardHost } from '../guard/guard.js';
import { NameLimiter } from '../limits/name-limiter.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-version.js';
import { createPricing } from '../pricing/pricing.js';
import {
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ALERT_SEVERITY,
  ATTR_AGENT_BREAKER_NAME,
  ATTR_AGENT_QUEUE_NAME,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
} from '../semconv/attributes.js';
import { BREAKER_STATE_VALUES } from '../semconv/values.js';
import { recordAction } from './action.js';
import { createEscalations } from './escalations.js';
import { createInstruments } from './instruments.js';
import { vitalsLogger } from './numbers.js';
import { runReasoning } from './reasoning.js';
import { runAgent } from './run.js';
import { createSentimentRecorder } from './sentiment.js';
import { currentRequestId, type VitalsState } from './state.js';
import { createThoughtRecorder } from './thoughts.js';
import { invokeTool } from './tool.js';
import type { Vitals, VitalsOptions } from './types.js';
import { recordUsage } from './usage.js';
import { validateVitalsOptions } from './validate-options.js';

/**
 * Creates the vitals API for one agent. Instruments, attribute sets, redaction and guards
 * are prepared here, once; the methods then only record. Bad options throw a TypeError
 * naming each bad field; bad values at run time are dropped with a `diag` warning.
 */
export function createVitals(options: VitalsOptions): Vitals {
  const config = validateVitalsOptions(options);
  const agentName = config.agentName;
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(PACKAGE_NAME, PACKAGE_VERSION);
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    PACKAGE_NAME,
    PACKAGE_VERSION,
  );
  const otelLogger = (options.loggerProvider ?? logs.getLoggerProvider()).getLogger(
    PACKAGE_NAME,
    PACKAGE_VERSION,
  );
  const limits = options.limits ?? {};
  const maxNameLength = limits.maxNameLength ?? 128;
  const events = new EventStream<VitalsEvent>();
  const agentAttributes = Object.freeze({ [ATTR_GEN_AI_AGENT_NAME]: agentName });

  const state: VitalsState = {
    agentName,
    agentAttributes,
    runAttributes: {
      success: Object.freeze({ ...agentAttributes, [ATTR_AGENT_RUN_OUTCOME]: 'success' }),
      error: Object.freeze({ ...agentAttributes, [ATTR_AGENT_RUN_OUTCOME]: 'error' }),
    },
    instruments: createInstruments(meter),
    tracer,
    logger: otelLogger,
    events,
    clock: options.clock ?? Date.now,
    guards: [],
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
    toolAttributes: new Map(),
    unpricedModels: new Set(),
  };
  const generateRequestId = options.generateRequestId ?? (() => globalThis.crypto.randomUUID());
  const thought = createThoughtRecorder(otelLogger, agentName, options.thoughts);
  const sentiment = createSentimentRecorder(state, options.sentiment);

  // Observable gauges: queue depths read at collection, breaker states kept from guard events.
  const queues = new Map<string, { read: () => number; attributes: Attributes }>();
  state.instruments.queueDepth.addCallback((result: ObservableResult) => {
    for (const [name, queue] of queues) {
      let depth: unknown;
      try {
        depth = queue.read();
      } catch (error) {
        vitalsLogger.warn(`reading queue '${name}' threw; no depth reported this time`, error);
        continue;
      }
      if (typeof depth === 'number' && Number.isFinite(depth) && depth >= 0)
        result.observe(depth, queue.attributes);
      else vitalsLogger.warn(`queue '${name}' depth must be a finite number >= 0; got ${String(depth)}`);
    }
  });
  const breakers = new Map<string, { value: number; attributes: Attributes }>();
  state.instruments.breakerState.addCallback((result: ObservableResult) => {
    for (const breaker of breakers.values()) result.observe(breaker.value, breaker.attributes);
  });

  const recordGuardEvent = (event: GuardEvent) => {
    if (event.type === 'alert.fire') {
      state.instruments.alerts.add(1, {
        ...agentAttributes,
        [ATTR_AGENT_ALERT_NAME]: state.otherValues.bound(event.alertName),
        [ATTR_AGENT_ALERT_SEVERITY]: event.severity,
      });
    } else if (event.type === 'breaker.state') {
      const name = state.otherValues.bound(event.breakerName);
      breakers.set(name, {
        value: BREAKER_STATE_VALUES[event.state],
        attributes: { ...agentAttributes, [ATTR_AGENT_BREAKER_NAME]: name },
      });
    }
  };

  const escalations = createEscalations(state);
  const attached = new Map<Guard, Disposable>();

  const vitals: Vitals = {
    agentName,
    events,
    run: (fn, runOptions) => runAgent(state, generateRequestId, fn, runOptions),
    reasoning: (fn, reasoningOptions) => runReasoning(state, fn, reasoningOptions),
    tool(name, fn, toolOptions) {
      if (typeof name !== 'string' || name.length === 0)
        throw new TypeError('vitals.tool() needs a non-empty tool name');
      if (typeof fn !== 'function') throw new TypeError(`vitals.tool('${name}') needs a function`);
      if (toolOptions?.validate !== undefined && typeof toolOptions.validate !== 'function') {
        throw new TypeError(`vitals.tool('${name}'): 'validate' must be a function`);
      }
      const wrapped = function (this: unknown, ...args: unknown[]) {
        return invokeTool(state, name, fn, this, args as Parameters<typeof fn>, toolOptions);
      };
      Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
      Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
      return wrapped as unknown as typeof fn;
    },
    callTool: (name, fn, thisArg, args, toolOptions) =>
      invokeTool(state, name, fn, thisArg, args, toolOptions),
    usage: (usage) => recordUsage(state, usage, usage?.operation),
    action: () => recordAction(state),
    sentiment,
    heartbeat() {
      const time = state.clock();
      state.instruments.heartbeat.record(time / 1000, agentAttributes);
      if (events.active) events.emit({ type: 'heartbeat', agentName, time, requestId: currentRequestId() });
    },
    thought,
    escalate: escalations.escalate,
    resolveEscalation: escalations.resolveEscalation,
    queueDepth(queueName, read) {
      if (typeof queueName !== 'string' || queueName.length === 0) {
        throw new TypeError('vitals.queueDepth() needs a non-empty queue name');
      }
      if (typeof read !== 'function')
        throw new TypeError(`vitals.queueDepth('${queueName}') needs a function`);
      const name = state.otherValues.bound(queueName);
      const entry = { read, attributes: { ...agentAttributes, [ATTR_AGENT_QUEUE_NAME]: name } };
      queues.set(name, entry);
      return {
        dispose() {
          if (queues.get(name) === entry) queues.delete(name);
        },
      };
    },
    use(guard) {
      if (typeof guard?.check !== 'function' || typeof guard?.attach !== 'function') {
        throw new TypeError('vitals.use() needs a guard with check() and attach()');
      }
      const existing = attached.get(guard);
      if (existing) return existing;
      const host: GuardHost = {
        agentName,
        events,
        now: state.clock,
        emit(event) {
          try {
            recordGuardEvent(event);
          } catch (error) {
            vitalsLogger.error('recording a guard event failed', error);
          }
          events.emit(event);
        },
      };
      state.guards.push(guard);
      let detach: Disposable | undefined;
      try {
        detach = guard.attach(host);
      } catch (error) {
        state.guards.splice(state.guards.indexOf(guard), 1);
        throw error;
      }
      const handle: Disposable = {
        dispose() {
          if (attached.get(guard) !== handle) return;
          attached.delete(guard);
          const index = state.guards.indexOf(guard);
          if (index >= 0) state.guards.splice(index, 1);
          detach?.dispose();
        },
      };
      attached.set(guard, handle);
      return handle;
    },
    currentRequestId,
  };

  for (const guard of config.guards) vitals.use(guard);
  return vitals;
}
