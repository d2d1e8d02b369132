/**
 * What every client of one endpoint + identity shares (token source, rate limiters), and how it is built from
 * the options: the HTTP instance, the token source (static, or OAuth with mint retries and the optional file
 * cache) and the limiters.
 */
import axios, { type AxiosInstance } from "axios";
import { resolveEndpoints } from "../config/data-centers";
import { CliqConfigError } from "../config/errors";
import { OAuthTokenSource, StaticTokenSource, type TokenSource } from "./auth";
import { OperationLimiters } from "./limiter";
import type { CliqClientOptions } from "./options";
import { retryPolicy } from "./retry";
import { TokenFileCache } from "./token-cache";
import { decodeBody, stringifyJson } from "./wire";

export const DEFAULT_MAX_THROTTLE_WAIT_SECONDS = 1800;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Token cache and rate limiters: the state that every client of one endpoint + identity must share. */
export interface ClientState {
  readonly tokens: TokenSource;
  readonly limiters: OperationLimiters;
}

/** The axios instance of a client: no redirects, every status answered, JSON without losing digits. */
export function createHttp(options: CliqClientOptions, baseURL?: string): AxiosInstance {
  return axios.create({
    ...(baseURL ? { baseURL } : {}),
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    ...(options.transport ? { adapter: options.transport } : {}),
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

/** Attempts per call (first one included) the options ask for. */
export function attemptsOf(options: CliqClientOptions): number {
  return Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
}

/**
 * Builds the token source the options ask for; throws `CliqConfigError` when there are no credentials. With
 * `tokenCache: true`, OAuth tokens are kept in the per-user cache file and reused by later processes.
 */
export function createTokenSource(options: CliqClientOptions, accountsUrl: string): TokenSource {
  const { clientId, clientSecret, refreshToken, accessToken } = options;
  if (clientId && clientSecret && refreshToken) {
    const timeScale = options.timeScale ?? 1;
    return new OAuthTokenSource(
      createHttp(options),
      accountsUrl,
      { clientId, clientSecret, refreshToken },
      timeScale,
      Date.now,
      {
        retry: retryPolicy(attemptsOf(options), timeScale, options.random),
        ...(options.tokenCache === true ? { cache: new TokenFileCache() } : {}),
        onRetry: (message) => options.logger?.info?.(message),
      },
    );
  }
  if (accessToken) return new StaticTokenSource(accessToken);
  if (clientId || clientSecret || refreshToken) {
    throw new CliqConfigError(
      "clientId",
      "the OAuth refresh-token flow needs clientId, clientSecret and refreshToken together",
    );
  }
  throw new CliqConfigError(
    "accessToken",
    "no Cliq credentials: give accessToken, or clientId, clientSecret and refreshToken",
  );
}

/** Fresh shared state for these options (`getSharedClient` keeps one per endpoint + identity). */
export function createClientState(options: CliqClientOptions): ClientState {
  const { accountsUrl } = resolveEndpoints(options);
  return {
    tokens: createTokenSource(options, accountsUrl),
    limiters: new OperationLimiters(options.timeScale ?? 1),
  };
}
