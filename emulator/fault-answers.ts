/**
 * How the emulator answers under injected faults (control API `faults`): latency held before the work, a fault
 * answering in the work's place (a status, a dropped connection, a throttle that also locks the operation), or
 * the work done and its connection dropped. Apart from server.ts, which parses, dispatches and sends.
 */
import { SPEC_STATUS_MESSAGES } from "../cliq-api/error-messages";
import type { OperationId } from "../cliq-api/operations";
import type { EmulatorCore } from "./core";
import { ApiError, errors } from "./errors";
import { OAUTH_OPERATION_ID, SERVER_FAILURE_CODES, type Fault } from "./faults";

/** One listening emulator as its request handling sees it. */
export interface Served {
  core: EmulatorCore;
  /** Base URL (the OAuth answer's `api_domain`). */
  url: string;
  /** Aborted by `close()`: requests still held by a latency fault are then abandoned, not carried out. */
  closing: AbortSignal;
}

export interface Answer {
  status: number;
  body: unknown;
  throttled?: boolean;
  /** Destroy the socket instead of (or after) answering. */
  drop?: "before" | "after";
}

/**
 * Waits out a latency fault. The timer is unref'd and `closing` cuts the wait short, so a request held by a
 * fault never keeps a test process alive after `close()`; it resolves to false when the emulator is closing.
 */
function holdFor(ms: number, closing: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (closing.aborted) return resolve(false);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      closing.removeEventListener("abort", onClose);
      resolve(true);
    }, ms);
    timer.unref();
    closing.addEventListener("abort", onClose, { once: true });
  });
}

/** A connection destroyed without an answer and without the work done ("drop" faults, abandoned requests). */
export const DROPPED: Answer = { status: 0, body: undefined, drop: "before" };

/** Cliq's answer to a refusal: the spec's message text for the code (and operation), not the emulator's prose. */
export function errorAnswer(error: ApiError, operationId?: string): Answer {
  return { status: error.status, body: error.wireBody(operationId as OperationId | undefined) };
}

export function throttledAnswer(core: EmulatorCore): Answer {
  const error = errors.throttled(core.options.throttleStyle === "400" ? 400 : 429);
  return { ...errorAnswer(error), throttled: true };
}

function faultAnswer(
  core: EmulatorCore,
  fault: Fault,
  operationId: string,
  token: string | undefined,
): Answer | undefined {
  switch (fault.kind) {
    case "status": {
      const status = fault.status ?? 500;
      const code =
        fault.code ??
        SERVER_FAILURE_CODES[operationId as OperationId] ??
        (status >= 500 ? "internal_server_error" : "invalid_inputs");
      const text = SPEC_STATUS_MESSAGES[status] ?? `Injected fault: HTTP ${status} (${code}).`;
      return errorAnswer(new ApiError(status, code, text), operationId);
    }
    case "drop":
      return DROPPED;
    case "throttle":
      if (token !== undefined && operationId !== OAUTH_OPERATION_ID) {
        core.limiter.lock(token, operationId as OperationId, core.now());
      }
      return throttledAnswer(core);
    default:
      return undefined;
  }
}

/**
 * Runs `work` under the faults matching the request: their latency first, then a fault that answers in the
 * work's place (status, drop, throttle), or for drop-after-commit the work followed by a dropped connection.
 */
export async function withFaults(
  served: Served,
  operationId: string,
  method: string,
  token: string | undefined,
  work: () => Answer,
): Promise<Answer> {
  const { core, closing } = served;
  const { latencyMs, fault } = core.faults.take(operationId, method);
  // A request still held when the emulator closes is dropped undone: work after close() could overwrite the
  // state file of the emulator a test restarts on it.
  if (latencyMs > 0 && !(await holdFor(latencyMs, closing))) return DROPPED;
  const injected = fault && faultAnswer(core, fault, operationId, token);
  if (injected) return injected;
  const answer = work();
  return fault?.kind === "drop-after-commit" ? { ...answer, drop: "after" } : answer;
}
