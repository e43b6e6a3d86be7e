import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_SERVICE_NAME,
  METRIC_AGENT_ALERTS,
  METRIC_AGENT_BREAKER_STATE,
  METRIC_CATALOG,
  THOUGHT_EVENT_NAME,
} from '@agentvitals/core';
import { start } from '@agentvitals/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRM_KEY } from '../examples/support-bot/src/agent.js';
import type { DemoArgs } from '../examples/support-bot/src/args.js';
import { runDemo } from '../examples/support-bot/src/demo.js';
import type { ReceivedSpan } from './helpers/otlp-model.js';
import { type OtlpReceiver, startOtlpReceiver } from './helpers/otlp-receiver.js';

const TICKETS = 12;
const DEMO_ARGS: DemoArgs = {
  tickets: TICKETS,
  durationSeconds: undefined,
  concurrency: 3,
  port: undefined,
  host: undefined,
  seed: 42,
  lingerSeconds: 0,
  flakyRate: 0.5,
  refundLimitUsd: 200,
  latencyScale: 0,
  help: false,
};
const SPAN_KIND_CLIENT = 3;
const STATUS_CODE_ERROR = 2;
// Every catalog instrument the demo records; breaker state and alerts need a tripped breaker or a fired rule.
const EXPECTED_METRICS = METRIC_CATALOG.filter(
  (definition) => definition !== METRIC_AGENT_BREAKER_STATE && definition !== METRIC_AGENT_ALERTS,
);

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`OTLP export over ${protocol} to a receiver decoding the official protos`, () => {
    let receiver: OtlpReceiver;

    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      const av = await start({
        serviceName: 'support-bot',
        agentName: 'support-bot',
        environment: 'dev',
        prometheus: { enabled: false },
        otlp: { endpoint: receiver.endpoint, protocol, headers: { 'x-tenant': 'acme' } },
        logger: { level: 'silent' },
        signals: false,
        env: {},
      });
      try {
        await runDemo(av, DEMO_ARGS);
        await av.vitals.run(
          () => av.vitals.thought(`retrying with api key ${DEMO_CRM_KEY} for ops@example.com`),
          {
            requestId: 'req-secret',
          },
        );
        await av.flush();
      } finally {
        await av.shutdown();
      }
      const names = () => new Set(receiver.metrics.map((metric) => metric.name));
      await receiver.waitFor(
        () => EXPECTED_METRICS.every((definition) => names().has(definition.name)),
        10_000,
        `every catalog metric (got ${[...names()].join(', ')})`,
      );
    });

    afterAll(async () => {
      await receiver?.close();
    });

    it('decodes every request without error and sends the configured headers', () => {
      expect(receiver.errors).toEqual([]);
      const expectedType = protocol === 'http/protobuf' ? 'application/x-protobuf' : 'application/json';
      expect(new Set(receiver.requests.map((request) => request.contentType))).toEqual(
        new Set([expectedType]),
      );
      expect(new Set(receiver.requests.map((request) => request.signal))).toEqual(
        new Set(['traces', 'metrics', 'logs']),
      );
      expect(receiver.lastHeaders()['x-tenant']).toBe('acme');
    });

    it('sends one invoke_agent span per ticket with the resource', () => {
      const runs = receiver.spans.filter((span) => span.name === 'invoke_agent support-bot');
      expect(runs).toHaveLength(TICKETS + 1);
      for (const run of runs) {
        expect(run.parentSpanId).toBe('');
        expect(run.attributes).toMatchObject({
          [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent',
          [ATTR_GEN_AI_AGENT_NAME]: 'support-bot',
        });
        expect(run.resource).toMatchObject({
          [ATTR_SERVICE_NAME]: 'support-bot',
          [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: 'dev',
        });
      }
      expect(runs.map((run) => run.attributes[ATTR_AGENT_REQUEST_ID])).toContain('T-0001');
    });

    it('parents chat and execute_tool spans to their run, with gen_ai attributes', () => {
      const byId = new Map(receiver.spans.map((span) => [span.spanId, span]));
      const chats = receiver.spans.filter((span) => span.name === 'chat gpt-4o-mini');
      expect(chats.length).toBeGreaterThanOrEqual(TICKETS * 2);
      for (const chat of chats) {
        const parent = byId.get(chat.parentSpanId) as ReceivedSpan;
        expect(parent?.name).toBe('invoke_agent support-bot');
        expect(chat.traceId).toBe(parent.traceId);
        expect(chat.kind).toBe(SPAN_KIND_CLIENT);
        expect(chat.attributes).toMatchObject({
          [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
          [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
          [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        });
        expect(chat.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBeGreaterThan(0);
      }
      const tools = receiver.spans.filter((span) => span.name.startsWith('execute_tool '));
      expect(tools.length).toBeGreaterThanOrEqual(TICKETS);
      for (const tool of tools) {
        const parent = byId.get(tool.parentSpanId);
        expect(parent?.name).toBe('invoke_agent support-bot');
        expect(tool.traceId).toBe(parent?.traceId);
        expect(tool.name).toBe(`execute_tool ${tool.attributes[ATTR_GEN_AI_TOOL_NAME]}`);
        expect(tool.attributes[ATTR_GEN_AI_OPERATION_NAME]).toBe('execute_tool');
      }
    });

    it('marks a failed tool call with error.type and an error status', () => {
      const failed = receiver.spans.filter(
        (span) =>
          span.name === 'execute_tool ticketing.update_ticket' && span.status.code === STATUS_CODE_ERROR,
      );
      expect(failed.length).toBeGreaterThan(0);
      for (const span of failed) expect(span.attributes[ATTR_ERROR_TYPE]).toBe('ToolUnavailableError');
      const succeeded = receiver.spans.filter(
        (span) => span.name === 'execute_tool crm.lookup_customer' && span.status.code !== STATUS_CODE_ERROR,
      );
      expect(succeeded.length).toBeGreaterThan(0);
      for (const span of succeeded) expect(span.attributes[ATTR_ERROR_TYPE]).toBeUndefined();
    });

    it('exports the catalog metrics with their units, attributes and bucket bounds', () => {
      for (const definition of EXPECTED_METRICS) {
        const metrics = receiver.metrics.filter((metric) => metric.name === definition.name);
        expect(metrics.length, definition.name).toBeGreaterThan(0);
        for (const metric of metrics) {
          expect(metric.unit, definition.name).toBe(definition.unit);
          const expectedType = {
            counter: 'sum',
            updowncounter: 'sum',
            histogram: 'histogram',
            gauge: 'gauge',
          }[definition.kind];
          expect(metric.type, definition.name).toBe(expectedType);
          if (definition.kind === 'counter') expect(metric.isMonotonic, definition.name).toBe(true);
          if (definition.kind === 'updowncounter') expect(metric.isMonotonic, definition.name).toBe(false);
          for (const point of metric.points) {
            for (const key of Object.keys(point.attributes))
              expect(definition.attributes, definition.name).toContain(key);
            expect(point.attributes[ATTR_GEN_AI_AGENT_NAME], definition.name).toBe('support-bot');
            if (definition.buckets)
              expect(point.explicitBounds, definition.name).toEqual([...definition.buckets]);
          }
        }
      }
    });

    it('exports the values the workload produced', () => {
      const last = (name: string) => receiver.metrics.filter((metric) => metric.name === name).at(-1);
      const runs = last('agent.runs');
      expect(runs?.points.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBe(TICKETS + 1);
      const cost = last('agent.cost');
      expect(
        cost?.points.some((point) => point.attributes[ATTR_GEN_AI_REQUEST_MODEL] === 'gpt-4o-mini'),
      ).toBe(true);
      expect(cost?.points.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBeGreaterThan(0);
      const tokens = last('gen_ai.client.token.usage');
      const types = new Set(tokens?.points.map((point) => point.attributes['gen_ai.token.type']));
      expect(types).toEqual(new Set(['input', 'output']));
    });

    it('sends agent.thought log records correlated with their span and request id', () => {
      const thoughts = receiver.logs.filter((record) => record.eventName === THOUGHT_EVENT_NAME);
      expect(thoughts.length).toBeGreaterThanOrEqual(TICKETS);
      const spans = new Map(receiver.spans.map((span) => [span.spanId, span]));
      for (const thought of thoughts) {
        const span = spans.get(thought.spanId);
        expect(span, 'the span enclosing the thought').toBeDefined();
        expect(thought.traceId).toBe(span?.traceId);
        expect(thought.attributes[ATTR_AGENT_REQUEST_ID]).toBe(span?.attributes[ATTR_AGENT_REQUEST_ID]);
        expect(thought.attributes[ATTR_GEN_AI_AGENT_NAME]).toBe('support-bot');
      }
      const first = thoughts.find((record) => record.attributes[ATTR_AGENT_REQUEST_ID] === 'T-0001');
      expect(spans.get(first?.spanId ?? '')?.name).toBe('invoke_agent support-bot');
    });

    it('redacts secrets in thoughts before they leave the process', () => {
      const bodies = receiver.logs.map((record) => String(record.body));
      expect(bodies.join('\n')).not.toContain(DEMO_CRM_KEY);
      expect(bodies.join('\n')).not.toMatch(/[\w.]+@example\.com/);
      const secret = receiver.logs.find(
        (record) => record.attributes[ATTR_AGENT_REQUEST_ID] === 'req-secret',
      );
      expect(secret?.body).toBe('retrying with api key [REDACTED:openai_key] for [REDACTED:email]');
    });
  });
}
