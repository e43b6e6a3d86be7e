export { createTestKit } from './create-test-kit.js';
export type { HistogramValue, TestKit, TestKitOptions } from './create-test-kit.js';
export { ensureContextManager } from './context-manager.js';
export { TestMetricReader } from './test-metric-reader.js';
export type { Series, SeriesValue } from './metric-store.js';
