/**
 * The one loop behind every create: send once; after an ambiguous failure look the object up; use what was
 * found, or send again after backoff when the lookup proved nothing was made. The decisions are
 * `nextCreateStep`'s; this file only does the I/O.
 */
import { shieldFromCancel } from "./cancel";
import { isCliqApiError } from "./errors";
import { needsLookup, nextCreateStep, sleep, type RetryPolicy } from "./retry";

/** The two requests of a create, as the resource's provider knows them. */
export interface CreateAttempts<T> {
  /** Sends the create request once. */
  send(): Promise<T>;
  /**
   * After an ambiguous failure (or any failure of a retry): the object this create made, or `undefined` when
   * the lookup proves nothing was made (so sending again cannot duplicate it). Throws when what it found is not
   * this create's object.
   */
  lookUp(failure: unknown): Promise<T | undefined>;
}

/** True for a `CliqApiError` that says the request may have been applied without an answer. */
export function isAmbiguousFailure(error: unknown): boolean {
  return isCliqApiError(error) && error.isAmbiguous();
}

/**
 * Creates with at most `policy.maxAttempts` requests, never twice the same object. A definite failure is
 * thrown at once; an ambiguous one that outlives the budget is thrown as it came (still ambiguous).
 */
export async function createLookingUp<T>(
  attempts: CreateAttempts<T>,
  policy: RetryPolicy,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      return await attempts.send();
    } catch (error) {
      failure = error;
    }
    const ambiguous = isAmbiguousFailure(failure);
    const looked = needsLookup(ambiguous, attempt);
    // A look-up runs to the end even when the engine cancels: it decides whether Cliq holds an object the engine
    // must hear of (cancel.ts). A retry it allows is cancellable: nothing was made yet.
    const found = looked ? await shieldFromCancel(() => attempts.lookUp(failure)) : undefined;
    const lookup = looked ? (found === undefined ? "absent" : "found") : undefined;
    const step = nextCreateStep(ambiguous, lookup, attempt, policy.maxAttempts);
    if (step.action === "use_found") return found as T;
    if (step.action === "fail") throw failure;
    await wait(policy.delayMs(step.retry));
  }
}
