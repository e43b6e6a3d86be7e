/** List prices of a model in USD per million tokens. */
export interface ModelPrice {
  /** Uncached input (prompt) tokens. */
  readonly input: number;
  /** Output (completion, including reasoning) tokens. */
  readonly output: number;
  /** Input tokens served from the provider's prompt cache; `input` when absent. */
  readonly cachedInput?: number;
  /** The GenAI semantic-conventions provider name (`gen_ai.provider.name`) that sells the model at this price. */
  readonly provider?: string;
}

/** Token counts of one model call. `inputTokens` includes `cachedInputTokens`. */
export interface TokenCounts {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
}
