export type { BreakerPermit, BreakerStateChange, CircuitBreakerOptions } from './circuit-breaker.js';
export { CircuitBreaker, DEFAULT_COOL_DOWN_MS, DEFAULT_TRIAL_TIMEOUT_MS } from './circuit-breaker.js';
export { flushGlobalProviders } from './flush-global-providers.js';
export type { RestartActionOptions } from './restart.js';
export { createRestartAction, DEFAULT_RESTART_FLUSH_TIMEOUT_MS, RESTART_EXIT_CODE } from './restart.js';
