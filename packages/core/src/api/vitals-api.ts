import type { Attributes } from '@opentelemetry/api';
import type { Disposable } from '../events/disposable.js';
import type { GuardEvent } from '../events/vitals-event.js';
import type { Guard, GuardHost } from '../guard/guard.js';
import { unobserved } from '../pipeline/guard-decision.js';
import { callReasoning } from '../pipeline/reasoning-recorder.js';
import { callRun } from '../pipeline/run-recorder.js';
import { callTool, type ToolCallOptions } from '../pipeline/tool-recorder.js';
import {
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ALERT_SEVERITY,
  ATTR_AGENT_BREAKER_NAME,
  ATTR_AGENT_QUEUE_NAME,
} from '../semconv/attributes.js';
import { BREAKER_STATE_VALUES } from '../semconv/values.js';
import { recordAction } from '../vitals/action.js';
import { createEscalations } from '../vitals/escalations.js';
import { registerInternals, type VitalsShared } from '../vitals/internals.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { readOptions } from '../vitals/read-options.js';
import { createSentimentRecorder } from '../vitals/sentiment.js';
import { currentRequestId, type VitalsState } from '../vitals/state.js';
import { createThoughtRecorder, type ThoughtRecorder } from '../vitals/thoughts.js';
import type { ToolOptions, Vitals } from '../vitals/types.js';
import { recordUsage } from '../vitals/usage.js';

type AnyFunction = (...args: any[]) => any;

/** What a disposed queue reads. */
const EMPTY_QUEUE = () => 0;

/**
 * Tool options read once, safely (a throwing getter is ignored with a warning), in the shape
 * `wrap()` gives its tool calls, so `callTool` reads one shape of options from both.
 */
function toolCallOptions(options: ToolOptions<AnyFunction> | undefined): ToolCallOptions {
  const read = readOptions(options, ['validate', 'returnsPromise']);
  return {
    validate: read.validate as ToolOptions<AnyFunction>['validate'],
    returnsPromise: read.returnsPromise === true,
    mark: undefined,
    guardOnly: false,
    inputArgs: undefined,
    parent: undefined,
  };
}

/**
 * The vitals API over one state: a vitals instance's, or a per-agent view's. Every call
 * method goes through the pipeline (`../pipeline/`); the signal methods record directly.
 */
export function buildVitals(state: VitalsState, shared: VitalsShared): Vitals {
  const { agentName, agentAttributes, events } = state;
  const thought: ThoughtRecorder = createThoughtRecorder(state.logger, agentName, shared.thoughts);
  const sentiment = createSentimentRecorder(state, shared.sentiment);
  const escalations = createEscalations(state);
  const attached = new Map<Guard, Disposable>();
  const gaugeKey = (name: string) => `${agentName}\u0000${name}`;

  type BreakerGauge = { value: number; attributes: Attributes };
  /** Records a guard event; `published` collects the breaker gauges this attachment set. */
  const recordGuardEvent = (event: GuardEvent, published: Map<string, BreakerGauge>) => {
    if (event.type === 'alert.fire') {
      state.instruments.alerts.add(1, {
        ...agentAttributes,
        [ATTR_AGENT_ALERT_NAME]: state.otherValues.bound(event.alertName),
        [ATTR_AGENT_ALERT_SEVERITY]: event.severity,
      });
    } else if (event.type === 'breaker.state') {
      const name = state.otherValues.bound(event.breakerName);
      const gauge: BreakerGauge = {
        value: BREAKER_STATE_VALUES[event.state],
        attributes: { ...agentAttributes, [ATTR_AGENT_BREAKER_NAME]: name },
      };
      shared.gauges.breakers.set(gaugeKey(name), gauge);
      published.set(gaugeKey(name), gauge);
    }
  };

  const vitals: Vitals = {
    agentName,
    events,
    run: (fn, runOptions) => callRun(state, shared.generateRequestId, fn, runOptions),
    reasoning: (fn, reasoningOptions) => callReasoning(state, fn, reasoningOptions),
    tool(name, fn, toolOptions) {
      if (typeof name !== 'string' || name.length === 0)
        throw new TypeError('vitals.tool() needs a non-empty tool name');
      if (typeof fn !== 'function') throw new TypeError(`vitals.tool('${name}') needs a function`);
      const options = toolCallOptions(toolOptions);
      if (options.validate !== undefined && typeof options.validate !== 'function') {
        throw new TypeError(`vitals.tool('${name}'): 'validate' must be a function`);
      }
      const wrapped = function (this: unknown, ...args: unknown[]) {
        if (unobserved(state)) return fn.apply(this, args);
        return callTool(state, name, fn, this, args, options);
      };
      Object.defineProperty(wrapped, 'name', { value: fn.name, configurable: true });
      Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
      return wrapped as unknown as typeof fn;
    },
    callTool: (name, fn, thisArg, args, toolOptions) =>
      callTool(state, name, fn, thisArg, args, toolCallOptions(toolOptions as ToolOptions<AnyFunction>)),
    usage(usage) {
      const operation = readOptions(usage, ['operation']).operation;
      recordUsage(state, usage, operation as string | undefined);
    },
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
      const key = gaugeKey(name);
      const entry = { name, read, attributes: { ...agentAttributes, [ATTR_AGENT_QUEUE_NAME]: name } };
      shared.gauges.queues.set(key, entry);
      return {
        dispose() {
          // The SDK keeps exporting the last value of a series nobody observes any more, so a
          // removed queue would stay at its last depth (and keep an autoscaler busy): it reads 0.
          // Entries are bounded by the queue-name cap; a new queueDepth() of the name replaces it.
          if (shared.gauges.queues.get(key) === entry)
            shared.gauges.queues.set(key, { ...entry, read: EMPTY_QUEUE });
        },
      };
    },
    use(guard) {
      if (typeof guard?.check !== 'function' || typeof guard?.attach !== 'function') {
        throw new TypeError('vitals.use() needs a guard with check() and attach()');
      }
      const existing = attached.get(guard);
      if (existing) return existing;
      const published = new Map<string, BreakerGauge>();
      const host: GuardHost = {
        agentName,
        events,
        now: state.clock,
        emit(event) {
          try {
            recordGuardEvent(event, published);
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
          // A detached guard's breakers stop no call any more: they read closed, rather than
          // staying at their last state (the SDK keeps exporting it) and firing AgentBreakerOpen.
          for (const [key, gauge] of published) {
            if (shared.gauges.breakers.get(key) === gauge) {
              shared.gauges.breakers.set(key, { ...gauge, value: BREAKER_STATE_VALUES.closed });
            }
          }
          published.clear();
        },
      };
      attached.set(guard, handle);
      return handle;
    },
    currentRequestId,
  };
  return registerInternals(vitals, { state, shared });
}
