import { OPERATIONS, type OperationId } from "../cliq-api/operations";

/**
 * The least time, in API seconds, that `calls` requests of one operation can take without passing its
 * threshold: r requests per window w means ceil(n / r) - 1 full windows of waiting.
 */
export function minimumSecondsFor(operationId: OperationId, calls: number): number {
  const { requests, perSeconds } = OPERATIONS[operationId].rateLimit;
  return (Math.ceil(calls / requests) - 1) * perSeconds;
}
