import { genAiSemconvViews } from '@agentvitals/core';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * The views of the meter provider:
 *
 * - one for every instrument that only caps cardinality: past `limit` attribute sets an
 *   instrument records into a single `otel.metric.overflow=true` series instead of growing
 *   without bound. The aggregation stays the default, so the explicit bucket boundaries the
 *   core instruments give as advice (GenAI semconv buckets) still apply;
 * - with `genAiStreams`, one per GenAI semantic-convention metric Agent Vitals can derive
 *   (`gen_ai.client.operation.duration`, `gen_ai.invoke_agent.duration`,
 *   `gen_ai.execute_tool.duration`): a second stream of the same measurements under the
 *   convention's name. Views that match one instrument each make one stream each.
 */
export function createViews(cardinalityLimit: number, genAiStreams: boolean): ViewOptions[] {
  const views: ViewOptions[] = [{ instrumentName: '*', aggregationCardinalityLimit: cardinalityLimit }];
  if (genAiStreams) views.push(...genAiSemconvViews({ cardinalityLimit }));
  return views;
}
