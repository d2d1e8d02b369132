/**
 * Access tokens: a static token, or Zoho's OAuth refresh-token flow. A refresh token may mint at most 10
 * access tokens per 10 minutes, so the token is minted once, cached (in memory, and with the file cache across
 * processes), shared by concurrent callers (one in-flight mint, retried on transient failures) and refreshed
 * only shortly before it expires or when Cliq says it is invalid.
 */
import type { AxiosInstance } from "axios";
import { inspect } from "node:util";
import { OAUTH_TOKEN_PATH } from "../../cliq-api/operations";
import { CLIENT_ERROR_CODES, CliqApiError, OAUTH_OPERATION_ID } from "./errors";
import { OAUTH_ADVICE, oauthRefusalCode } from "./oauth-advice";
import { quoteBody, redactText } from "./redact";
import { shouldRetryMint, sleep, type MintFailure, type RetryPolicy } from "./retry";
import { oauthErrorBodySchema, oauthTokenResponseSchema } from "./schemas";
import { tokenCacheKey, type TokenFileCache } from "./token-cache";
import { decodeBody } from "./wire";

export { OAUTH_TOKEN_PATH };
/** Zoho's documented access-token lifetime, used when the answer omits `expires_in`. */
const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Refresh this long before expiry at most (seconds of API time)... */
const MAX_REFRESH_MARGIN_SECONDS = 300;
/** ...and at most this share of the lifetime, so short-lived tokens are still used. */
const REFRESH_MARGIN_SHARE = 0.1;

export interface TokenSource {
  /** True when a refused token can be replaced by minting a new one. */
  readonly refreshable: boolean;
  /** A valid access token, minting one if needed. */
  getToken(): Promise<string>;
  /** Forget `token` if it is the cached one (Cliq called it invalid); the next `getToken` mints. */
  invalidate(token: string): void;
  /** Values that must be scrubbed from anything the client lets out. */
  secrets(): string[];
}

/**
 * Token sources hold credentials in plain fields; whoever logs, inspects or serialises one (even through an
 * object that references it) sees only its kind.
 */
abstract class OpaqueTokenSource {
  [inspect.custom](): string {
    return `${this.constructor.name} { [credentials hidden] }`;
  }

  toJSON(): Record<string, string> {
    return { tokenSource: this.constructor.name };
  }
}

export class StaticTokenSource extends OpaqueTokenSource implements TokenSource {
  readonly refreshable = false;
  constructor(private readonly token: string) {
    super();
  }
  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
  invalidate(): void {}
  secrets(): string[] {
    return [this.token];
  }
}

export interface OAuthCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** Seconds before expiry at which a token of lifetime `ttlSeconds` is refreshed. */
export function refreshMarginSeconds(ttlSeconds: number): number {
  return Math.min(MAX_REFRESH_MARGIN_SECONDS, ttlSeconds * REFRESH_MARGIN_SHARE);
}

interface CachedToken {
  value: string;
  /** Wall-clock ms after which the token is refreshed before use. */
  refreshAt: number;
}

/** What an OAuth token source may use besides its credentials. */
export interface OAuthTokenSourceExtras {
  /** Attempts and backoff for mints that fail transiently (5xx, dropped connection). Default: one attempt. */
  retry?: RetryPolicy;
  /** Tokens kept across processes (see token-cache.ts); without it, tokens live as long as the process. */
  cache?: TokenFileCache;
  /** Where a retried mint is reported (never with a secret in it). */
  onRetry?: (message: string, delayMs: number, retry: number, of: number) => void;
  /** Sleeps between attempts (tests pass one that records the delays). */
  wait?: (ms: number) => Promise<void>;
}

/** One mint request's result: a token, or a failure classified for the retry rule. */
type MintResult =
  { ok: true; token: string; ttlSeconds: number } | { ok: false; failure: MintFailure; error: CliqApiError };

export class OAuthTokenSource extends OpaqueTokenSource implements TokenSource {
  readonly refreshable = true;
  private cached: CachedToken | undefined;
  private minting: Promise<string> | undefined;
  private readonly minted: string[] = [];
  /** Tokens Cliq refused: never taken from the file cache again. */
  private readonly refused = new Set<string>();
  /** Number of mint requests sent (for diagnostics and tests). */
  mintCount = 0;

  constructor(
    private readonly http: AxiosInstance,
    private readonly accountsUrl: string,
    private readonly credentials: OAuthCredentials,
    private readonly timeScale: number = 1,
    private readonly now: () => number = Date.now,
    private readonly extras: OAuthTokenSourceExtras = {},
  ) {
    super();
  }

  getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    if (!this.minting) {
      // One in-flight mint shared by every caller: they all get its token, or (after its retries) its error.
      this.minting = this.obtain().finally(() => {
        this.minting = undefined;
      });
    }
    return this.minting;
  }

  invalidate(token: string): void {
    this.refused.add(token);
    if (this.cached?.value === token) this.cached = undefined;
  }

  secrets(): string[] {
    return [
      this.credentials.clientSecret,
      this.credentials.refreshToken,
      this.credentials.clientId,
      ...this.minted,
    ];
  }

  /** A token from the file cache, or a newly minted one stored there; without a cache, a mint. */
  private async obtain(): Promise<string> {
    const cache = this.extras.cache;
    if (!cache) return this.remember(await this.mintWithRetries());
    const key = tokenCacheKey(this.credentials.clientId, this.credentials.refreshToken, this.accountsUrl);
    return cache.withLock(async () => {
      const hit = await cache.get(key);
      if (hit && !this.refused.has(hit.accessToken)) {
        this.keep(hit.accessToken);
        this.cached = { value: hit.accessToken, refreshAt: hit.refreshAt };
        return hit.accessToken;
      }
      // A refused token is dropped from the file even when no new one can be minted.
      if (hit) await cache.put(key, undefined).catch(() => undefined);
      const minted = await this.mintWithRetries();
      const token = this.remember(minted);
      const expiresAt = this.now() + minted.ttlSeconds * 1000 * this.timeScale;
      await cache.put(key, { accessToken: token, expiresAt, refreshAt: this.cached!.refreshAt }).catch(() => {
        // An unwritable cache costs mints, never the run.
      });
      return token;
    });
  }

  private keep(token: string): void {
    this.minted.push(token);
    if (this.minted.length > 20) this.minted.shift();
  }

  private remember(minted: { token: string; ttlSeconds: number }): string {
    this.keep(minted.token);
    const ttl = minted.ttlSeconds;
    this.cached = {
      value: minted.token,
      refreshAt: this.now() + (ttl - refreshMarginSeconds(ttl)) * 1000 * this.timeScale,
    };
    return minted.token;
  }

  /** Mints, retrying transient failures with backoff (`shouldRetryMint`); OAuth refusals fail at once. */
  private async mintWithRetries(): Promise<{ token: string; ttlSeconds: number }> {
    const retry = this.extras.retry ?? { maxAttempts: 1, delayMs: () => 0 };
    for (let attempt = 1; ; attempt++) {
      const result = await this.mintOnce();
      if (result.ok) return result;
      if (!shouldRetryMint(result.failure, attempt, retry.maxAttempts)) throw result.error;
      const delayMs = retry.delayMs(attempt);
      this.extras.onRetry?.(
        redactText(result.error.message, this.secrets()),
        delayMs,
        attempt,
        retry.maxAttempts - 1,
      );
      await (this.extras.wait ?? sleep)(delayMs);
    }
  }

  /** A failed mint as the retry rule and the caller see it. */
  private mintFailure(failure: MintFailure, message: string, code: string, status?: number, cause?: unknown) {
    return {
      ok: false as const,
      failure,
      error: new CliqApiError({
        message,
        code,
        status,
        cause,
        operationId: OAUTH_OPERATION_ID,
        method: "POST",
        path: new URL(OAUTH_TOKEN_PATH, this.accountsUrl + "/").pathname,
        secrets: this.secrets(),
      }),
    };
  }

  /** Sends one mint request; resolves to the answer's status and body, or to the network failure. */
  private async mintOnce(): Promise<MintResult> {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      refresh_token: this.credentials.refreshToken,
    });
    this.mintCount += 1;
    try {
      const response = await this.http.request<string>({
        method: "POST",
        url: `${this.accountsUrl}${OAUTH_TOKEN_PATH}`,
        data: form.toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        responseType: "text",
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        maxRedirects: 0,
      });
      return this.mintAnswer(response.status, decodeBody(response.data));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return this.mintFailure(
        "network",
        `could not reach the Zoho accounts server to refresh the access token: ${detail}`,
        CLIENT_ERROR_CODES.networkError,
        undefined,
        error,
      );
    }
  }

  /** What a mint answer means: a token, Zoho's refusal, a server error, or an answer that is not valid. */
  private mintAnswer(status: number, body: unknown): MintResult {
    const refusal = oauthErrorBodySchema.safeParse(body);
    if (refusal.success) {
      const { message, code } = this.refusalText(refusal.data.error, refusal.data.error_description);
      return this.mintFailure("oauth_refusal", message, code, status);
    }
    if (status < 200 || status >= 300) {
      return this.mintFailure(
        status >= 500 ? "server_error" : "client_error",
        `the Zoho accounts server answered HTTP ${status} to the token refresh: ${quoteBody(body, this.secrets(), 200)}`,
        CLIENT_ERROR_CODES.oauthError,
        status,
      );
    }
    const parsed = oauthTokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.mintFailure(
        "invalid_answer",
        `the Zoho accounts server's token answer is not valid at ${issue?.path.join(".") || "(root)"} ` +
          `(${issue?.message ?? "invalid"}); body: ${quoteBody(body, this.secrets(), 300)}`,
        CLIENT_ERROR_CODES.invalidResponse,
        status,
      );
    }
    const expiresIn = parsed.data.expires_in;
    const ttlSeconds = expiresIn && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_TTL_SECONDS;
    return { ok: true, token: parsed.data.access_token, ttlSeconds };
  }

  /** Zoho's refusal (its `error` and description) as the client reports it: what happened, then the advice. */
  private refusalText(error: string, description: string | undefined): { message: string; code: string } {
    const detail = description ? `${error}: ${redactText(description, this.secrets())}` : error;
    const code = oauthRefusalCode(error);
    const advice = OAUTH_ADVICE[code](new URL(this.accountsUrl).host);
    return { message: `Zoho accounts refused the token refresh (${detail}). ${advice}`, code };
  }
}
