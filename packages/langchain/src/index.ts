export { llmResultUsage } from './llm-usage.js';
export { createVitalsHandler, VitalsCallbackHandler } from './vitals-callback-handler.js';
