/**
 * What every client of one endpoint + identity shares (token source, rate limiters), and how it is built from
 * the resolved settings: the HTTP instance, the token source (static, or OAuth with mint retries and the
 * optional file cache) and the limiters.
 */
import axios, { type AxiosInstance } from "axios";
import type { ClientSettings } from "../config/settings";
import { OAuthTokenSource, StaticTokenSource, type TokenSource } from "./auth";
import { OperationLimiters } from "./operation-limiters";
import type { CliqClientHooks } from "./options";
import { announces, currentWaitReporter, retryWaitText } from "./progress";
import { retryPolicy } from "./retry";
import { TokenFileCache } from "./token-cache";
import { selectWindowStore } from "./redis-window-store";
import { decodeBody, stringifyJson } from "./wire";

export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_THROTTLE_WAIT_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from "../config/settings";

/** Token cache and rate limiters: the state that every client of one endpoint + identity must share. */
export interface ClientState {
  readonly tokens: TokenSource;
  readonly limiters: OperationLimiters;
}

/** The axios instance of a client: no redirects, every status answered, JSON without losing digits. */
export function createHttp(hooks: CliqClientHooks, timeoutMs: number, baseURL?: string): AxiosInstance {
  return axios.create({
    ...(baseURL ? { baseURL } : {}),
    timeout: timeoutMs,
    ...(hooks.httpAgent ? { httpAgent: hooks.httpAgent } : {}),
    ...(hooks.httpsAgent ? { httpsAgent: hooks.httpsAgent } : {}),
    ...(hooks.transport ? { adapter: hooks.transport } : {}),
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: "text",
    transformRequest: [
      (data: unknown) => (data === undefined || typeof data === "string" ? data : stringifyJson(data)),
    ],
    transformResponse: [(data: unknown) => decodeBody(data)],
    headers: { Accept: "application/json" },
  });
}

/**
 * The token source of these settings: the static token as is, or the OAuth set minted with the client's retry
 * budget. With `tokenCache`, OAuth tokens are kept in the per-user cache file and reused by later processes.
 */
export function createTokenSource(settings: ClientSettings, hooks: CliqClientHooks = {}): TokenSource {
  const { credentials, limits } = settings;
  if (credentials.kind === "accessToken") return new StaticTokenSource(credentials.accessToken);
  return new OAuthTokenSource(
    createHttp(hooks, limits.requestTimeoutMs),
    settings.endpoints.accountsUrl,
    credentials,
    limits.timeScale,
    Date.now,
    {
      retry: retryPolicy(limits.maxAttempts, limits.timeScale, hooks.random),
      ...(settings.tokenCache ? { cache: new TokenFileCache(undefined, Date.now, warnOf(hooks)) } : {}),
      onRetry: mintRetryReporter(hooks),
    },
  );
}

/**
 * What a failed mint that is retried says: a short wait at info level; a long one (progress.ts) as the client
 * says its own, to the minting call's reporter, else the logger.
 */
export function mintRetryReporter(
  hooks: CliqClientHooks,
): (failure: string, delayMs: number, retry: number, of: number) => void {
  return (failure, delayMs, retry, of) => {
    if (!announces(delayMs)) return hooks.logger?.info?.(`${failure}; retrying (${retry}/${of})`);
    const line = retryWaitText("minting an access token", failure, delayMs, retry, of);
    const reporter = currentWaitReporter();
    if (reporter) reporter(line);
    else (hooks.logger?.progress ?? hooks.logger?.info)?.call(hooks.logger, line);
  };
}

/** Where a client's warnings about its caches go: its logger, when it has one. */
function warnOf(hooks: CliqClientHooks): (message: string) => void {
  return (message) => hooks.logger?.warn(message);
}

/** The rate limiters of these settings: the one place they are built (a cross-process limiter hooks in here). */
export function createLimiters(settings: ClientSettings, hooks: CliqClientHooks = {}): OperationLimiters {
  const warn = warnOf(hooks);
  return new OperationLimiters(settings.limits.timeScale, selectWindowStore(settings, warn), true, warn);
}

/** Fresh shared state for these settings (`getSharedClient` keeps one per endpoint + identity). */
export function createClientState(settings: ClientSettings, hooks: CliqClientHooks = {}): ClientState {
  return { tokens: createTokenSource(settings, hooks), limiters: createLimiters(settings, hooks) };
}
