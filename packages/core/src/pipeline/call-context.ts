import { type Context, INVALID_SPAN_CONTEXT, type Span, trace } from '@opentelemetry/api';

/** Layers past which a chain is flattened into the API's own context (one copy per key). */
const MAX_DEPTH = 12;

/** The key of a layer that holds nothing (never read). */
const NO_KEY = Symbol('no key');

/**
 * The key `trace.setSpan` stores a span under, learnt once from the API itself: it calls
 * `setValue(key, span)` on the context it is given, and any object may be a context.
 */
const SPAN_KEY: symbol | undefined = (() => {
  let key: symbol | undefined;
  const probe: Context = {
    getValue: () => undefined,
    setValue(found) {
      key = found;
      return probe;
    },
    deleteValue: () => probe,
  };
  try {
    trace.setSpan(probe, trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  } catch {
    // An API that does not set the span this way: `withSpan` falls back to `trace.setSpan`.
  }
  return key;
})();

/**
 * An OpenTelemetry `Context` holding one more value on top of another context, without
 * copying it. The API's own context copies its whole map on every `setValue`; a call sets the
 * span and, for `wrap()`, a marker, so each call would copy it twice. The `Context` interface
 * allows any implementation: this one keeps a pointer to its parent and one key, and reads
 * walk the (short) chain. Past `MAX_DEPTH` layers (deeply nested calls) the chain is
 * flattened back into the API's context, so reads stay cheap.
 */
export class CallContext implements Context {
  readonly #parent: Context;
  readonly #key: symbol;
  readonly #value: unknown;
  readonly #depth: number;

  private constructor(parent: Context, key: symbol, value: unknown, depth: number) {
    this.#parent = parent;
    this.#key = key;
    this.#value = value;
    this.#depth = depth;
  }

  /** `parent` as a context whose `setValue` layers instead of copying (for `trace.setSpan`). */
  static layer(parent: Context): Context {
    return parent instanceof CallContext ? parent : new CallContext(parent, NO_KEY, undefined, 1);
  }

  /** `parent` with `span` as its active span: `trace.setSpan`, as one layer. */
  static withSpan(parent: Context, span: Span): Context {
    return SPAN_KEY === undefined
      ? trace.setSpan(CallContext.layer(parent), span)
      : CallContext.with(parent, SPAN_KEY, span);
  }

  /** `parent` with `key` set to `value`. */
  static with(parent: Context, key: symbol, value: unknown): Context {
    const depth = parent instanceof CallContext ? parent.#depth + 1 : 1;
    if (depth > MAX_DEPTH) return (parent as CallContext).#flatten().setValue(key, value);
    return new CallContext(parent, key, value, depth);
  }

  getValue(key: symbol): unknown {
    let layer: Context = this;
    while (layer instanceof CallContext) {
      if (layer.#key === key) return layer.#value;
      layer = layer.#parent;
    }
    return layer.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return CallContext.with(this, key, value);
  }

  deleteValue(key: symbol): Context {
    // A layer holding `undefined` reads as absent, which is what deleting means.
    return CallContext.with(this, key, undefined);
  }

  /** The API's own context with every layer applied, oldest first. */
  #flatten(): Context {
    const layers: CallContext[] = [];
    let layer: Context = this;
    while (layer instanceof CallContext) {
      layers.push(layer);
      layer = layer.#parent;
    }
    let flat = layer;
    for (let i = layers.length - 1; i >= 0; i--) {
      const { key, value } = layers[i]!.#entry();
      if (key === NO_KEY) continue;
      flat = value === undefined ? flat.deleteValue(key) : flat.setValue(key, value);
    }
    return flat;
  }

  #entry() {
    return { key: this.#key, value: this.#value };
  }
}
