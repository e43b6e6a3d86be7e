export { instrumentedModelConfig, instrumentModelSetting } from './model-config.js';
export { instrumentToolsSetting } from './tools.js';
export type { MastraAgentLike } from './vitals-agent.js';
export { vitalsAgent } from './vitals-agent.js';
