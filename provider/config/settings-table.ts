/**
 * Every setting of the provider, described once: its type, secrecy, default, documentation and validation. The
 * resolver (resolve.ts), the profiles (profiles.ts), the plugin's config schema and CheckConfig/Configure
 * (provider/plugin/config*.ts), the hints' setting names and the configuration table of
 * docs/installation-configuration.md (scripts/docs-settings.ts) all derive from `SETTINGS`. A new setting is
 * one row here; its Pulumi key (`cliq:<name>`) and environment variable (`CLIQ_<NAME>`) follow from its name.
 */
import {
  DATA_CENTER_NAMES,
  DEFAULT_DATA_CENTER,
  isDataCenter,
  movedFromHost,
  validateBaseUrl,
  type DataCenter,
} from "./data-centers";
import { CliqConfigError, describeSecretValue, describeValue } from "./errors";

/** How a setting is written: Pulumi config and the environment hold text; explicit providers take these types. */
export type SettingType = "string" | "boolean" | "number";

/**
 * The credential set a credential belongs to: the refreshable OAuth set (all its members together), or the
 * static access token. Credentials are read as one set from a single source (see resolve.ts).
 */
export type CredentialRole = "oauth" | "token";

/** One setting. `T` is what the client uses once the value is checked. */
export interface SettingSpec<T> {
  type: SettingType;
  /** Never shown in plain text: a secret in the schema, encrypted in an explicit provider's state, redacted. */
  secret: boolean;
  credential?: CredentialRole;
  /** The value when the setting is absent; absent: none. */
  default?: T;
  /**
   * The value when a client is built directly from options (library code, tests) and the option is absent,
   * where it differs from `default`: such a client never writes a per-user file unasked.
   */
  optionsDefault?: T;
  /** What it does, for the schema, the SDKs and the docs; the default and environment variable are added. */
  description: string;
  /** Checks the value as given (trimmed, non-empty text) and returns what a client uses; errors name `key`. */
  parse(text: string, key: string): T;
}

/** Credentials and other pasted values: whitespace inside means a bad paste, never a valid value. */
function pasted(text: string, key: string): string {
  if (/\s/.test(text)) throw new CliqConfigError(key, `${key} contains whitespace; check how it was pasted`);
  return text;
}

/** Only the words true and false. */
function parseBoolean(text: string, key: string): boolean {
  const value = text.toLowerCase();
  if (value === "true" || value === "false") return value === "true";
  throw new CliqConfigError(key, `${key} must be true or false (got ${describeValue(text)})`);
}

function parseSeconds(text: string, key: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new CliqConfigError(key, `${key} must be a number of seconds >= 0`);
  }
  return seconds;
}

function parseDataCenter(text: string, key: string): DataCenter {
  const value = text.toLowerCase();
  if (isDataCenter(value)) return value;
  throw new CliqConfigError(
    key,
    `${key} is not a Zoho data center (got ${describeValue(text)}); expected one of ${DATA_CENTER_NAMES.join(", ")}`,
  );
}

/** The hosts a comma-separated list of data center names and URLs names; any other entry is refused. */
function parseHosts(text: string, key: string): string[] {
  const entries = text.split(",").filter((entry) => entry.trim() !== "");
  return entries.map((entry) => {
    const host = movedFromHost(entry);
    if (host !== undefined) return host;
    // Described, not quoted unless harmless: a credential pasted into the wrong key must not reach a message.
    throw new CliqConfigError(
      key,
      `${key} lists ${describeValue(entry.trim())}, which is neither a data center name nor a URL`,
    );
  });
}

/**
 * A `redis://` or `rediss://` (TLS) URL with a host. The refusal never quotes the value: it may hold a password.
 */
function parseStoreUrl(text: string, key: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "") return text;
  throw new CliqConfigError(
    key,
    `${key} must be a redis:// or rediss:// URL such as rediss://:PASSWORD@redis.example.com:6380 (got ` +
      `${describeSecretValue(text)})`,
  );
}

