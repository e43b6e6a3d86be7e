export * from './attributes.js';
export * from './buckets.js';
export * from './gen-ai-views.js';
export * from './instrument-kind.js';
export * from './metrics.js';
export * from './process-metrics.js';
export * from './prometheus-name.js';
export * from './values.js';
