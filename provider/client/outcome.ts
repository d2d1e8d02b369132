/**
 * What one attempt of a call produced, and the error a call ends with. Kept apart from the client's loop so
 * the loop only sends and follows `nextStep`; the wording of every final error lives here.
 */
import type { AxiosResponse } from "axios";
import type { z } from "zod";
import { OPERATIONS, type OperationId } from "../../cliq-api/operations";
import { CLIENT_ERROR_CODES, CliqApiError } from "./errors";
import { quoteBody, redactText } from "./redact";
import type { AttemptHistory, AttemptOutcome, NetworkFailureKind, NextStep } from "./retry";
import type { LockWaitTooLong } from "./limiter";
import { ENDPOINT_SCHEMAS, errorBodySchema } from "./schemas";

const REQUEST_ID_HEADERS = ["x-request-id", "x-zoho-request-id", "x-correlation-id"];

/** One request ready to send: its path (for messages), its URL with query, and its validated body. */
export interface Prepared {
  path: string;
  url: string;
  body: unknown;
}

/** The result of one attempt: an HTTP answer, or a transport failure. */
export type Sent = { token: string } & (
  { response: AxiosResponse } | { error: unknown; failure: NetworkFailureKind }
);

/** The facts of a call that the wording of its final error needs. */
export interface CallContext {
  operationId: OperationId;
  prepared: Prepared;
  secrets: readonly string[];
  refreshable: boolean;
  requestTimeoutMs: number;
  maxThrottleWaitSeconds: number;
}

export function requestIdOf(response: AxiosResponse): string | undefined {
  for (const header of REQUEST_ID_HEADERS) {
    const value: unknown = response.headers?.[header];
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

/** The first schema issue as `path: message`, with the count of the others. */
export function issueSummary(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const where = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more issue(s))` : "";
  return `${where}: ${issue.message}${more}`;
}

/** The outcome `nextStep` decides on: the answer's status and Cliq's code, or the kind of network failure. */
export function outcomeOf(sent: Sent): AttemptOutcome {
  if (!("response" in sent)) return { kind: "network", failure: sent.failure };
  // A success body is the endpoint's own shape: only failures carry Cliq's error code.
  if (sent.response.status >= 200 && sent.response.status < 300)
    return { kind: "answer", status: sent.response.status };
  const errorBody = errorBodySchema.safeParse(sent.response.data);
  const code = errorBody.success ? errorBody.data.code : undefined;
  return { kind: "answer", status: sent.response.status, ...(code !== undefined ? { code } : {}) };
}

export function codeOf(outcome: AttemptOutcome): string | undefined {
  return outcome.kind === "answer" ? outcome.code : undefined;
}

/** A short text of what went wrong, for retry reports. */
export function failureText(sent: Sent): string {
  if ("response" in sent) return `answered HTTP ${sent.response.status}`;
  return (sent.error as Error)?.message ?? String(sent.error);
}

/** A 2xx answer parsed by the endpoint's schema; one that does not match is `invalid_response`. */
export function parseAnswer(context: CallContext, response: AxiosResponse): unknown {
  const { operationId, prepared, secrets } = context;
  const parsed = ENDPOINT_SCHEMAS[operationId].response.safeParse(response.data);
  if (parsed.success) return parsed.data;
  const method = OPERATIONS[operationId].method;
  throw new CliqApiError({
    message:
      `Cliq's answer to ${operationId} (${method} ${prepared.path}, HTTP ${response.status}) does not match ` +
      `the spec at ${issueSummary(parsed.error)}; body received: ${quoteBody(response.data, secrets)}`,
    code: CLIENT_ERROR_CODES.invalidResponse,
    status: response.status,
    requestId: requestIdOf(response),
    operationId,
    method,
    path: prepared.path,
    secrets,
  });
}

