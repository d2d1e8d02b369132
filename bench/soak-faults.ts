/**
 * The soak's fault plan: which request gets which fault, drawn from a seeded generator so that a failing run
 * can be replayed with `--seed`. Pure: the injector (soak-injector.ts) asks the planner once per request and
 * turns its answer into a `POST /_emulator/faults`.
 */
import type { FaultRequest } from "../emulator";
import { OAUTH_OPERATION_ID } from "../cliq-api/operations";
import { matchRoute } from "../emulator/router";

/** The faults the issue names: random 5xx, dropped connections, lost answers, and both throttle styles. */
export const SOAK_FAULT_KINDS = ["5xx", "drop", "drop-after-commit", "throttle-429", "throttle-400"] as const;
export type SoakFaultKind = (typeof SOAK_FAULT_KINDS)[number];

/**
 * The faults a token mint gets. Throttling is the Cliq API's (per-operation windows and lock periods); the
 * accounts server's only limit is the mint cap (10 per refresh token per 10 minutes), an OAuth refusal that
 * the client reports and must not retry. Random throttles there would test a rule the client must not follow.
 */
export const OAUTH_FAULT_KINDS: readonly SoakFaultKind[] = ["5xx", "drop", "drop-after-commit"];

/** The 5xx statuses a server-side failure is answered with (the client must treat them alike). */
export const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;

export interface PlannedFault {
  kind: SoakFaultKind;
  /** For "5xx": the status to answer. */
  status?: number;
}

/**
 * mulberry32: a tiny, well-mixed 32-bit generator. Math.random cannot be seeded, and a replayable run is the
 * point of printing the seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A planner that decides, request by request, whether the request is faulted (probability `rate`) and how
 * (uniformly over `kinds`). Every decision consumes exactly three draws, faulted or not, so the n-th request
 * of two runs with the same seed always gets the same decision whatever happened before it.
 */
export function createFaultPlanner(
  seed: number,
  rate: number,
  kinds: readonly SoakFaultKind[] = SOAK_FAULT_KINDS,
): () => PlannedFault | undefined {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be within 0..1, got ${rate}`);
  if (kinds.length === 0) throw new Error("the fault mix is empty");
  const random = seededRandom(seed);
  return () => {
    const hit = random() < rate;
    const kind = kinds[Math.floor(random() * kinds.length)];
    const status = SERVER_ERROR_STATUSES[Math.floor(random() * SERVER_ERROR_STATUSES.length)];
    if (!hit) return undefined;
    return kind === "5xx" ? { kind, status } : { kind };
  };
}

/**
 * The seed of one stream of decisions. API requests and OAuth mints draw from separate streams: when a mint
 * happens depends on the clock (token lifetime), and it must not shift the decisions of every API request
 * after it, or a seed would not replay.
 */
export function streamSeed(seed: number, stream: "api" | "oauth"): number {
  return stream === "api" ? seed >>> 0 : (seed ^ 0x9e3779b9) >>> 0;
}

/** The first `requests` decisions of a planner: the plan a seed stands for (tests and replay checks). */
export function faultPlan(
  seed: number,
  rate: number,
  requests: number,
  kinds: readonly SoakFaultKind[] = SOAK_FAULT_KINDS,
): (PlannedFault | undefined)[] {
  const next = createFaultPlanner(seed, rate, kinds);
  return Array.from({ length: requests }, () => next());
}

/**
 * The control-surface fault that produces a planned fault on the next request of `operationId`. Throttling
 * comes in Cliq's two styles: 429 through the emulator's own throttle (which also locks the operation, as
 * Cliq does), and HTTP 400 `request_limit_exceeded` as a status answer.
 */
export function toFaultRequest(planned: PlannedFault, operationId: string | undefined): FaultRequest {
  const target = operationId === undefined ? {} : { operationId };
  switch (planned.kind) {
    case "5xx":
      return { ...target, kind: "status", status: planned.status ?? 500, count: 1 };
    case "drop":
      return { ...target, kind: "drop", count: 1 };
    case "drop-after-commit":
      return { ...target, kind: "drop-after-commit", count: 1 };
    case "throttle-429":
      return { ...target, kind: "throttle", count: 1 };
    case "throttle-400":
      return { ...target, kind: "status", status: 400, code: "request_limit_exceeded", count: 1 };
  }
}

/** The operation a request to the emulator is (as its fault queue names it), from method and full URL. */
export function operationIdOf(method: string, url: string): string | undefined {
  const path = new URL(url, "http://placeholder").pathname;
  if (path.endsWith("/oauth/v2/token")) return OAUTH_OPERATION_ID;
  const at = path.indexOf("/api/v3");
  if (at < 0) return undefined;
  const match = matchRoute(method.toUpperCase(), path.slice(at + "/api/v3".length));
  return match.kind === "operation" ? match.operationId : undefined;
}
