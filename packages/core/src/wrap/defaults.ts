/**
 * Members `wrap()` recognises by name when no option overrides them. `chat` is in none of
 * the lists: on an agent it is as often the entry point (a run) as a model call (reasoning);
 * name it in `runs` or `reasoning` to record it.
 */
export const DEFAULT_RUN_METHODS: readonly string[] = [
  'run',
  'invoke',
  'execute',
  'handle',
  'respond',
  'process',
  'handleMessage',
  'handleRequest',
  'onMessage',
  'ask',
];

export const DEFAULT_REASONING_METHODS: readonly string[] = [
  'think',
  'reason',
  'plan',
  'decide',
  'reflect',
  'generate',
  'complete',
  'generateText',
  'streamText',
  'generateObject',
  'createCompletion',
  'createChatCompletion',
  'callModel',
  'callLLM',
  'callLlm',
];

/** Members holding tools: a record of functions or tool objects, an array of tool objects, or one tool function. */
export const DEFAULT_TOOL_MEMBERS: readonly string[] = ['tools'];

/** Methods called as `dispatcher(name, args)` (or with a tool-call object naming the tool first). */
export const DEFAULT_DISPATCHER_METHODS: readonly string[] = [
  'callTool',
  'executeTool',
  'runTool',
  'useTool',
  'invokeTool',
  'handleToolCall',
];

/** The callable members of a tool object, in the shapes of the Vercel AI SDK, OpenAI Agents SDK and LangChain. */
export const TOOL_CALL_METHODS: readonly string[] = ['execute', 'invoke', 'call', 'run', 'func', '_call'];
