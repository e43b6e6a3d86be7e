export type { InstrumentAgentOptions } from './instrument-agent.js';
export { instrumentAgent } from './instrument-agent.js';
export type { InstrumentedModelOptions } from './instrument-model.js';
export { instrumentModel, instrumentModelProvider } from './instrument-model.js';
export { refusedToolMessage, ToolErrorResultError } from './instrument-tools.js';
export { AgentRunError, RunProcessor } from './run-processor.js';