/** The error of a call whose wait for a rate-limit slot the engine cancelled: nothing more was sent. */
export function cancelledFailure(context: CallContext, cause: unknown): CliqApiError {
  const { operationId, prepared, secrets } = context;
  const method = OPERATIONS[operationId].method;
  return new CliqApiError({
    message:
      `Cliq ${operationId} (${method} ${prepared.path}) was not sent: the Pulumi operation was cancelled while ` +
      "it waited for Cliq's rate limit",
    code: CLIENT_ERROR_CODES.cancelled,
    operationId,
    method,
    path: prepared.path,
    secrets,
    cause,
  });
}

/**
 * The error of a call refused unsent: its operation is locked (as another process of this user met, per the
 * shared window store) for longer than the throttle-wait budget lets it wait.
 */
export function lockWaitFailure(context: CallContext, cause: LockWaitTooLong): CliqApiError {
  const { operationId, prepared, secrets } = context;
  const method = OPERATIONS[operationId].method;
  return new CliqApiError({
    message:
      `Cliq ${operationId} (${method} ${prepared.path}) was not sent: the operation is locked by Cliq's rate ` +
      `limit for ${Math.ceil(cause.waitMs / 1000)} s more (until ${new Date(cause.lockedUntil).toISOString()}), ` +
      `more than the throttle-wait budget (maxThrottleWaitSeconds = ${context.maxThrottleWaitSeconds}); raise ` +
      "cliq:maxThrottleWaitSeconds (CLIQ_MAX_THROTTLE_WAIT_SECONDS) or run again after the lock",
    code: CLIENT_ERROR_CODES.requestLimitExceeded,
    operationId,
    method,
    path: prepared.path,
    secrets,
    cause,
  });
}

/** The error a call ends with, by what its last attempt met and why `nextStep` gave up. */
export function finalFailure(
  context: CallContext,
  sent: Sent,
  step: Extract<NextStep, { action: "fail" }>,
  history: AttemptHistory,
): CliqApiError {
  const { operationId, prepared, secrets } = context;
  const method = OPERATIONS[operationId].method;
  const base = { operationId, method, path: prepared.path, secrets, ambiguous: step.ambiguous };
  const what = `Cliq ${operationId} (${method} ${prepared.path})`;
  if (!("response" in sent)) {
    const timeout = sent.failure === "timeout";
    return new CliqApiError({
      ...base,
      message: timeout
        ? `${what} got no answer within ${context.requestTimeoutMs} ms`
        : `${what} failed on the network: ${failureText(sent)}`,
      code: timeout ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.networkError,
      cause: sent.error,
    });
  }
  const { status, data: answer } = sent.response;
  const requestId = requestIdOf(sent.response);
  if (step.why === "throttle_budget") {
    const lockSeconds = OPERATIONS[operationId].rateLimit.lockSeconds;
    const remaining = context.maxThrottleWaitSeconds - history.throttleWaitedSeconds;
    return new CliqApiError({
      ...base,
      message:
        `Cliq throttled ${operationId} (${method} ${prepared.path}, HTTP ${status}) and its lock period is ` +
        `${lockSeconds} s, more than the ${remaining} s left of the throttle-wait budget ` +
        `(maxThrottleWaitSeconds = ${context.maxThrottleWaitSeconds}); raise cliq:maxThrottleWaitSeconds ` +
        `(CLIQ_MAX_THROTTLE_WAIT_SECONDS) or run again after the lock`,
      code: CLIENT_ERROR_CODES.requestLimitExceeded,
      status,
      requestId,
    });
  }
  const errorBody = errorBodySchema.safeParse(answer);
  const code = errorBody.success ? errorBody.data.code : undefined;
  const apiMessage = errorBody.success && errorBody.data.message ? errorBody.data.message : undefined;
  const detail = apiMessage ?? (errorBody.success ? undefined : quoteBody(answer, secrets, 200));
  return new CliqApiError({
    ...base,
    message:
      `${what} failed with HTTP ${status}${code ? ` ${code}` : ""}` +
      `${detail ? `: ${redactText(detail, secrets)}` : ""}`,
    status,
    ...(code !== undefined ? { code } : status === 401 ? { code: CLIENT_ERROR_CODES.unauthorized } : {}),
    requestId,
  });
}
