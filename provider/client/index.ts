export * from "./api";
export { apiHostOf, assertSameHost, hostMismatch, movedFromHost } from "./api-host";
export type { HostContext } from "./api-host";
export { createLookingUp, isAmbiguousFailure } from "./create-retry";
export type { CreateAttempts } from "./create-retry";
export { OAUTH_TOKEN_PATH, OAuthTokenSource, StaticTokenSource, refreshMarginSeconds } from "./auth";
export type { OAuthCredentials, OAuthTokenSourceExtras, TokenSource } from "./auth";
export { TOKEN_CACHE_DIR_ENV, TokenFileCache, tokenCacheDir, tokenCacheKey } from "./token-cache";
export type { CachedAccessToken } from "./token-cache";
export { CliqClient } from "./client";
export {
  createClientState,
  createLimiters,
  createTokenSource,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_THROTTLE_WAIT_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from "./state";
export type { ClientState } from "./state";
export {
  CLIENT_ERROR_CODES,
  CliqApiError,
  isAlreadyExists,
  isCliqApiError,
  isNotFound,
  OAUTH_OPERATION_ID,
} from "./errors";
export type { CliqApiErrorInit, ExistingObject, MissingObject } from "./errors";
export { SlidingWindowLimiter } from "./limiter";
export { OperationLimiters, scaledWindowMs } from "./operation-limiters";
export type { Release } from "./limiter";
export type { CliqClientHooks, CliqClientOptions, CliqLogger } from "./options";
export { quoteBody, redactText, redactValue, REDACTED } from "./redact";
export * from "./retry";
export * from "./schemas";
export { getSharedClient, resetSharedClients, sharedClientFor, sharedStateKey } from "./shared";
export { decodeBody, jsonNumber, parseJson, stringifyJson } from "./wire";
export { CliqConfigError, resolveClientSettings, resolveStackSettings } from "../config";
export type { ClientSettings, ClientSettingsInput, ConfigSource, Credentials } from "../config";
