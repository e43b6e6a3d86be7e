/** Shared across copies of this package in one process, since the OTel globals are too. */
const KEY = Symbol.for('@agentvitals/node.active');

interface Holder {
  [KEY]?: { readonly serviceName: string };
}

const holder = globalThis as Holder;

/**
 * Claims the process for one started SDK. A second `start()` while one is running is refused:
 * it would register a second set of globals, signal handlers and a second endpoint. Returns
 * the release function.
 */
export function claimProcess(serviceName: string): () => void {
  const current = holder[KEY];
  if (current) {
    throw new Error(
      `Agent Vitals is already started in this process (service "${current.serviceName}"). ` +
        'Use av.createVitals({ agentName }) for more agents, or await av.shutdown() before starting again.',
    );
  }
  const claim = { serviceName };
  holder[KEY] = claim;
  return () => {
    if (holder[KEY] === claim) delete holder[KEY];
  };
}
