import { type EventEmitter, once } from 'node:events';
import type { RecordedEvent, Subscription } from '../../domain/ports/event-store.js';

export interface PollingSubscriptionOptions {
  readonly readPage: (after: bigint | undefined) => Promise<RecordedEvent[]>;
  readonly after: bigint | undefined;
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError: ((error: unknown) => void) | undefined;
  readonly pollIntervalMs: number;
  /** Emits 'append' when this process wrote, so local subscribers need not wait for the next poll. */
  readonly wakeUp: EventEmitter;
}

/**
 * Catch-up + live subscription by reading pages in global order. A handler error stops the
 * subscription (reported through onError): skipping an event would silently corrupt read models.
 */
export function pollingSubscription(options: PollingSubscriptionOptions): Subscription {
  const abort = new AbortController();
  let after = options.after;

  const run = async () => {
    while (!abort.signal.aborted) {
      const page = await options.readPage(after);
      for (const event of page) {
        if (abort.signal.aborted) return;
        await options.onEvent(event);
        after = event.position;
      }
      if (page.length === 0) await nextWakeUp(options.wakeUp, options.pollIntervalMs, abort.signal);
    }
  };
  const done = run().catch((error: unknown) => {
    if (!abort.signal.aborted) options.onError?.(error);
  });

  return {
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

async function nextWakeUp(emitter: EventEmitter, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await once(emitter, 'append', { signal: AbortSignal.any([timeout, signal]) });
  } catch {
    // timeout or close: both mean "look again (or stop)"
  }
}
