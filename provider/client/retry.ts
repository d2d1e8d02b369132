/**
 * Pure rules for what to do after a failed attempt. Kept apart from the client so that every decision can be
 * tested as a table, and the client's I/O loop stays "send, then do what `nextStep` says".
 */
import type { HttpMethod } from "../../cliq-api/operations";

/** Codes of network failures where nothing reached the server (safe to send again, even a POST). */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT"]);

export type NetworkFailureKind = "not_sent" | "timeout" | "lost";

/** Classifies a transport failure (no HTTP answer) by its error code. */
export function classifyNetworkFailure(error: { code?: unknown; message?: unknown }): NetworkFailureKind {
  const code = typeof error.code === "string" ? error.code : "";
  if (NOT_SENT_CODES.has(code)) return "not_sent";
  if (TIMEOUT_CODES.has(code) || /timeout/i.test(String(error.message ?? ""))) return "timeout";
  return "lost";
}

/** GET, PATCH and DELETE set state absolutely: sending them twice has the same effect as once. */
export function isRepeatable(method: HttpMethod): boolean {
  return method !== "POST";
}

/** Throttling answer: 429, or 400 with `request_limit_exceeded` (Cliq uses both). */
export function isThrottleAnswer(status: number | undefined, code: string | undefined): boolean {
  return status === 429 || code === "request_limit_exceeded";
}

/** A 401 whose code says the access token itself is bad (expired, revoked), so a fresh token may help. */
export function isInvalidTokenAnswer(status: number, code: string | undefined): boolean {
  return status === 401 && code !== undefined && /oauth|token|invalid_?auth/i.test(code);
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 8000 };

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)], then time-scaled. */
export function backoffDelayMs(
  retry: number,
  timeScale: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return random() * ceiling * timeScale;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The retry budget one call shares with every retry loop built on top of the client (ambiguous creates,
 * token mints): how many attempts in all, and the jittered wait before retry number `retry` (1-based).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  delayMs(retry: number): number;
}

/** A policy from the client's settings; `random` is the jitter source (injected by tests). */
export function retryPolicy(
  maxAttempts: number,
  timeScale: number,
  random: () => number = Math.random,
): RetryPolicy {
  return { maxAttempts, delayMs: (retry) => backoffDelayMs(retry - 1, timeScale, DEFAULT_BACKOFF, random) };
}

/** What came back from one attempt: an HTTP answer (with Cliq's error code, if any), or a network failure. */
export type AttemptOutcome =
  { kind: "answer"; status: number; code?: string } | { kind: "network"; failure: NetworkFailureKind };

/** What a call has used so far. */
export interface AttemptHistory {
  /** Backoff retries already made (5xx, network). */
  retries: number;
  /** API seconds already spent waiting out locks. */
  throttleWaitedSeconds: number;
  /** Whether a refused token was already replaced once. */
  tokenRenewed: boolean;
}

/** The fixed facts of a call that bound its retries. */
export interface AttemptLimits {
  method: HttpMethod;
  maxAttempts: number;
  maxThrottleWaitSeconds: number;
  /** The operation's lock period from the spec's `x-rate-limit`. */
  lockSeconds: number;
  /** Whether a refused token can be replaced (OAuth) or not (static token). */
  refreshable: boolean;
}

/** The next step of a call after an attempt. */
export type NextStep =
  | { action: "ok" }
  | { action: "wait_out_lock"; lockSeconds: number }
  | { action: "renew_token" }
  | { action: "back_off"; retry: number }
  | { action: "fail"; why: "throttle_budget" | "not_retryable" | "attempts_exhausted"; ambiguous: boolean };

/**
 * Decides what a call does after an attempt. A 2xx answer is the result. Throttles are waited out within the throttle budget (a
 * throttled request was not applied, so even a POST is sent again); a refused OAuth token is re-minted once;
 * 5xx and network failures are retried with backoff for repeatable methods, and for any method when nothing
 * was sent. A POST whose fate is unknown is never repeated here: it fails as ambiguous, and the caller looks
 * the object up before it creates again.
 */
