import { diag } from '@opentelemetry/api';
import type { Disposable } from './disposable.js';
import type { VitalsEvent, VitalsEventOf, VitalsEventType } from './vitals-event.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/core/events' });

export type Listener<T> = (event: T) => void;

/** The read side of the event stream. */
export interface EventSource<T extends { type: string } = VitalsEvent> {
  /** Listen to every event. */
  subscribe(listener: Listener<T>): Disposable;
  /** Listen to one type of event. */
  on<K extends T['type']>(type: K, listener: Listener<Extract<T, { type: K }>>): Disposable;
  /** True when at least one listener is subscribed: producers skip building events otherwise. */
  readonly active: boolean;
}

/**
 * A synchronous, typed event stream. Listeners run in subscription order; a listener
 * that throws is isolated (the error is logged through `diag`) and the others still run.
 * With no listener, `emit` is a single property check.
 */
export class EventStream<T extends { type: string } = VitalsEvent> implements EventSource<T> {
  #listeners: Listener<T>[] = [];

  get active(): boolean {
    return this.#listeners.length > 0;
  }

  subscribe(listener: Listener<T>): Disposable {
    if (typeof listener !== 'function') throw new TypeError('subscribe() needs a function');
    // Copy on write, so a listener that unsubscribes during emit does not disturb the loop.
    this.#listeners = [...this.#listeners, listener];
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const index = this.#listeners.indexOf(listener);
        if (index >= 0) this.#listeners = this.#listeners.filter((_, i) => i !== index);
      },
    };
  }

  on<K extends T['type']>(type: K, listener: Listener<Extract<T, { type: K }>>): Disposable {
    if (typeof listener !== 'function') throw new TypeError('on() needs a function');
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<T, { type: K }>);
    });
  }

  emit(event: T): void {
    const listeners = this.#listeners;
    if (listeners.length === 0) return;
    if (listeners.length === 1) {
      this.#call(listeners[0]!, event);
      return;
    }
    for (const listener of listeners) this.#call(listener, event);
  }

  #call(listener: Listener<T>, event: T): void {
    try {
      listener(event);
    } catch (error) {
      logger.warn(`an event listener threw on '${event.type}'; the event still reached the others`, error);
    }
  }
}

export type VitalsEventStream = EventStream<VitalsEvent>;
export type { VitalsEventOf, VitalsEventType };
