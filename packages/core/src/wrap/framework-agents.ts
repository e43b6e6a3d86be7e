import { hasBrand } from '../errors/brand.js';

type AnyRecord = Record<PropertyKey, any>;

const BRAND: unique symbol = Symbol.for('@agentvitals/FrameworkAgentError');

/** An agent framework whose agent objects `wrap()` cannot record, with the line to use instead. */
interface FrameworkAgent {
  readonly framework: string;
  readonly packageName: string;
  /** The documented line that records this framework's agent. */
  readonly line: string;
  /** Why `wrap()` would record it only in part. */
  readonly why: string;
  readonly detect: (agent: AnyRecord) => boolean;
}

const isFunction = (value: unknown) => typeof value === 'function';

/**
 * Known agent objects, recognised by shape (no framework is imported). Each of them keeps
 * its model and tools where a Proxy cannot see them, so `wrap()` would record half of a run.
 */
const FRAMEWORK_AGENTS: readonly FrameworkAgent[] = [
  {
    framework: 'a Vercel AI SDK agent (ToolLoopAgent)',
    packageName: '@agentvitals/ai-sdk',
    line: "import { vitalsAgent } from '@agentvitals/ai-sdk'; const agent = vitalsAgent(new ToolLoopAgent({ ... }), { vitals })",
    why: 'it calls its model and tools from its settings, not through members a wrapper sees',
    detect: (agent) => agent.version === 'agent-v1' && isFunction(agent.generate) && isFunction(agent.stream),
  },
  {
    framework: 'a Mastra Agent',
    packageName: '@agentvitals/mastra',
    line: "import { vitalsAgent } from '@agentvitals/mastra'; const agent = vitalsAgent(new Agent({ ... }), { vitals })",
    why: 'its model and tools are private fields',
    detect: (agent) =>
      isFunction(agent.generate) &&
      isFunction(agent.stream) &&
      isFunction(agent.__updateModel) &&
      isFunction(agent.__setTools),
  },
  {
    framework: 'an OpenAI Agents SDK Agent',
    packageName: '@agentvitals/openai-agents',
    line: 'the @agentvitals/openai-agents integration (docs/integrations.md, "OpenAI Agents JS")',
    why: 'run(agent) drives its model and tools from outside the agent object',
    detect: (agent) =>
      isFunction(agent.asTool) &&
      isFunction(agent.clone) &&
      Array.isArray(agent.handoffs) &&
      'toolUseBehavior' in agent,
  },
  {
    framework: 'a LangChain agent (createAgent)',
    packageName: '@agentvitals/langchain',
    line: 'the @agentvitals/langchain integration (docs/integrations.md, "LangChain")',
    why: 'its model and tools run inside a compiled graph, where a wrapper sees no call',
    detect: (agent) =>
      isFunction(agent.invoke) &&
      isFunction(agent.stream) &&
      isFunction(agent.streamEvents) &&
      isFunction(agent.getState) &&
      'graph' in agent,
  },
];

/** Thrown by `wrap()` for a framework's agent object: it names the line that records it fully. */
export class FrameworkAgentError extends TypeError {
  readonly [BRAND] = true;
  override readonly name = 'FrameworkAgentError';
  /** The package whose integration records this agent. */
  readonly packageName: string;
  /** The documented line to use instead of `wrap()`. */
  readonly line: string;

  constructor(agent: FrameworkAgent) {
    super(
      `wrap() cannot record ${agent.framework} fully: ${agent.why}. Use ${agent.line} instead (see docs/integrations.md).`,
    );
    this.packageName = agent.packageName;
    this.line = agent.line;
  }
}

/** True for a `FrameworkAgentError` from any installed copy of Agent Vitals. */
export const isFrameworkAgentError = (value: unknown): value is FrameworkAgentError => hasBrand(value, BRAND);

/**
 * Refuses, at wrap time, an agent object of a framework that has its own integration, so that
 * `wrap()` never silently records half of its runs. Reading the shape never throws.
 */
export function refuseFrameworkAgent(agent: object): void {
  let found: FrameworkAgent | undefined;
  try {
    found = FRAMEWORK_AGENTS.find((candidate) => candidate.detect(agent as AnyRecord));
  } catch {
    return;
  }
  if (found) throw new FrameworkAgentError(found);
}
