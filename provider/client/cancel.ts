/**
 * Cancellation of rate-limit waits, for a provider process the engine asks to stop (the plugin's `Cancel`, sent
 * on the first Ctrl-C). A call waiting for its slot, or for a Cliq lock of up to 30 minutes, then fails at once
 * instead of holding the engine until the wait ends; nothing it would have sent is sent.
 *
 * Not every wait may be cut short: once a create's fate is unknown (an ambiguous failure), the look-up and any
 * retry must run to the end, or the object may exist in Cliq without the engine ever hearing of it. Such work
 * runs inside `shieldFromCancel`, and its waits ignore a cancellation.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";

const shielded = new AsyncLocalStorage<true>();
let controller = newController();

/** One controller for the process: every queued wait listens to it, so there is no listener limit to warn at. */
function newController(): AbortController {
  const created = new AbortController();
  setMaxListeners(0, created.signal);
  return created;
}

/** Makes every cancellable wait of this process fail now, and every later one fail at once. */
export function cancelWaits(): void {
  controller.abort();
}

/** Undoes `cancelWaits`: for tests, which run many providers in one process. */
export function resetCancellation(): void {
  controller = newController();
}

/** The signal a wait started now listens to; undefined inside `shieldFromCancel`. */
export function waitSignal(): AbortSignal | undefined {
  return shielded.getStore() ? undefined : controller.signal;
}

/** Runs `work` with waits that a cancellation does not cut short (every await within it included). */
export function shieldFromCancel<T>(work: () => Promise<T>): Promise<T> {
  return shielded.run(true, work);
}
