import type { AgentVitalsNode } from '@agentvitals/node';

type Vitals = AgentVitalsNode['vitals'];

/** The simulated model: 1 USD per 1,000 input tokens (prices are per million tokens). */
export const SIM_MODEL = 'sim-model';
export const SIM_PRICING = { [SIM_MODEL]: { input: 1000, output: 0 } };
const TOKENS_PER_USD = 1000;

/** One reasoning call of `tokens` input tokens of the simulated model, through the vitals API. */
export const pricedCall = (vitals: Vitals, tokens: number): Promise<unknown> =>
  vitals.reasoning(async () => ({ usage: { prompt_tokens: tokens, completion_tokens: 0 } }), {
    model: SIM_MODEL,
    provider: 'openai',
  });

/**
 * Calls `call` every `everyMs` with the tokens that `usdPerHour` buys for the time since the
 * previous call, so the rate holds however late the timer fires. Returns the function that stops it.
 */
export function spendAt(usdPerHour: number, call: (tokens: number) => void, everyMs = 100): () => void {
  const tokensPerMs = (usdPerHour * TOKENS_PER_USD) / 3_600_000;
  let last = performance.now();
  let owed = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    owed += (now - last) * tokensPerMs;
    last = now;
    const tokens = Math.floor(owed);
    owed -= tokens;
    call(tokens);
  }, everyMs);
  return () => clearInterval(timer);
}
