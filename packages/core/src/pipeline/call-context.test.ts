import { ensureContextManager } from '@agentvitals/testing';
import { context, createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { CallContext } from './call-context.js';

describe('CallContext', () => {
  const a = createContextKey('a');
  const b = createContextKey('b');

  it('reads its own value, then its parent’s; sets and deletes by layering', () => {
    const base = ROOT_CONTEXT.setValue(a, 1);
    const layered = CallContext.with(base, b, 2);
    expect(layered.getValue(a)).toBe(1);
    expect(layered.getValue(b)).toBe(2);
    const shadowed = layered.setValue(a, 3);
    expect(shadowed.getValue(a)).toBe(3);
    expect(layered.getValue(a)).toBe(1);
    const deleted = shadowed.deleteValue(b);
    expect(deleted.getValue(b)).toBeUndefined();
    expect(deleted.getValue(a)).toBe(3);
    expect(base.getValue(b)).toBeUndefined();
  });

  it('holds a span set through the trace API, without changing the parent', () => {
    const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
    const base = ROOT_CONTEXT.setValue(a, 'kept');
    const withSpan = trace.setSpan(CallContext.layer(base), span);
    expect(trace.getSpan(withSpan)).toBe(span);
    expect(trace.getSpan(base)).toBeUndefined();
    expect(withSpan.getValue(a)).toBe('kept');
  });

  it('sets the active span in one layer, as trace.setSpan would, over a plain or a layered parent', () => {
    const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
    const inner = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '3'.repeat(16), traceFlags: 1 });
    const base = ROOT_CONTEXT.setValue(a, 'kept');
    const outer = CallContext.withSpan(base, span);
    expect(outer).toBeInstanceOf(CallContext);
    expect(trace.getSpan(outer)).toBe(span);
    expect(trace.getSpan(base)).toBeUndefined();
    expect(outer.getValue(a)).toBe('kept');
    const nested = CallContext.withSpan(outer, inner);
    expect(trace.getSpan(nested)).toBe(inner);
    expect(trace.getSpan(outer)).toBe(span);
    expect(trace.getSpan(trace.deleteSpan(nested))).toBeUndefined();
  });

  it('stays correct past the flattening depth', () => {
    const keys = Array.from({ length: 40 }, (_, i) => createContextKey(`k${i}`));
    let ctx = ROOT_CONTEXT.setValue(a, 'root');
    keys.forEach((key, i) => {
      ctx = CallContext.with(ctx, key, i);
      if (i === 20) ctx = ctx.deleteValue(keys[3]!);
    });
    for (const [i, key] of keys.entries()) expect(ctx.getValue(key)).toBe(i === 3 ? undefined : i);
    expect(ctx.getValue(a)).toBe('root');
  });

  it('works as the active context', () => {
    ensureContextManager();
    const layered = CallContext.with(context.active(), b, 'active');
    expect(context.with(layered, () => context.active().getValue(b))).toBe('active');
  });
});
