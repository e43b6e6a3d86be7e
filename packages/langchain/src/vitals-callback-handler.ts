import {
  decodeToolInput,
  type OpenCall,
  openReasoning,
  openRun,
  openTool,
  type Refused,
  type Vitals,
} from '@agentvitals/core';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { context, diag } from '@opentelemetry/api';
import { llmResultUsage } from './llm-usage.js';
import { OpenCalls } from './open-calls.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/langchain' });

type Serialized = { readonly name?: unknown; readonly id?: unknown };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function nameOf(serialized: Serialized | undefined, runName: string | undefined): string {
  const ids = serialized?.id;
  const id = Array.isArray(ids) ? ids[ids.length - 1] : undefined;
  return text(runName) ?? text(serialized?.name) ?? text(id) ?? 'tool';
}

/**
 * A LangChain callback handler that records what an agent does through a vitals instance:
 * the outermost chain (a `createAgent` agent's `invoke` or `stream`) is one run, ending when
 * the chain ends (for a stream, when it is consumed, fails or is cancelled); every chat-model
 * call is one reasoning call (requested and response model, usage, cost); every tool call
 * one tool call with its real outcome. Guards are consulted when a model or tool call starts:
 * a refused call throws from the callback (`raiseError`), so the call fails before it runs,
 * the way LangChain sees any failing call (a tool error becomes an error `ToolMessage`).
 */
export class VitalsCallbackHandler extends BaseCallbackHandler {
  override name = 'agentvitals';
  /** A guard's refusal must reach the caller: thrown from `handleToolStart` / `handleChatModelStart`. */
  override raiseError = true;
  /** Calls start and end in order, in the caller's context. */
  override awaitHandlers = true;

  readonly #vitals: Vitals;
  readonly #open = new OpenCalls();

  constructor(vitals: Vitals) {
    super();
    if (typeof vitals?.run !== 'function' || typeof vitals?.callTool !== 'function') {
      throw new TypeError('VitalsCallbackHandler needs a vitals instance from createVitals()');
    }
    this.#vitals = vitals;
  }

  /** The context a call under `parentRunId` starts in. */
  #parent(parentRunId: string | undefined) {
    return this.#open.get(parentRunId)?.context ?? context.active();
  }

  /** Throws a guard's refusal; otherwise remembers the open call. */
  /**
   * Opens a model or tool call with `open`; a failure to record is logged and the call goes on
   * unrecorded, a guard's refusal is thrown (the handler raises errors, so the call fails).
   */
  async #start(runId: string, what: string, open: () => OpenCall | Promise<Refused>): Promise<void> {
    let call: OpenCall | Promise<Refused>;
    try {
      call = open();
    } catch (error) {
      logger.error(`starting a ${what} call failed; the call itself was not affected`, error);
      return;
    }
    if ('end' in call) {
      this.#open.set(runId, { context: call.context, call });
      return;
    }
    const refused = await call;
    throw refused.error;
  }

  #end(runId: string, result?: unknown): void {
    try {
      this.#open.take(runId)?.call?.end(result);
    } catch (error) {
      logger.error('ending a call failed; the call itself was not affected', error);
    }
  }

  #fail(runId: string, error: unknown): void {
    try {
      this.#open.take(runId)?.call?.fail(error);
    } catch (recordingError) {
      logger.error('ending a call failed; the call itself was not affected', recordingError);
    }
  }

  // @langchain/core calls this with (chain, inputs, runId, parentRunId, tags, metadata, runType,
  // runName): its declared order puts `runType` fourth, so the parent run id is read from there.
  override handleChainStart(_chain: Serialized, _inputs: unknown, runId: string, parentRunId?: string): void {
    try {
      const parent = this.#open.get(parentRunId);
      if (parent) {
        this.#open.set(runId, { context: parent.context });
        return;
      }
      // The outermost chain this handler sees: one agent run.
      const call = openRun(this.#vitals, context.active());
      this.#open.set(runId, { context: call.context, call });
    } catch (error) {
      logger.error('starting a run failed; the run itself was not affected', error);
    }
  }

  override handleChainEnd(_outputs: unknown, runId: string): void {
    this.#end(runId);
  }

  override handleChainError(error: unknown, runId: string): void {
    this.#fail(runId, error);
  }

  override async handleChatModelStart(
    _llm: Serialized,
    _messages: unknown,
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    await this.#startModel(runId, parentRunId, extraParams, metadata);
  }

  override async handleLLMStart(
    _llm: Serialized,
    _prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    await this.#startModel(runId, parentRunId, extraParams, metadata);
  }

  async #startModel(
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    metadata: Record<string, unknown> | undefined,
  ): Promise<void> {
    await this.#start(runId, 'model', () => {
      const invocation = extraParams?.invocation_params as Record<string, unknown> | undefined;
      const model = text(invocation?.model) ?? text(invocation?.model_name) ?? text(metadata?.ls_model_name);
      const provider = text(metadata?.ls_provider);
      return openReasoning(this.#vitals, this.#parent(parentRunId), {
        ...(model !== undefined ? { model } : {}),
        ...(provider !== undefined ? { provider } : {}),
        usage: llmResultUsage,
      });
    });
  }

  override handleLLMEnd(output: unknown, runId: string): void {
    this.#end(runId, output);
  }

  override handleLLMError(error: unknown, runId: string): void {
    this.#fail(runId, error);
  }

  override async handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    // The guards see the arguments decoded, as the tool receives them.
    await this.#start(runId, 'tool', () =>
      openTool(this.#vitals, this.#parent(parentRunId), nameOf(tool, runName), decodeToolInput([input])),
    );
  }

  override handleToolEnd(output: unknown, runId: string): void {
    this.#end(runId, output);
  }

  override handleToolError(error: unknown, runId: string): void {
    this.#fail(runId, error);
  }
}

/** The callback handler for `createAgent(...).withConfig({ callbacks: [...] })` or any call's `callbacks`. */
export function createVitalsHandler(vitals: Vitals): VitalsCallbackHandler {
  return new VitalsCallbackHandler(vitals);
}
