import type {
  AlertSeverity,
  BreakerState,
  RunOutcome,
  SentimentLabel,
  ToolOutcome,
} from '../semconv/values.js';

/** Fields every event carries. */
export interface EventBase {
  /** The agent the event is about (`gen_ai.agent.name`). */
  readonly agentName: string;
  /** Wall-clock time of the event, milliseconds since the Unix epoch, from the vitals clock. */
  readonly time: number;
  /** The request id of the run the event happened in, if any. */
  readonly requestId?: string;
  /**
   * The call this event belongs to (`reasoning.*`, `tool.*`, `guard.deny`): the same id as the
   * `callId` of the guard request for that call.
   */
  readonly callId?: number;
}

export interface RunStartEvent extends EventBase {
  readonly type: 'run.start';
}

export interface RunEndEvent extends EventBase {
  readonly type: 'run.end';
  readonly outcome: RunOutcome;
  readonly durationSeconds: number;
  readonly errorType?: string;
}

export interface ReasoningStartEvent extends EventBase {
  readonly type: 'reasoning.start';
  readonly model: string;
  readonly provider: string;
}

export interface ReasoningEndEvent extends EventBase {
  readonly type: 'reasoning.end';
  readonly model: string;
  readonly provider: string;
  readonly durationSeconds: number;
  /** Set when the call failed (or was blocked by a guard). */
  readonly errorType?: string;
}

export interface ToolStartEvent extends EventBase {
  readonly type: 'tool.start';
  /**
   * The tool's real name, canonicalised as guards see it (`canonicalToolName`): never the
   * bounded label (`_overflow`, cut names) that metrics and spans carry.
   */
  readonly toolName: string;
  /** The arguments the tool was called with. Never copied; treat as read-only. */
  readonly args: readonly unknown[];
}

export interface ToolEndEvent extends EventBase {
  readonly type: 'tool.end';
  /**
   * The tool's real name, canonicalised as guards see it (`canonicalToolName`): never the
   * bounded label (`_overflow`, cut names) that metrics and spans carry.
   */
  readonly toolName: string;
  readonly args: readonly unknown[];
  readonly outcome: ToolOutcome;
  readonly durationSeconds: number;
  /** The tool's result, when it returned one (outcome `success` or `invalid`). */
  readonly result?: unknown;
  readonly errorType?: string;
}

export interface TokensEvent extends EventBase {
  readonly type: 'tokens';
  readonly model: string;
  readonly provider: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  /** Cost in USD from the pricing table; undefined when the model has no price. */
  readonly costUsd?: number;
}

export interface ActionEvent extends EventBase {
  readonly type: 'action';
  /** Tokens spent since the previous action (token efficiency). */
  readonly tokensSinceLastAction: number;
}

export interface SentimentEvent extends EventBase {
  readonly type: 'sentiment';
  readonly score: number;
  readonly label: SentimentLabel;
}

export interface HeartbeatEvent extends EventBase {
  readonly type: 'heartbeat';
}

export interface EscalationEvent extends EventBase {
  readonly type: 'escalation';
  readonly reason: string;
  /** Open escalations of this agent after this one was opened. */
  readonly open: number;
}

export interface EscalationResolveEvent extends EventBase {
  readonly type: 'escalation.resolve';
  readonly reason: string;
  /** Open escalations of this agent after this one was resolved. */
  readonly open: number;
}

export interface AlertFireEvent extends EventBase {
  readonly type: 'alert.fire';
  readonly alertName: string;
  readonly severity: AlertSeverity;
}

export interface AlertResolveEvent extends EventBase {
  readonly type: 'alert.resolve';
  readonly alertName: string;
  readonly severity: AlertSeverity;
}

export interface BreakerStateEvent extends EventBase {
  readonly type: 'breaker.state';
  readonly breakerName: string;
  readonly state: BreakerState;
  readonly reason?: string;
}

export interface GuardDenyEvent extends EventBase {
  readonly type: 'guard.deny';
  /** `denied` for a policy decision, `blocked` for an open breaker. */
  readonly outcome: 'denied' | 'blocked';
  readonly kind: 'reasoning' | 'tool';
  /** For a tool call: the real name, canonicalised, as the guard saw it. */
  readonly toolName?: string;
  readonly reason: string;
}

/** Every event of the vitals stream, discriminated by `type`. */
export type VitalsEvent =
  | RunStartEvent
  | RunEndEvent
  | ReasoningStartEvent
  | ReasoningEndEvent
  | ToolStartEvent
  | ToolEndEvent
  | TokensEvent
  | ActionEvent
  | SentimentEvent
  | HeartbeatEvent
  | EscalationEvent
  | EscalationResolveEvent
  | AlertFireEvent
  | AlertResolveEvent
  | BreakerStateEvent
  | GuardDenyEvent;

export type VitalsEventType = VitalsEvent['type'];

/** The event of a given type. */
export type VitalsEventOf<T extends VitalsEventType> = Extract<VitalsEvent, { type: T }>;

/** Events a guard may publish into the stream (the recorder turns them into metrics). */
export type GuardEvent = AlertFireEvent | AlertResolveEvent | BreakerStateEvent | GuardDenyEvent;