export function nextStep(outcome: AttemptOutcome, history: AttemptHistory, limits: AttemptLimits): NextStep {
  if (outcome.kind === "answer" && outcome.status >= 200 && outcome.status < 300) return { action: "ok" };
  const budgetLeft = history.retries + 1 < limits.maxAttempts;
  if (outcome.kind === "network") {
    const safe = outcome.failure === "not_sent" || isRepeatable(limits.method);
    if (safe && budgetLeft) return { action: "back_off", retry: history.retries + 1 };
    const ambiguous = outcome.failure !== "not_sent" && limits.method !== "GET";
    return { action: "fail", why: safe ? "attempts_exhausted" : "not_retryable", ambiguous };
  }
  const { status, code } = outcome;
  if (isThrottleAnswer(status, code)) {
    const remaining = limits.maxThrottleWaitSeconds - history.throttleWaitedSeconds;
    if (limits.lockSeconds > remaining) return { action: "fail", why: "throttle_budget", ambiguous: false };
    return { action: "wait_out_lock", lockSeconds: limits.lockSeconds };
  }
  if (isInvalidTokenAnswer(status, code) && limits.refreshable && !history.tokenRenewed) {
    return { action: "renew_token" };
  }
  const ambiguous = status >= 500 && limits.method !== "GET";
  if (status >= 500 && isRepeatable(limits.method)) {
    if (budgetLeft) return { action: "back_off", retry: history.retries + 1 };
    return { action: "fail", why: "attempts_exhausted", ambiguous };
  }
  return { action: "fail", why: "not_retryable", ambiguous };
}

/** What a call has used once it took `step`: the budgets `nextStep` decides the following step with. */
export function afterStep(history: AttemptHistory, step: NextStep): AttemptHistory {
  switch (step.action) {
    case "wait_out_lock":
      return { ...history, throttleWaitedSeconds: history.throttleWaitedSeconds + step.lockSeconds };
    case "renew_token":
      return { ...history, tokenRenewed: true };
    case "back_off":
      return { ...history, retries: step.retry };
    default:
      return history;
  }
}

/**
 * Whether a throttled answer deserves a warning: only the first answer of a lock does. Requests that were in
 * flight when the lock began are refused too, and each would otherwise warn about the same lock.
 */
export function isNewLock(lockedUntilMs: number, nowMs: number): boolean {
  return nowMs >= lockedUntilMs;
}

/** What the accounts server did with a token mint that did not succeed. */
export type MintFailure = "network" | "server_error" | "oauth_refusal" | "client_error" | "invalid_answer";

/**
 * Whether a failed mint is sent again (after backoff): dropped connections, timeouts and 5xx are transient;
 * Zoho's OAuth refusals (invalid client, invalid refresh token, mint cap) and malformed answers are not, and
 * repeating them would only burn the refresh token's 10 mints per 10 minutes.
 */
export function shouldRetryMint(failure: MintFailure, attempt: number, maxAttempts: number): boolean {
  return (failure === "network" || failure === "server_error") && attempt < maxAttempts;
}

/** Where a failed create stands once the object was looked up (undefined: it was not looked up). */
export type CreateLookup = "found" | "absent";

/** The next step of a create whose last attempt failed. */
export type CreateStep = { action: "use_found" } | { action: "retry"; retry: number } | { action: "fail" };

/**
 * Whether a failed create is followed by a lookup: after an ambiguous failure (5xx, dropped connection,
 * timeout), and after any failure of a retry, since the earlier request may have landed late and made this
 * one a duplicate ("name already exists").
 */
export function needsLookup(ambiguous: boolean, attempt: number): boolean {
  return ambiguous || attempt > 1;
}

/**
 * Decides what a create does after a failed attempt: what the lookup found is used; when the lookup proved
 * nothing was made after an ambiguous failure, the create is sent again after backoff, within the same
 * attempts as any other call; anything else fails.
 */
export function nextCreateStep(
  ambiguous: boolean,
  lookup: CreateLookup | undefined,
  attempt: number,
  maxAttempts: number,
): CreateStep {
  if (lookup === "found") return { action: "use_found" };
  if (!ambiguous || lookup === undefined) return { action: "fail" };
  return attempt < maxAttempts ? { action: "retry", retry: attempt } : { action: "fail" };
}
