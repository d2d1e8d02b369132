import type { TokenRegistry } from "../auth";
import { scaledMs, type ResolvedOptions } from "../options";

export interface OAuthContext {
  options: ResolvedOptions;
  tokens: TokenRegistry;
  /** Mint times (ms) per refresh token, for the 10-per-10-minutes cap. */
  mints: Map<string, number[]>;
  apiDomain: string;
  nowMs: number;
}

export const MINTS_PER_WINDOW = 10;
export const MINT_WINDOW_SECONDS = 600;

/**
 * `POST /oauth/v2/token` with `grant_type=refresh_token`, as Zoho answers it: failures of the credentials
 * are HTTP 200 with `{"error": ...}` (`invalid_client` for an unknown client id or wrong secret,
 * `invalid_code` for an unknown refresh token); more than 10 mints per refresh token in 10 minutes is
 * HTTP 400 "Access Denied". Parameters may come as form fields or query parameters (Zoho takes both).
 */
export function handleTokenRequest(
  ctx: OAuthContext,
  params: URLSearchParams,
): { status: number; body: unknown } {
  if (params.get("grant_type") !== "refresh_token") {
    return { status: 200, body: { error: "unsupported_grant_type" } };
  }
  const client = ctx.options.oauthClients.find((c) => c.clientId === params.get("client_id"));
  if (!client || client.clientSecret !== params.get("client_secret")) {
    return { status: 200, body: { error: "invalid_client" } };
  }
  const refreshToken = params.get("refresh_token") ?? "";
  if (!client.refreshTokens.includes(refreshToken)) {
    return { status: 200, body: { error: "invalid_code" } };
  }
  const windowMs = scaledMs(MINT_WINDOW_SECONDS, ctx.options.timeScale);
  const recent = (ctx.mints.get(refreshToken) ?? []).filter((t) => ctx.nowMs - t < windowMs);
  if (recent.length >= MINTS_PER_WINDOW) {
    ctx.mints.set(refreshToken, recent);
    return {
      status: 400,
      body: {
        error: "Access Denied",
        error_description: "You have made too many requests continuously. Please try again after some time.",
      },
    };
  }
  ctx.mints.set(refreshToken, [...recent, ctx.nowMs]);
  const ttl = ctx.options.accessTokenTtlSeconds;
  const accessToken = ctx.tokens.mint(ctx.nowMs + scaledMs(ttl, ctx.options.timeScale));
  return {
    status: 200,
    body: { access_token: accessToken, api_domain: ctx.apiDomain, token_type: "Bearer", expires_in: ttl },
  };
}
