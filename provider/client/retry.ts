/**
 * Pure rules for what to do after a failed attempt. Kept apart from the client so they can be tested alone.
 */
import type { HttpMethod } from "../api/operations";

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
