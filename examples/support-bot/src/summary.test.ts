import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './prometheus-text.js';
import { renderSummary, summarize } from './summary.js';

const A = 'gen_ai_agent_name="bot"';
const TEXT = [
  `agent_runs_total{${A},agent_run_outcome="success"} 9`,
  `agent_runs_total{${A},agent_run_outcome="error"} 1`,
  `agent_runs_total{gen_ai_agent_name="other",agent_run_outcome="success"} 100`,
  `agent_tool_calls_total{${A},gen_ai_tool_name="kb.search",agent_tool_outcome="success"} 6`,
  `agent_tool_calls_total{${A},gen_ai_tool_name="ticketing.update_ticket",agent_tool_outcome="success"} 2`,
  `agent_tool_calls_total{${A},gen_ai_tool_name="ticketing.update_ticket",agent_tool_outcome="error"} 2`,
  `agent_reasoning_duration_seconds_bucket{${A},gen_ai_request_model="gpt-4o-mini",le="0.1"} 5`,
  `agent_reasoning_duration_seconds_bucket{${A},gen_ai_request_model="gpt-4o-mini",le="0.2"} 10`,
  `agent_reasoning_duration_seconds_bucket{${A},gen_ai_request_model="gpt-4o-mini",le="+Inf"} 10`,
  `agent_reasoning_duration_seconds_count{${A},gen_ai_request_model="gpt-4o-mini"} 10`,
  `gen_ai_client_token_usage_sum{${A},gen_ai_token_type="input"} 1000`,
  `gen_ai_client_token_usage_sum{${A},gen_ai_token_type="output"} 200`,
  `agent_tokens_per_action_sum{${A}} 1200`,
  `agent_tokens_per_action_count{${A}} 8`,
  `agent_cost_USD_total{${A},gen_ai_request_model="gpt-4o-mini"} 0.0123`,
  `agent_sentiment_messages_total{${A},agent_sentiment_label="negative"} 3`,
  `agent_sentiment_messages_total{${A},agent_sentiment_label="neutral"} 5`,
  `agent_sentiment_messages_total{${A},agent_sentiment_label="positive"} 2`,
  `agent_escalations_total{${A},agent_escalation_reason="angry_customer"} 3`,
  `agent_escalations_total{${A},agent_escalation_reason="tool_failure"} 1`,
  `agent_escalation_backlog{${A}} 2`,
  `agent_alerts_total{${A},agent_alert_name="AgentNegativeSentiment",agent_alert_severity="warning"} 1`,
].join('\n');

describe('summarize', () => {
  it('computes the vitals of one agent from its series', () => {
    const summary = summarize(parsePrometheusText(TEXT), 'bot');
    expect(summary).toMatchObject({
      runs: 10,
      failedRuns: 1,
      toolCalls: 10,
      toolCallsByOutcome: { success: 8, error: 2 },
      reasoningCalls: 10,
      inputTokens: 1000,
      outputTokens: 200,
      tokensPerAction: 150,
      costUsd: 0.0123,
      sentimentMessages: 10,
      escalations: 4,
      escalationsByReason: { angry_customer: 3, tool_failure: 1 },
      openEscalations: 2,
      alertsByName: { AgentNegativeSentiment: 1 },
    });
    expect(summary.toolSuccessRate).toBeCloseTo(0.8);
    expect(summary.negativeSentimentRatio).toBeCloseTo(0.3);
    expect(summary.reasoningP50Seconds).toBeCloseTo(0.1);
    expect(summary.reasoningP95Seconds).toBeCloseTo(0.19);
  });

  it('gives n/a ratios, not NaN noise or division errors, without data', () => {
    const summary = summarize([], 'bot');
    expect(summary.runs).toBe(0);
    expect(summary.toolSuccessRate).toBeNaN();
    expect(summary.tokensPerAction).toBeNaN();
    const table = renderSummary(summary);
    expect(table).toContain('n/a');
    expect(table).not.toContain('NaN');
  });

  it('renders an aligned table', () => {
    const lines = renderSummary(summarize(parsePrometheusText(TEXT), 'bot')).split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines.join('\n')).toMatch(/tool success rate\s+\| 80\.0 %/);
    expect(lines.join('\n')).toMatch(/cost\s+\| \$0\.0123/);
  });
});
