import { EventStream, type GuardEvent, type GuardHost, type VitalsEvent } from '@agentvitals/core';
import { createGuard } from '../create-guard.js';
import type { GuardOptions } from '../guard-options.js';
import type { Alert } from '../lifecycle/alert.js';
import { callbackSink } from '../sinks/callback-sink.js';

type EventInput = VitalsEvent extends infer E
  ? E extends VitalsEvent
    ? Omit<E, 'agentName' | 'time'>
    : never
  : never;

/**
 * A guard attached to a hand-built host: a fake clock, an event stream to push events
 * into, the guard events it published and the notifications its callback sink received.
 */
export function guardHarness(options: GuardOptions = {}, agentName = 'bot') {
  let now = 1_700_000_000_000;
  const clock = () => now;
  const events = new EventStream<VitalsEvent>();
  const published: GuardEvent[] = [];
  const notifications: Alert[] = [];
  const host: GuardHost = {
    agentName,
    events,
    emit: (event) => published.push(event),
    now: clock,
  };
  const guard = createGuard({
    clock,
    evaluationIntervalMs: 60_000,
    ...options,
    sinks: [callbackSink((alert) => void notifications.push(alert)), ...(options.sinks ?? [])],
  });
  const attachment = guard.attach(host);
  return {
    guard,
    host,
    published,
    notifications,
    attachment,
    now: () => now,
    /** Moves the clock forward by `ms` and runs the evaluation tick. */
    advance(ms: number) {
      now += ms;
      guard.evaluate();
    },
    /** Moves the clock without evaluating. */
    setTime(ms: number) {
      now = ms;
    },
    emit(event: EventInput) {
      events.emit({ ...event, agentName, time: now } as VitalsEvent);
    },
    fired: () =>
      published
        .filter((event) => event.type === 'alert.fire')
        .map((event) => (event as { alertName: string }).alertName),
    resolved: () =>
      published
        .filter((event) => event.type === 'alert.resolve')
        .map((event) => (event as { alertName: string }).alertName),
    breakerStates: () =>
      published
        .filter((event) => event.type === 'breaker.state')
        .map(
          (event) =>
            `${(event as { breakerName: string }).breakerName}=${(event as { state: string }).state}`,
        ),
    async settle() {
      await guard.flush();
    },
  };
}
