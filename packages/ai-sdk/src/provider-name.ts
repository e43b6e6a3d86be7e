/**
 * AI SDK provider ids (`openai.chat`, `anthropic.messages`, `google.generative-ai`) mapped to
 * `gen_ai.provider.name` values. An id not listed gives undefined, and core then infers the
 * provider from the model name.
 */
const PROVIDERS: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'gcp.gemini',
  'google.vertex': 'gcp.vertex_ai',
  vertex: 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  deepseek: 'deepseek',
  xai: 'x_ai',
  groq: 'groq',
  'amazon-bedrock': 'aws.bedrock',
  bedrock: 'aws.bedrock',
  azure: 'azure.ai.openai',
  cohere: 'cohere',
  perplexity: 'perplexity',
};

/** The `gen_ai.provider.name` for an AI SDK provider id, when it is a known one. */
export function providerName(providerId: unknown): string | undefined {
  if (typeof providerId !== 'string') return undefined;
  const [family = '', second] = providerId.toLowerCase().split('.');
  return PROVIDERS[`${family}.${second}`] ?? PROVIDERS[family];
}
