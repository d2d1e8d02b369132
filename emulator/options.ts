import type { HandlerType } from "../cliq-api/operations";

export type ThrottleStyle = "429" | "400";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  refreshTokens: string[];
}

/** Options of `startEmulator`; every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Access tokens accepted without expiry. */
  tokens?: string[];
  /** OAuth clients whose refresh tokens may mint access tokens at `POST /oauth/v2/token`. */
  oauthClients?: OAuthClient[];
  /** Lifetime reported as `expires_in` for minted tokens (default 3600); the real lifetime is scaled by `timeScale`. */
  accessTokenTtlSeconds?: number;
  /** 1 = real time; 0.001 makes a 60 s window last 60 ms (rate windows, locks, token lifetime, OAuth mint window). */
  timeScale?: number;
  /** Enforce `x-rate-limit` (default true). */
  rateLimits?: boolean;
  /** How a throttled request is answered: HTTP 429 (default) or HTTP 400, both with code `request_limit_exceeded`. */
  throttleStyle?: ThrottleStyle;
  /** Handler types that cannot be deleted (`default_handler_delete_not_allowed`). */
  defaultHandlerTypes?: HandlerType[];
  /** Maximum number of bots in the organization (`bot_creation_limit_exceeded`); unlimited when absent. */
  botLimit?: number;
  /** JSON file holding the state; loaded on start, rewritten atomically after every change. */
  statePath?: string;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  tokens: string[];
  oauthClients: OAuthClient[];
  accessTokenTtlSeconds: number;
  timeScale: number;
  rateLimits: boolean;
  throttleStyle: ThrottleStyle;
  defaultHandlerTypes: HandlerType[];
  botLimit: number | undefined;
  statePath: string | undefined;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) {
    throw new Error(`timeScale must be a positive number, got ${String(options.timeScale)}`);
  }
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    tokens: [...(options.tokens ?? [])],
    oauthClients: (options.oauthClients ?? []).map((c) => ({ ...c, refreshTokens: [...c.refreshTokens] })),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    timeScale,
    rateLimits: options.rateLimits ?? true,
    throttleStyle: options.throttleStyle ?? "429",
    defaultHandlerTypes: [...(options.defaultHandlerTypes ?? [])],
    botLimit: options.botLimit,
    statePath: options.statePath,
  };
}

/** A duration of the real API (seconds) in emulator milliseconds. */
export function scaledMs(seconds: number, timeScale: number): number {
  return seconds * 1000 * timeScale;
}
