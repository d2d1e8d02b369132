// Written by scripts/docs-sdk.ts (`npm run docs:sdk`) from the settings table; edit settings-table.ts.
import type { SettingInputTypes } from "./settings-table";

/** The settings as a client's options take them (a direct `CliqClient`, or an explicit provider's inputs). */
export interface SettingInputs {
  /**
   * Zoho data center of the organisation: one of us, eu, in, au, jp, cn, ca, sa, uk. Picks the Cliq API host
   * and the accounts host. Default: `us`. Environment: `CLIQ_DATA_CENTER`.
   */
  dataCenter?: SettingInputTypes["dataCenter"];
  /**
   * Cliq API base URL, e.g. `https://cliq.zoho.eu/api/v3`; overrides the data center's. https only (plain
   * http for loopback hosts, such as the emulator). Environment: `CLIQ_API_URL`.
   */
  apiUrl?: SettingInputTypes["apiUrl"];
  /**
   * Zoho accounts base URL for OAuth, e.g. `https://accounts.zoho.eu`; overrides the data center's. https
   * only (plain http for loopback hosts). Environment: `CLIQ_ACCOUNTS_URL`.
   */
  accountsUrl?: SettingInputTypes["accountsUrl"];
  /**
   * A ready OAuth access token, used as is (it lives one hour). The refresh-token set renews itself and is
   * preferred. Environment: `CLIQ_ACCESS_TOKEN`.
   */
  accessToken?: SettingInputTypes["accessToken"];
  /** OAuth client id (with clientSecret and refreshToken). Environment: `CLIQ_CLIENT_ID`. */
  clientId?: SettingInputTypes["clientId"];
  /** OAuth client secret (with clientId and refreshToken). Environment: `CLIQ_CLIENT_SECRET`. */
  clientSecret?: SettingInputTypes["clientSecret"];
  /**
   * OAuth refresh token (with clientId and clientSecret); access tokens are minted from it once per run and
   * reused. Environment: `CLIQ_REFRESH_TOKEN`.
   */
  refreshToken?: SettingInputTypes["refreshToken"];
  /**
   * Longest total time one call may spend waiting out Cliq's throttle locks (5 to 30 minutes each), in
   * seconds. Default: `1800`. Environment: `CLIQ_MAX_THROTTLE_WAIT_SECONDS`.
   */
  maxThrottleWaitSeconds?: SettingInputTypes["maxThrottleWaitSeconds"];
  /**
   * Reuse minted access tokens across runs through a per-user cache file. Default: `true`. Environment:
   * `CLIQ_TOKEN_CACHE`. A client built from options rather than the stack config defaults to `false`.
   */
  tokenCache?: SettingInputTypes["tokenCache"];
  /**
   * Comma-separated API hosts or data centers the organisation's objects were created through before it
   * moved; objects recorded under them are managed through the current host. Set only after a real move.
   * Environment: `CLIQ_MOVED_FROM`.
   */
  movedFrom?: SettingInputTypes["movedFrom"];
  /**
   * Share Cliq's rate-limit windows with every other process of the same Cliq user on this machine. Default:
   * `true`. Environment: `CLIQ_SHARED_RATE_LIMITS`. A client built from options rather than the stack config
   * defaults to `false`.
   */
  sharedRateLimits?: SettingInputTypes["sharedRateLimits"];
  /**
   * Where the shared rate-limit windows are kept: unset, a per-user file on this machine; a `redis://` or
   * `rediss://` (TLS) URL, one Redis for every machine that deploys as the same Cliq user, such as CI runners
   * (needs `npm install @redis/client`; see docs/rate-limit-store.md). Environment: `CLIQ_RATE_LIMIT_STORE`.
   */
  rateLimitStore?: SettingInputTypes["rateLimitStore"];
}
