/**
 * The parts of OpenClaw's plugin API this plugin uses, written structurally so the package
 * does not depend on `openclaw` (checked against openclaw 2026.9.6). Every field OpenClaw
 * documents as optional is optional here too, and handlers read them defensively.
 */

/** `ctx` of agent hooks (`model_call_*`, `llm_*`, `agent_end`, `before_agent_run`). */
export interface AgentHookContext {
  readonly runId?: string;
  readonly agentId?: string;
  readonly sessionKey?: string;
  readonly sessionId?: string;
  readonly modelProviderId?: string;
  readonly modelId?: string;
  readonly trigger?: string;
}

/** `ctx` of `before_tool_call` / `after_tool_call`. */
export interface ToolHookContext {
  readonly toolName?: string;
  readonly agentId?: string;
  readonly sessionKey?: string;
  readonly sessionId?: string;
  readonly runId?: string;
  readonly toolCallId?: string;
}

export interface ModelCallStartedEvent {
  readonly runId?: string;
  readonly callId?: string;
  readonly sessionKey?: string;
  readonly provider?: string;
  readonly model?: string;
}

export interface ModelCallEndedEvent extends ModelCallStartedEvent {
  readonly durationMs?: number;
  readonly outcome?: 'completed' | 'error';
  readonly errorCategory?: string;
  readonly failureKind?: string;
  readonly timeToFirstByteMs?: number;
}

export interface LlmOutputEvent {
  readonly runId?: string;
  readonly provider?: string;
  readonly model?: string;
  readonly assistantTexts?: readonly unknown[];
  readonly usage?: {
    readonly input?: number;
    readonly output?: number;
    readonly cacheRead?: number;
    readonly cacheWrite?: number;
    readonly total?: number;
  };
}

export interface BeforeToolCallEvent {
  readonly toolName?: string;
  readonly params?: unknown;
  readonly runId?: string;
  readonly toolCallId?: string;
}

export interface AfterToolCallEvent extends BeforeToolCallEvent {
  readonly result?: unknown;
  readonly error?: string;
  readonly durationMs?: number;
}

export interface BeforeToolCallResult {
  readonly block?: boolean;
  readonly blockReason?: string;
}

export interface AgentEndEvent {
  readonly runId?: string;
  readonly messages?: readonly unknown[];
  readonly success?: boolean;
  readonly error?: string;
  readonly durationMs?: number;
}

/** `before_agent_run` answer: pass, or block before the model reads the prompt. */
export type BeforeAgentRunResult =
  | { readonly outcome: 'pass' }
  | { readonly outcome: 'block'; readonly reason: string; readonly message?: string };

export interface MessageReceivedEvent {
  readonly content?: unknown;
}

export interface MessageContext {
  readonly agentId?: string;
  readonly sessionKey?: string;
}

/** The hook handlers this plugin registers, by hook name. */
export interface HookHandlers {
  gateway_start: (event: unknown, ctx: unknown) => unknown;
  gateway_stop: (event: unknown, ctx: unknown) => unknown;
  model_call_started: (event: ModelCallStartedEvent, ctx: AgentHookContext) => unknown;
  model_call_ended: (event: ModelCallEndedEvent, ctx: AgentHookContext) => unknown;
  llm_output: (event: LlmOutputEvent, ctx: AgentHookContext) => unknown;
  before_agent_run: (
    event: unknown,
    ctx: AgentHookContext,
  ) => Promise<BeforeAgentRunResult | undefined> | BeforeAgentRunResult | undefined;
  agent_end: (event: AgentEndEvent, ctx: AgentHookContext) => unknown;
  before_tool_call: (
    event: BeforeToolCallEvent,
    ctx: ToolHookContext,
  ) => Promise<BeforeToolCallResult | undefined> | BeforeToolCallResult | undefined;
  after_tool_call: (event: AfterToolCallEvent, ctx: ToolHookContext) => unknown;
  message_received: (event: MessageReceivedEvent, ctx: MessageContext) => unknown;
}

export type HookName = keyof HookHandlers;

export interface PluginLogger {
  info?: (message: string) => void;
  warn?: (message: string) => void;
  error?: (message: string) => void;
}

/** What `register(api)` receives, as far as this plugin uses it. */
export interface OpenClawPluginApi {
  readonly id?: string;
  readonly registrationMode?: string;
  readonly pluginConfig?: unknown;
  readonly logger?: PluginLogger;
  on<K extends HookName>(
    hookName: K,
    handler: HookHandlers[K],
    options?: { readonly priority?: number; readonly timeoutMs?: number },
  ): void;
}
