export { ensureContextManager } from './context-manager.js';
export type {
  HistogramMetricName,
  HistogramValue,
  NumberMetricName,
  TestKit,
  TestKitOptions,
} from './create-test-kit.js';
export { createTestKit } from './create-test-kit.js';
export type { Series, SeriesValue } from './metric-store.js';
export { TestMetricReader } from './test-metric-reader.js';
