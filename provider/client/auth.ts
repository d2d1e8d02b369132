/**
 * Access tokens: a static token, or Zoho's OAuth refresh-token flow. A refresh token may mint at most 10
 * access tokens per 10 minutes, so the token is minted once, cached, shared by concurrent callers (one
 * in-flight mint) and refreshed only shortly before it expires or when Cliq says it is invalid.
 */
import type { AxiosInstance } from "axios";
import { inspect } from "node:util";
import { CLIENT_ERROR_CODES, CliqApiError, OAUTH_OPERATION_ID } from "./errors";
import { quoteBody, redactText } from "./redact";
import { oauthErrorBodySchema, oauthTokenResponseSchema } from "./schemas";
import { decodeBody } from "./wire";

export const OAUTH_TOKEN_PATH = "/oauth/v2/token";
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

export class OAuthTokenSource extends OpaqueTokenSource implements TokenSource {
  readonly refreshable = true;
  private cached: CachedToken | undefined;
  private minting: Promise<string> | undefined;
  private readonly minted: string[] = [];
  /** Number of mint requests sent (for diagnostics and tests). */
  mintCount = 0;

  constructor(
    private readonly http: AxiosInstance,
    private readonly accountsUrl: string,
    private readonly credentials: OAuthCredentials,
    private readonly timeScale: number = 1,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    if (!this.minting) {
      this.minting = this.mint().finally(() => {
        this.minting = undefined;
      });
    }
    return this.minting;
  }

  invalidate(token: string): void {
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

  private async mint(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
      refresh_token: this.credentials.refreshToken,
    });
    const fail = (message: string, code: string, status?: number, cause?: unknown, ambiguous = false) =>
      new CliqApiError({
        message,
        code,
        status,
        cause,
        ambiguous,
        operationId: OAUTH_OPERATION_ID,
        method: "POST",
        path: new URL(OAUTH_TOKEN_PATH, this.accountsUrl + "/").pathname,
        secrets: this.secrets(),
      });
    this.mintCount += 1;
    let status: number;
    let body: unknown;
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
      status = response.status;
      body = decodeBody(response.data);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw fail(
        `could not reach the Zoho accounts server to refresh the access token: ${detail}`,
        CLIENT_ERROR_CODES.networkError,
        undefined,
        error,
      );
    }

    const refusal = oauthErrorBodySchema.safeParse(body);
    if (refusal.success)
      throw this.refusalError(refusal.data.error, refusal.data.error_description, status, fail);
    if (status < 200 || status >= 300) {
      throw fail(
        `the Zoho accounts server answered HTTP ${status} to the token refresh: ${quoteBody(body, this.secrets(), 200)}`,
        CLIENT_ERROR_CODES.oauthError,
        status,
      );
    }
    const parsed = oauthTokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail(
        `the Zoho accounts server's token answer is not valid at ${issue?.path.join(".") || "(root)"} ` +
          `(${issue?.message ?? "invalid"}); body: ${quoteBody(body, this.secrets(), 300)}`,
        CLIENT_ERROR_CODES.invalidResponse,
        status,
      );
    }
    const token = parsed.data.access_token;
    this.minted.push(token);
    if (this.minted.length > 20) this.minted.shift();
    const ttl =
      parsed.data.expires_in && parsed.data.expires_in > 0
        ? parsed.data.expires_in
        : DEFAULT_TOKEN_TTL_SECONDS;
    this.cached = {
      value: token,
      refreshAt: this.now() + (ttl - refreshMarginSeconds(ttl)) * 1000 * this.timeScale,
    };
    return token;
  }

  private refusalError(
    error: string,
    description: string | undefined,
    status: number,
    fail: (message: string, code: string, status?: number) => CliqApiError,
  ): CliqApiError {
    const detail = description ? `${error}: ${redactText(description, this.secrets())}` : error;
    switch (error) {
      case "invalid_code":
        return fail(
          `Zoho accounts refused the refresh token (${detail}); check cliq:refreshToken / CLIQ_REFRESH_TOKEN ` +
            `(it may be revoked, or belong to another data center)`,
          CLIENT_ERROR_CODES.oauthInvalidRefreshToken,
          status,
        );
      case "invalid_client":
      case "invalid_client_secret":
        return fail(
          `Zoho accounts refused the OAuth client (${detail}); check cliq:clientId and cliq:clientSecret ` +
            `(CLIQ_CLIENT_ID / CLIQ_CLIENT_SECRET) and the data center`,
          CLIENT_ERROR_CODES.oauthInvalidClient,
          status,
        );
      case "Access Denied":
        return fail(
          `Zoho accounts refused to mint another access token (${detail}): a refresh token may mint at most ` +
            `10 access tokens per 10 minutes. Wait for the window to pass, and avoid running several processes ` +
            `with the same refresh token at once`,
          CLIENT_ERROR_CODES.oauthMintLimitExceeded,
          status,
        );
      default:
        return fail(
          `Zoho accounts refused the token refresh (${detail})`,
          CLIENT_ERROR_CODES.oauthError,
          status,
        );
    }
  }
}
