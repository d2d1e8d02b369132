/**
 * Builds client options from the stack's `cliq:*` config and the `CLIQ_*` environment. Config wins over the
 * environment key by key, except that credentials are taken as one set from a single source (config if it
 * holds any credential, else the environment), so a stack's credentials are never half-mixed with a shell's.
 */
import { DATA_CENTER_NAMES, isDataCenter, validateBaseUrl } from "./data-centers";
import { CliqConfigError, describeValue } from "./errors";
import {
  credentialsFrom,
  type ClientSettingsInput,
  type CredentialKeys,
  type CredentialName,
} from "./settings";

/** The dynamic provider's `Config` (get with full `cliq:x` keys) or a plain record. */
export type ConfigSource =
  { get(key: string): string | undefined } | Readonly<Record<string, string | undefined>> | undefined;

export type Env = Readonly<Record<string, string | undefined>>;

/** Setting name -> [Pulumi config key, environment variable]. */
export const SETTINGS = {
  dataCenter: ["cliq:dataCenter", "CLIQ_DATA_CENTER"],
  apiUrl: ["cliq:apiUrl", "CLIQ_API_URL"],
  accountsUrl: ["cliq:accountsUrl", "CLIQ_ACCOUNTS_URL"],
  accessToken: ["cliq:accessToken", "CLIQ_ACCESS_TOKEN"],
  clientId: ["cliq:clientId", "CLIQ_CLIENT_ID"],
  clientSecret: ["cliq:clientSecret", "CLIQ_CLIENT_SECRET"],
  refreshToken: ["cliq:refreshToken", "CLIQ_REFRESH_TOKEN"],
  maxThrottleWaitSeconds: ["cliq:maxThrottleWaitSeconds", "CLIQ_MAX_THROTTLE_WAIT_SECONDS"],
  tokenCache: ["cliq:tokenCache", "CLIQ_TOKEN_CACHE"],
  // The API hosts (or data centers) objects were created through before a deliberate move (see api-host.ts).
  movedFrom: ["cliq:movedFrom", "CLIQ_MOVED_FROM"],
  // Rate-limit windows shared by every process of one Cliq user on this machine (client/window-store.ts).
  sharedRateLimits: ["cliq:sharedRateLimits", "CLIQ_SHARED_RATE_LIMITS"],
} as const;

export type SettingName = keyof typeof SETTINGS;
const CREDENTIALS = ["accessToken", "clientId", "clientSecret", "refreshToken"] as const;

function readConfig(config: ConfigSource, key: string): string | undefined {
  if (config === undefined) return undefined;
  const bare = key.slice("cliq:".length);
  let value: unknown;
  if (typeof (config as { get?: unknown }).get === "function") {
    value = (config as { get(key: string): string | undefined }).get(key);
  } else {
    const record = config as Readonly<Record<string, string | undefined>>;
    value = record[key] ?? record[bare];
  }
  return normalise(value);
}

