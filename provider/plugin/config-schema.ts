/**
 * The provider's configuration in package schema terms: the `cliq:*` stack config keys the dynamic provider
 * reads (provider/config/resolve.ts `SETTINGS`), each with its type, secrecy and documentation. Keyed by
 * `SettingName`, so a new setting fails to compile until it is described here.
 */
import { DATA_CENTER_NAMES, type SettingName } from "../config";
import type { SchemaProperty } from "./schema-types";

/** Credentials: never shown in plain text, encrypted in state when given to an explicit provider. */
export const SECRET_SETTINGS: readonly SettingName[] = ["accessToken", "clientSecret", "refreshToken"];

const BOOLEAN_SETTINGS: readonly SettingName[] = ["tokenCache", "sharedRateLimits"];

/** Every setting, documented as `pulumi config` and `new cliq.Provider(...)` take it. */
export const SETTING_DESCRIPTIONS: Readonly<Record<SettingName, string>> = {
  dataCenter:
    `Zoho data center of the organisation: one of ${DATA_CENTER_NAMES.join(", ")} (default \`us\`). Picks the ` +
    "Cliq API host and the accounts host. Environment: `CLIQ_DATA_CENTER`.",
  apiUrl:
    "Cliq API base URL, e.g. `https://cliq.zoho.eu/api/v3`; overrides the data center's. https only (plain " +
    "http for loopback hosts, such as the emulator). Environment: `CLIQ_API_URL`.",
  accountsUrl:
    "Zoho accounts base URL for OAuth, e.g. `https://accounts.zoho.eu`; overrides the data center's. " +
    "Environment: `CLIQ_ACCOUNTS_URL`.",
  accessToken:
    "A ready OAuth access token, used as is (it lives one hour). The refresh-token set renews itself and is " +
    "preferred. Environment: `CLIQ_ACCESS_TOKEN`.",
  clientId: "OAuth client id (with clientSecret and refreshToken). Environment: `CLIQ_CLIENT_ID`.",
  clientSecret: "OAuth client secret (with clientId and refreshToken). Environment: `CLIQ_CLIENT_SECRET`.",
  refreshToken:
    "OAuth refresh token (with clientId and clientSecret); access tokens are minted from it once per run and " +
    "reused. Environment: `CLIQ_REFRESH_TOKEN`.",
  maxThrottleWaitSeconds:
    "Longest total time one call may spend waiting out Cliq's throttle locks (5 to 30 minutes each), in " +
    "seconds; default 1800. Environment: `CLIQ_MAX_THROTTLE_WAIT_SECONDS`.",
  tokenCache:
    "Reuse minted access tokens across runs through a per-user cache file (default true). Environment: " +
    "`CLIQ_TOKEN_CACHE`.",
  movedFrom:
    "Comma-separated API hosts or data centers the organisation's objects were created through before it " +
    "moved; objects recorded under them are managed through the current host. Environment: `CLIQ_MOVED_FROM`.",
  sharedRateLimits:
    "Share Cliq's rate-limit windows with every other process of the same Cliq user on this machine (default " +
    "true). Environment: `CLIQ_SHARED_RATE_LIMITS`.",
};

/** The schema type of a setting. */
function settingType(name: SettingName): string {
  if (BOOLEAN_SETTINGS.includes(name)) return "boolean";
  return name === "maxThrottleWaitSeconds" ? "number" : "string";
}

/** The provider's config variables (also its `inputProperties`): every setting, none required. */
export function configVariables(): Record<string, SchemaProperty> {
  const variables: Record<string, SchemaProperty> = {};
  for (const [name, description] of Object.entries(SETTING_DESCRIPTIONS) as [SettingName, string][]) {
    variables[name] = {
      type: settingType(name),
      description,
      ...(SECRET_SETTINGS.includes(name) ? { secret: true } : {}),
    };
  }
  return variables;
}
