/**
 * Model-id normalisation: the forms a model id takes on the wire (gateway prefixes, Bedrock and
 * Vertex ids, dated snapshots) reduced step by step to the family names the price table uses.
 */

/** Longest model id considered; longer ids are not looked up (they are not model ids). */
export const MAX_MODEL_ID_LENGTH = 256;

/** Amazon Bedrock cross-region inference profile prefixes (`us.anthropic.claude-...`). */
const BEDROCK_REGION_PREFIX = /^(?:us|us-gov|eu|apac|ap|ca|jp|au|global)\./;
/** Amazon Bedrock model vendor prefixes (`anthropic.claude-...`, `meta.llama3-...`). */
const BEDROCK_VENDOR_PREFIX =
  /^(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai|qwen|writer|twelvelabs|stability)\./;
/** Bedrock version suffixes (`-v1:0`, `-v2`, `:0`). */
const BEDROCK_VERSION_SUFFIX = /(?:-v\d+(?::\d+)?|:\d+)$/;
/** Fireworks (`accounts/fireworks/models/...`) and Vertex (`projects/p/locations/l/publishers/google/models/...`). */
const RESOURCE_PATH_PREFIX = /^(?:.*\/)?(?:models|publishers\/[^/]+\/models)\//;
/** Vertex AI's `claude-sonnet-4-5@20250929` form. */
const AT_VERSION_SUFFIX = /@[\w.-]*$/;

/** Snapshot suffixes, tried one at a time from the end of the id. */
const SNAPSHOT_SUFFIXES: readonly RegExp[] = [
  /-\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
  /-\d{8}$/, // claude-sonnet-4-5-20250929
  /-latest$/, // mistral-large-latest
  /-preview(?:-\d{2}-\d{2,4})?$/, // gemini-2.5-flash-preview-05-20, gemini-3-pro-preview
  /-exp(?:-\d{2}-\d{2}|-\d{4})?$/, // gemini-2.0-flash-exp
  /-\d{2}-\d{2}$/, // gemini-2.5-pro-06-05
  /-\d{3,4}$/, // mistral-large-2411, gemini-1.5-pro-002, grok-4-0709
  /-v\d+(?::\d+)?$/,
];

const stripOnce = (name: string, patterns: readonly RegExp[]): string | undefined => {
  for (const pattern of patterns) {
    const stripped = name.replace(pattern, '');
    if (stripped !== name && stripped.length > 0) return stripped;
  }
  return undefined;
};

/** `claude-sonnet-4.5` (gateway spelling) → `claude-sonnet-4-5` (Anthropic's id). */
const anthropicSpelling = (name: string): string =>
  name.startsWith('claude') ? name.replace(/(\d)\.(\d)/g, '$1-$2') : name;

/**
 * The names to look a model up by, most specific first: the lower-cased id, then with one
 * prefix removed at a time, then with one snapshot suffix removed at a time.
 */
export function modelNameCandidates(model: string): string[] {
  const candidates: string[] = [];
  const add = (name: string) => {
    if (name.length > 0 && !candidates.includes(name)) candidates.push(name);
  };
  let name = model.trim().toLowerCase();
  add(name);

  // Prefixes: resource paths, gateway prefixes (`openrouter/openai/gpt-4o`), Bedrock ids.
  for (let step = 0; step < 8; step++) {
    let next = name.replace(RESOURCE_PATH_PREFIX, '');
    if (next === name && name.includes('/')) next = name.slice(name.indexOf('/') + 1);
    if (next === name) next = name.replace(BEDROCK_REGION_PREFIX, '').replace(BEDROCK_VENDOR_PREFIX, '');
    if (next === name || next.length === 0) break;
    name = next;
    add(name);
  }

  name = name.replace(AT_VERSION_SUFFIX, '').replace(BEDROCK_VERSION_SUFFIX, '');
  add(name);
  name = anthropicSpelling(name);
  add(name);

  for (let step = 0; step < 8; step++) {
    const next = stripOnce(name, SNAPSHOT_SUFFIXES);
    if (next === undefined) break;
    name = next;
    add(name);
  }
  return candidates;
}

/** The provider implied by the shape of the id itself (where it is served), if any. */
export function providerFromModelIdShape(model: string): string | undefined {
  const name = model.trim().toLowerCase();
  if (BEDROCK_VENDOR_PREFIX.test(name.replace(BEDROCK_REGION_PREFIX, ''))) return 'aws.bedrock';
  if (/(?:^|\/)publishers\/[^/]+\/models\//.test(name)) return 'gcp.vertex_ai';
  if (/^models\/gemini/.test(name)) return 'gcp.gemini';
  return undefined;
}

const FAMILIES: readonly (readonly [RegExp, string])[] = [
  [/^(?:gpt-(?!oss)|chatgpt-|o\d(?:$|-)|text-embedding-|codex-|computer-use-)/, 'openai'],
  [/^claude/, 'anthropic'],
  [/^gemini/, 'gcp.gemini'],
  [
    /^(?:mistral|ministral|magistral|codestral|devstral|pixtral|voxtral|open-mistral|open-mixtral|mixtral)/,
    'mistral_ai',
  ],
  [/^deepseek/, 'deepseek'],
  [/^grok/, 'x_ai'],
  [/^command/, 'cohere'],
  [/^sonar/, 'perplexity'],
];

/** The provider of a model family (`gpt-*` → `openai`, `claude*` → `anthropic`, ...), if known. */
export function providerFromFamily(name: string): string | undefined {
  for (const [pattern, provider] of FAMILIES) if (pattern.test(name)) return provider;
  return undefined;
}
