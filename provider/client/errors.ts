import { inspect } from "node:util";
import { OAUTH_OPERATION_ID, type HttpMethod, type OperationId } from "../../cliq-api/operations";
import { redactText } from "./redact";
import { isThrottleAnswer } from "./retry";

export { OAUTH_OPERATION_ID };

/** Error codes the client itself produces (Cliq's own codes come from the spec's `x-error-codes`). */
export const CLIENT_ERROR_CODES = {
  /** A 2xx response whose body does not match the endpoint's schema. */
  invalidResponse: "invalid_response",
  /** A request body that does not match the endpoint's schema; nothing was sent. */
  invalidRequest: "invalid_request",
  /** Throttled, and waiting out the lock would exceed `maxThrottleWaitSeconds`. */
  requestLimitExceeded: "request_limit_exceeded",
  /** The connection failed or was dropped. */
  networkError: "network_error",
  /** No answer within the request timeout. */
  timeout: "timeout",
  /** The accounts server refused the client id / secret. */
  oauthInvalidClient: "oauth_invalid_client",
  /** The accounts server refused the refresh token. */
  oauthInvalidRefreshToken: "oauth_invalid_refresh_token",
  /** The refresh token has minted too many access tokens recently (Zoho: 10 per 10 minutes). */
  oauthMintLimitExceeded: "oauth_mint_limit_exceeded",
  /** Any other refusal from the accounts server. */
  oauthError: "oauth_error",
  /** The API refused the access token. */
  unauthorized: "unauthorized",
  /** The engine cancelled the operation (first Ctrl-C) while the call waited for a rate-limit slot; not sent. */
  cancelled: "cancelled",
} as const;

/**
 * Cliq's own "not found" codes, by what is gone (a handler is gone with its bot). Only these codes count: a bare
 * 404 is not enough, since a wrong API path, a proxy or another service answers 404 for objects that exist, and
 * taking that for "gone" would drop a live object from state. Cliq sends these codes with 404, or with 400.
 */
const NOT_FOUND_CODES = {
  bot: ["bot_not_found"],
  handler: ["execution_handler_not_found", "bot_not_found"],
} as const satisfies Record<string, readonly string[]>;

/** Cliq's "already exists" codes, by what exists: a bot of that name, or the bot's membership of a channel. */
const ALREADY_EXISTS_CODES = {
  bot: ["bot_name_already_exists"],
  membership: ["bot_already_member"],
} as const satisfies Record<string, readonly string[]>;

/** What a "not found" answer may say is gone. */
export type MissingObject = keyof typeof NOT_FOUND_CODES;
/** What an "already exists" answer may say exists. */
export type ExistingObject = keyof typeof ALREADY_EXISTS_CODES;

function codeIn(code: string | undefined, codes: readonly (readonly string[])[]): boolean {
  return code !== undefined && codes.some((list) => list.includes(code));
}

export interface CliqApiErrorInit {
  message: string;
  operationId: OperationId | typeof OAUTH_OPERATION_ID;
  method: HttpMethod;
  /** Request path without query string. */
  path: string;
  status?: number;
  code?: string;
  requestId?: string;
  /** True when the request may have been applied although no success answer arrived. */
  ambiguous?: boolean;
  /** Already redacted cause (see `redactedCause`). */
  cause?: unknown;
  /** Strings that must never appear in the error (removed from message and cause). */
  secrets?: readonly string[];
}

/**
 * The one error the Cliq client throws for anything that went wrong with a request: an HTTP failure (with
 * Cliq's `code`), a network failure, a throttle that outlasted the wait budget, an OAuth refusal or a response
 * that does not match the spec. It never carries credentials: the message is scrubbed, `cause` is a redacted
 * copy kept non-enumerable, and `toJSON` lists only the safe fields.
 */
export class CliqApiError extends Error {
  override readonly name = "CliqApiError";
  declare readonly status?: number;
  declare readonly code?: string;
  readonly operationId: OperationId | typeof OAUTH_OPERATION_ID;
  readonly method: HttpMethod;
  readonly path: string;
  declare readonly requestId?: string;
  declare private readonly ambiguous: boolean;

  constructor(init: CliqApiErrorInit) {
    super(redactText(init.message, init.secrets));
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    this.operationId = init.operationId;
    this.method = init.method;
    this.path = init.path;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    Object.defineProperty(this, "ambiguous", { value: init.ambiguous === true, enumerable: false });
    if (init.cause !== undefined) {
      Object.defineProperty(this, "cause", {
        value: redactedCause(init.cause, init.secrets),
        enumerable: false,
        writable: false,
      });
    }
  }

  /**
   * Cliq says the object is gone: `what` (a bot; a handler, which is gone with its bot too), or without
   * `what`, any object. Decided by Cliq's own codes only, never by a bare 404 (see `NOT_FOUND_CODES`).
   */
  isNotFound(what?: MissingObject): boolean {
    return codeIn(this.code, what === undefined ? Object.values(NOT_FOUND_CODES) : [NOT_FOUND_CODES[what]]);
  }

  /**
   * Cliq says the object already exists: `what` (a bot of that name, or the bot's channel membership), or
   * without `what`, either.
   */
  isAlreadyExists(what?: ExistingObject): boolean {
    const codes = what === undefined ? Object.values(ALREADY_EXISTS_CODES) : [ALREADY_EXISTS_CODES[what]];
    return codeIn(this.code, codes);
  }

  /** Cliq throttled the call (429, or 400 `request_limit_exceeded`), or the wait budget ran out. */
  isThrottled(): boolean {
    return isThrottleAnswer(this.status, this.code);
  }

  /**
   * The request may have been applied although no success answer arrived (network failure or timeout after
   * sending, or a 5xx on POST). A caller that created something must look it up before trying again.
   */
  isAmbiguous(): boolean {
    return this.ambiguous;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      operationId: this.operationId,
      method: this.method,
      path: this.path,
      requestId: this.requestId,
      ambiguous: this.ambiguous,
    };
  }
}

export function isCliqApiError(value: unknown): value is CliqApiError {
  return value instanceof CliqApiError;
}

/** `error` is a `CliqApiError` saying the object is gone (see `CliqApiError.isNotFound`); for catch blocks. */
export function isNotFound(error: unknown, what?: MissingObject): boolean {
  return isCliqApiError(error) && error.isNotFound(what);
}

/** `error` is a `CliqApiError` saying the object exists (see `CliqApiError.isAlreadyExists`); for catch blocks. */
export function isAlreadyExists(error: unknown, what?: ExistingObject): boolean {
  return isCliqApiError(error) && error.isAlreadyExists(what);
}

/**
 * A scrubbed stand-in for a low-level failure (typically an AxiosError, whose `config` holds the
 * Authorization header and whose request body may hold the client secret). Only name, message, code and
 * stack survive, each scrubbed; the original object is left untouched.
 */
export function redactedCause(cause: unknown, secrets: readonly string[] = []): unknown {
  if (cause instanceof CliqApiError) return cause;
  if (cause instanceof Error) {
    const copy = new Error(redactText(cause.message, secrets));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") Object.defineProperty(copy, "code", { value: code, enumerable: true });
    copy.stack = redactText(cause.stack ?? `${cause.name}: ${cause.message}`, secrets);
    return copy;
  }
  if (typeof cause === "string") return redactText(cause, secrets);
  return redactText(inspect(cause, { depth: 2 }), secrets);
}
