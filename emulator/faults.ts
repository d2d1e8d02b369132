import { OAUTH_OPERATION_ID, OPERATION_IDS, type OperationId } from "../cliq-api/operations";
import { errors } from "./errors";

export const FAULT_KINDS = ["latency", "status", "drop", "drop-after-commit", "throttle"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export { OAUTH_OPERATION_ID };

export interface Fault {
  operationId?: string;
  method?: string;
  kind: FaultKind;
  /** Matching requests still to affect. */
  remaining: number;
  /** "status": the HTTP status to answer (default 500). */
  status?: number;
  /** "status": the error code of the body (default: the operation's server-side failure code). */
  code?: string;
  /** "latency": delay in milliseconds (not scaled). */
  ms?: number;
}

/**
 * The code a server-side failure of an operation carries: the operation's own `*_failed` code where the spec
 * lists one, otherwise `internal_server_error`. This is how "status" faults make those codes producible.
 */
export const SERVER_FAILURE_CODES: Partial<Record<OperationId, string>> = {
  create_a_handler_for_a_bot: "execution_handler_create_failed",
  update_a_handler_for_a_bot: "execution_handler_update_failed",
  get_details_of_a_specific_bot_handler: "execution_handler_get_failed",
  delete_a_handler_from_a_bot: "execution_handler_delete_failed",
  send_a_bot_message: "botmessage_sending_failed",
  send_an_incoming_webhook_message: "botmessage_sending_failed",
};

/** Validates a `POST /_emulator/faults` body. */
export function parseFault(body: unknown): Fault {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.kind !== "string" || !(FAULT_KINDS as readonly string[]).includes(b.kind)) {
    throw errors.invalidInputs(`kind must be one of ${FAULT_KINDS.join(", ")}.`);
  }
  if (
    b.operationId !== undefined &&
    !([...OPERATION_IDS, OAUTH_OPERATION_ID] as string[]).includes(b.operationId as string)
  ) {
    throw errors.invalidInputs(`unknown operationId ${JSON.stringify(b.operationId)}.`);
  }
  const count = b.count ?? 1;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
    throw errors.invalidInputs("count must be a positive integer.");
  }
  if (b.status !== undefined && (typeof b.status !== "number" || b.status < 100 || b.status > 599)) {
    throw errors.invalidInputs("status must be an HTTP status code.");
  }
  if (b.ms !== undefined && (typeof b.ms !== "number" || b.ms < 0)) {
    throw errors.invalidInputs("ms must be a non-negative number.");
  }
  if (b.kind === "latency" && b.ms === undefined) {
    throw errors.invalidInputs("a latency fault needs ms.");
  }
  return {
    kind: b.kind as FaultKind,
    remaining: count,
    ...(typeof b.operationId === "string" ? { operationId: b.operationId } : {}),
    ...(typeof b.method === "string" ? { method: b.method.toUpperCase() } : {}),
    ...(typeof b.status === "number" ? { status: b.status } : {}),
    ...(typeof b.code === "string" ? { code: b.code } : {}),
    ...(typeof b.ms === "number" ? { ms: b.ms } : {}),
  };
}

/** Pending faults; each matching request consumes one use of every fault it triggers. */
export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * The faults a request triggers: the total latency of matching latency faults, and the first matching
   * fault of another kind.
   */
  take(operationId: string | undefined, method: string): { latencyMs: number; fault?: Fault } {
    const matches = (f: Fault) =>
      (f.operationId === undefined || f.operationId === operationId) &&
      (f.method === undefined || f.method === method);
    let latencyMs = 0;
    for (const f of this.faults) {
      if (f.kind === "latency" && matches(f)) {
        latencyMs += f.ms ?? 0;
        f.remaining -= 1;
      }
    }
    const fault = this.faults.find((f) => f.kind !== "latency" && matches(f));
    if (fault) {
      fault.remaining -= 1;
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { latencyMs, fault: fault && { ...fault } };
  }
}
