export * from './attributes.js';
export * from './buckets.js';
export * from './metrics.js';
export * from './values.js';