/** The settings, in the order the schema and the docs list them. */
export const SETTINGS = {
  dataCenter: {
    type: "string",
    secret: false,
    default: DEFAULT_DATA_CENTER,
    description:
      `Zoho data center of the organisation: one of ${DATA_CENTER_NAMES.join(", ")}. Picks the Cliq API host ` +
      "and the accounts host.",
    parse: parseDataCenter,
  },
  apiUrl: {
    type: "string",
    secret: false,
    description:
      "Cliq API base URL, e.g. `https://cliq.zoho.eu/api/v3`; overrides the data center's. https only (plain " +
      "http for loopback hosts, such as the emulator).",
    parse: (text, key) => validateBaseUrl(text, key),
  },
  accountsUrl: {
    type: "string",
    secret: false,
    description:
      "Zoho accounts base URL for OAuth, e.g. `https://accounts.zoho.eu`; overrides the data center's. https " +
      "only (plain http for loopback hosts).",
    parse: (text, key) => validateBaseUrl(text, key),
  },
  accessToken: {
    type: "string",
    secret: true,
    credential: "token",
    description:
      "A ready OAuth access token, used as is (it lives one hour). The refresh-token set renews itself and is " +
      "preferred.",
    parse: pasted,
  },
  clientId: {
    type: "string",
    secret: false,
    credential: "oauth",
    description: "OAuth client id (with clientSecret and refreshToken).",
    parse: pasted,
  },
  clientSecret: {
    type: "string",
    secret: true,
    credential: "oauth",
    description: "OAuth client secret (with clientId and refreshToken).",
    parse: pasted,
  },
  refreshToken: {
    type: "string",
    secret: true,
    credential: "oauth",
    description:
      "OAuth refresh token (with clientId and clientSecret); access tokens are minted from it once per run " +
      "and reused.",
    parse: pasted,
  },
  maxThrottleWaitSeconds: {
    type: "number",
    secret: false,
    default: 1800,
    description:
      "Longest total time one call may spend waiting out Cliq's throttle locks (5 to 30 minutes each), in " +
      "seconds.",
    parse: parseSeconds,
  },
  tokenCache: {
    type: "boolean",
    secret: false,
    default: true,
    optionsDefault: false,
    description: "Reuse minted access tokens across runs through a per-user cache file.",
    parse: parseBoolean,
  },
  movedFrom: {
    type: "string",
    secret: false,
    description:
      "Comma-separated API hosts or data centers the organisation's objects were created through before it " +
      "moved; objects recorded under them are managed through the current host. Set only after a real move.",
    parse: parseHosts,
  },
  sharedRateLimits: {
    type: "boolean",
    secret: false,
    default: true,
    optionsDefault: false,
    description:
      "Share Cliq's rate-limit windows with every other process of the same Cliq user on this machine.",
    parse: parseBoolean,
  },
  rateLimitStore: {
    type: "string",
    secret: true,
    description:
      "Where the shared rate-limit windows are kept: unset, a per-user file on this machine; a `redis://` or " +
      "`rediss://` (TLS) URL, one Redis for every machine that deploys as the same Cliq user, such as CI " +
      "runners (needs `npm install @redis/client`; see docs/rate-limit-store.md).",
    parse: parseStoreUrl,
  },
} satisfies Record<string, SettingSpec<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** What a setting's value is once checked (`parse`'s result). */
export type SettingValue<K extends SettingName> = ReturnType<(typeof SETTINGS)[K]["parse"]>;

type WithDefault = {
  [K in SettingName]: (typeof SETTINGS)[K] extends { default: unknown } ? K : never;
}[SettingName];

/** Every setting checked: those with a default always hold a value, the others only when given. */
export type SettingValues = { -readonly [K in WithDefault]: SettingValue<K> } & {
  -readonly [K in Exclude<SettingName, WithDefault>]?: SettingValue<K>;
};

/** The JavaScript type of each setting type, as options and explicit providers take it. */
interface TypeOf {
  string: string;
  boolean: boolean;
  number: number;
}

/**
 * Each setting's type as a client's options take it; `SettingInputs` (setting-inputs.ts, written from this table
 * by `npm run docs:sdk`) gives each its documentation.
 */
export type SettingInputTypes = {
  [K in SettingName]?: TypeOf[(typeof SETTINGS)[K]["type"]];
};

/** A setting's row, typed for the generic code that walks the table. */
export function settingSpec(name: SettingName): SettingSpec<unknown> {
  return SETTINGS[name] as SettingSpec<unknown>;
}

export function isSettingName(key: string): key is SettingName {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/** The stack config key of a setting: `cliq:dataCenter`. */
export function configKey(name: SettingName): string {
  return `cliq:${name}`;
}

/** The environment variable of a setting: `CLIQ_DATA_CENTER`. */
export function envVar(name: SettingName): string {
  return `CLIQ_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/** The credentials, by role; the rest of the table is read key by key. */
export const CREDENTIAL_NAMES = SETTING_NAMES.filter((name) => settingSpec(name).credential !== undefined);
export const OAUTH_NAMES = SETTING_NAMES.filter((name) => settingSpec(name).credential === "oauth");

/** The settings whose values are kept out of logs and messages: the secrets and every credential. */
export const REDACTED_SETTINGS = SETTING_NAMES.filter(
  (name) => settingSpec(name).secret || settingSpec(name).credential !== undefined,
);

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A setting's value as the resolver reads it: trimmed text, undefined when absent or blank. Text is accepted
 * for every type (Pulumi config and the environment hold only text); otherwise the value must have the
 * setting's type, so a struct given as `clientId` is refused instead of read as its JSON text.
 */
export function settingText(name: SettingName, value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const type = settingSpec(name).type;
  if (typeof value !== "string" && typeof value !== type) {
    throw new CliqConfigError(key, `${key} must be a ${type} (got ${kindOf(value)})`);
  }
  const text = String(value).trim();
  return text === "" ? undefined : text;
}
