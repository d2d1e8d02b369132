export * from "./api";
export { apiHostOf, assertSameHost, hostMismatch, movedFromHost } from "./api-host";
export type { HostContext } from "./api-host";
export { createLookingUp, isAmbiguousFailure } from "./create-retry";
export type { CreateAttempts } from "./create-retry";
export { OAUTH_TOKEN_PATH, OAuthTokenSource, StaticTokenSource, refreshMarginSeconds } from "./auth";
export type { OAuthCredentials, OAuthTokenSourceExtras, TokenSource } from "./auth";
export { TOKEN_CACHE_DIR_ENV, TokenFileCache, tokenCacheDir, tokenCacheKey } from "./token-cache";
export type { CachedAccessToken } from "./token-cache";
export {
  CliqClient,
  createClientState,
  createTokenSource,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_THROTTLE_WAIT_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from "./client";
export type { ClientState } from "./client";
export { CLIENT_ERROR_CODES, CliqApiError, isCliqApiError, OAUTH_OPERATION_ID } from "./errors";
export type { CliqApiErrorInit } from "./errors";
export { OperationLimiters, SlidingWindowLimiter, scaledWindowMs } from "./limiter";
export type { Release } from "./limiter";
export type { CliqClientOptions, CliqLogger } from "./options";
export { quoteBody, redactText, redactValue, REDACTED } from "./redact";
export * from "./retry";
export * from "./schemas";
export { getSharedClient, resetSharedClients, sharedStateKey } from "./shared";
export { decodeBody, jsonNumber, parseJson, stringifyJson } from "./wire";
export { CliqConfigError, resolveClientOptions } from "../config";
export type { ConfigSource } from "../config";
