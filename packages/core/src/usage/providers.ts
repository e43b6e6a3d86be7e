/** `gen_ai.provider.name` values (OTel GenAI semantic conventions) that usage extraction can infer. */
export const PROVIDER_OPENAI = 'openai';
export const PROVIDER_ANTHROPIC = 'anthropic';
export const PROVIDER_GCP_GEMINI = 'gcp.gemini';
export const PROVIDER_GCP_VERTEX_AI = 'gcp.vertex_ai';

/** Vercel AI SDK `providerMetadata` keys and the `gen_ai.provider.name` each one means. */
const VERCEL_PROVIDER_KEYS: Readonly<Record<string, string>> = {
  openai: PROVIDER_OPENAI,
  anthropic: PROVIDER_ANTHROPIC,
  google: PROVIDER_GCP_GEMINI,
  vertex: PROVIDER_GCP_VERTEX_AI,
  bedrock: 'aws.bedrock',
  azure: 'azure.ai.openai',
  mistral: 'mistral_ai',
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x_ai',
  cohere: 'cohere',
  perplexity: 'perplexity',
};

/** The provider named by a Vercel AI SDK `providerMetadata` object (its first known key). */
export function providerFromVercelMetadata(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  let keys: string[];
  try {
    keys = Object.keys(metadata);
  } catch {
    return undefined;
  }
  for (const key of keys) {
    const provider = VERCEL_PROVIDER_KEYS[key];
    if (provider !== undefined) return provider;
  }
  return undefined;
}
