import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

let ensured = false;

/**
 * Makes sure a context manager propagates the active context across `await`, which spans,
 * request ids and per-run token counts rely on. Registers an AsyncLocalStorage manager
 * unless one is already working (for example, the one `@agentvitals/node` registers).
 */
export function ensureContextManager(): void {
  if (ensured) return;
  ensured = true;
  const probe = ROOT_CONTEXT.setValue(Symbol('agentvitals.testing.probe'), true);
  const works = context.with(probe, () => context.active() === probe);
  if (works) return;
  const manager = new AsyncLocalStorageContextManager();
  manager.enable();
  context.setGlobalContextManager(manager);
}