function normalise(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** A setting's value and where it came from. */
export interface Setting {
  value: string;
  /** The key the value came from, for error messages. */
  source: string;
}

/**
 * Where one credential set's settings are read from: the stack's top-level `cliq:*` keys with the `CLIQ_*`
 * environment behind them, or one profile of `cliq:profiles` alone (see profiles.ts). Messages name the keys
 * as the source spells them.
 */
export interface SettingsSource {
  /** The value the source's configuration holds for a setting, trimmed; undefined when absent or blank. */
  config(name: SettingName): string | undefined;
  /** How that configuration spells the key, e.g. `cliq:clientId` or `cliq:profiles.eu.clientId`. */
  configKey(name: SettingName): string;
  /** Where the configuration lives, for the "no credentials" message. */
  where: string;
  /** The environment behind the configuration; absent for a profile, which never mixes with `CLIQ_*`. */
  env?: Env;
}

/** The stack's top-level `cliq:*` config, with the `CLIQ_*` environment as fallback. */
export function stackSettingsSource(config: ConfigSource, env: Env): SettingsSource {
  return {
    config: (name) => readConfig(config, SETTINGS[name][0]),
    configKey: (name) => SETTINGS[name][0],
    where: "the stack config (pulumi config set --secret)",
    env,
  };
}

function pick(name: SettingName, source: SettingsSource): Setting | undefined {
  const fromConfig = source.config(name);
  if (fromConfig !== undefined) return { value: fromConfig, source: source.configKey(name) };
  const fromEnv = source.env && normalise(source.env[SETTINGS[name][1]]);
  return fromEnv === undefined ? undefined : { value: fromEnv, source: SETTINGS[name][1] };
}

/** The keys of the environment, as messages name them. */
const ENV_KEYS: CredentialKeys = (name) => SETTINGS[name][1];

/** The credential values of one source (config if it holds any credential, else the environment), and its keys. */
function pickCredentials(source: SettingsSource): {
  values: Partial<Record<CredentialName, string>>;
  keys: CredentialKeys;
} {
  const fromConfig =
    source.env === undefined || CREDENTIALS.some((name) => source.config(name) !== undefined);
  const values: Partial<Record<CredentialName, string>> = {};
  for (const name of CREDENTIALS) {
    const value = fromConfig ? source.config(name) : normalise(source.env?.[SETTINGS[name][1]]);
    if (value !== undefined) values[name] = value;
  }
  return { values, keys: fromConfig ? (name) => source.configKey(name) : ENV_KEYS };
}

function checkSecretShape(setting: Setting): string {
  if (/\s/.test(setting.value)) {
    throw new CliqConfigError(
      setting.source,
      `${setting.source} contains whitespace; check how it was pasted`,
    );
  }
  return setting.value;
}

/** `tokenCache` is on unless set to `false`; only the words true and false are accepted. */
export function parseTokenCache(setting: Setting | undefined): boolean {
  if (setting === undefined) return true;
  const value = setting.value.toLowerCase();
  if (value === "true" || value === "false") return value === "true";
  throw new CliqConfigError(
    setting.source,
    `${setting.source} must be true or false (got ${describeValue(setting.value)})`,
  );
}

/** The credential set, from one source, by the one completeness rule (`credentialsFrom`), shape-checked. */
function resolveCredentials(source: SettingsSource): ClientSettingsInput {
  const { values, keys } = pickCredentials(source);
  const configSource = { keys: (name: CredentialName) => source.configKey(name), where: source.where };
  const credentials = credentialsFrom(values, {
    keys,
    sources: source.env ? [configSource, { keys: ENV_KEYS, where: "the environment" }] : [configSource],
  });
  const checked = (name: CredentialName, value: string) => checkSecretShape({ value, source: keys(name) });
  if (credentials.kind === "accessToken") {
    return { accessToken: checked("accessToken", credentials.accessToken) };
  }
  return {
    clientId: checked("clientId", credentials.clientId),
    clientSecret: checked("clientSecret", credentials.clientSecret),
    refreshToken: checked("refreshToken", credentials.refreshToken),
  };
}

/**
 * Client options from Pulumi config and environment. Throws `CliqConfigError` naming the key at fault; no
 * message ever contains a credential value, nor any refused value that could be one (see `describeValue`).
 */
export function resolveClientOptions(config: ConfigSource, env: Env = process.env): ClientSettingsInput {
  return resolveOptionsFrom(stackSettingsSource(config, env));
}

/** Client options from one settings source (the stack's top level, or a profile); see `resolveClientOptions`. */
export function resolveOptionsFrom(source: SettingsSource): ClientSettingsInput {
  const options: ClientSettingsInput = {};

  const dataCenter = pick("dataCenter", source);
  if (dataCenter) {
    const value = dataCenter.value.toLowerCase();
    if (!isDataCenter(value)) {
      throw new CliqConfigError(
        dataCenter.source,
        `${dataCenter.source} is not a Zoho data center (got ${describeValue(dataCenter.value)}); expected ` +
          `one of ${DATA_CENTER_NAMES.join(", ")}`,
      );
    }
    options.dataCenter = value;
  }

  for (const name of ["apiUrl", "accountsUrl"] as const) {
    const setting = pick(name, source);
    if (setting) options[name] = validateBaseUrl(setting.value, setting.source);
  }

  const maxWait = pick("maxThrottleWaitSeconds", source);
  if (maxWait) {
    const seconds = Number(maxWait.value);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new CliqConfigError(maxWait.source, `${maxWait.source} must be a number of seconds >= 0`);
    }
    options.maxThrottleWaitSeconds = seconds;
  }

  options.tokenCache = parseTokenCache(pick("tokenCache", source));
  // Shared rate-limit windows: the same true/false rule as tokenCache, on unless set to false.
  options.sharedRateLimits = parseTokenCache(pick("sharedRateLimits", source));
  // Checked with the other settings (resolveClientSettings), which names the bad entry.
  const movedFrom = pick("movedFrom", source);
  if (movedFrom) options.movedFrom = movedFrom.value;
  return { ...options, ...resolveCredentials(source) };
}
