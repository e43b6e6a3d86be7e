import { describe, expect, it } from 'vitest';
import { EventStream } from './event-stream.js';

type E = { type: 'a'; n: number } | { type: 'b'; s: string };

describe('EventStream', () => {
  it('delivers typed events to subscribers and filtered listeners', () => {
    const stream = new EventStream<E>();
    const all: E[] = [];
    const onlyB: string[] = [];
    stream.subscribe((e) => all.push(e));
    stream.on('b', (e) => onlyB.push(e.s));
    stream.emit({ type: 'a', n: 1 });
    stream.emit({ type: 'b', s: 'x' });
    expect(all).toEqual([
      { type: 'a', n: 1 },
      { type: 'b', s: 'x' },
    ]);
    expect(onlyB).toEqual(['x']);
  });

  it('isolates a throwing subscriber', () => {
    const stream = new EventStream<E>();
    const seen: number[] = [];
    stream.subscribe(() => {
      throw new Error('bad listener');
    });
    stream.subscribe((e) => seen.push((e as { n: number }).n));
    expect(() => stream.emit({ type: 'a', n: 7 })).not.toThrow();
    expect(seen).toEqual([7]);
  });

  it('reports activity and disposes once', () => {
    const stream = new EventStream<E>();
    expect(stream.active).toBe(false);
    const first = stream.subscribe(() => {});
    const second = stream.subscribe(() => {});
    first.dispose();
    first.dispose();
    expect(stream.active).toBe(true);
    second.dispose();
    expect(stream.active).toBe(false);
  });

  it('lets a listener unsubscribe while an event is being delivered', () => {
    const stream = new EventStream<E>();
    const seen: string[] = [];
    const handle = stream.subscribe(() => {
      seen.push('first');
      handle.dispose();
    });
    stream.subscribe(() => seen.push('second'));
    stream.emit({ type: 'a', n: 1 });
    stream.emit({ type: 'a', n: 2 });
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('refuses a non-function listener', () => {
    expect(() => new EventStream<E>().subscribe(5 as never)).toThrow(TypeError);
  });
});
