/**
 * The client's settings, resolved once: endpoints, credentials (a static token or the OAuth set), limits and
 * host moves. `resolveSettings` is the only place that turns what a user gave (the stack config, a profile, or
 * a client's options) into what a client uses, by the rows of the settings table (settings-table.ts); the
 * client, its shared state and the shared-client registry all read the one object it returns.
 */
import { dataCenterEndpoints, type ApiTarget, type Endpoints } from "./data-centers";
import { CliqConfigError } from "./errors";
import {
  CREDENTIAL_NAMES,
  envVar,
  OAUTH_NAMES,
  SETTING_NAMES,
  settingSpec,
  settingText,
  type SETTINGS,
  type SettingName,
  type SettingValues,
} from "./settings-table";
import type { SettingInputs } from "./setting-inputs";

export const DEFAULT_MAX_THROTTLE_WAIT_SECONDS = 1800;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The environment: `CLIQ_*` variables (settings-table.ts `envVar` names them). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A client's limits beyond the settings: tuning for tests, benchmarks and library use, never stack config. */
export interface ClientTuning {
  /** Per-request timeout in milliseconds. Default 30 000. */
  requestTimeoutMs?: number;
  /** Attempts of a call (first one included) on 5xx or network failure. Default 8. */
  maxAttempts?: number;
  /**
   * Multiplies every API-defined duration (rate windows, lock periods, token lifetime, retry backoff) to
   * turn it into wall time. 1 is real time; tests and benchmarks use a small value with a time-scaled emulator.
   */
  timeScale?: number;
}

/**
 * The settings a client is built from, as given: every setting of the table (settings-table.ts `SETTINGS`
 * documents each; `tokenCache` and `sharedRateLimits` are off unless `true` here, so library code and tests
 * never write a per-user file unasked), plus the tuning. `CliqClientOptions` adds the run-time hooks.
 */
export interface ClientSettingsInput extends SettingInputs, ClientTuning {
  /**
   * The `cliq:profiles` entry these settings come from (a name, never a credential): messages about the stack's
   * configuration then name its keys (`cliq:profiles.<name>.apiUrl`) instead of the top-level ones.
   */
  profile?: string;
}

/** The settings that are credentials (settings-table.ts marks them). */
export type CredentialName = {
  [K in SettingName]: (typeof SETTINGS)[K] extends { credential: string } ? K : never;
}[SettingName];

/** Which credentials a client uses: the refreshable OAuth set, or a static access token. */
export type Credentials =
  | { kind: "oauth"; clientId: string; clientSecret: string; refreshToken: string }
  | { kind: "accessToken"; accessToken: string };

/** How one source spells the credential keys: `cliq:clientId`, `CLIQ_CLIENT_ID`, or the option `clientId`. */
export type CredentialKeys = (name: CredentialName) => string;

/** A place credentials can be given: how it spells the keys, and how to say where it is. */
export interface CredentialSource {
  keys: CredentialKeys;
  /** e.g. "the stack config (pulumi config set --secret)". */
  where: string;
}

/** How the credential keys are named in messages about `given` values. */
export interface CredentialNaming {
  /** The spelling of the source the values came from (it also names the missing ones). */
  keys: CredentialKeys;
  /** Every source that could have held credentials, for the message when there are none (first: the setting). */
  sources: readonly [CredentialSource, ...CredentialSource[]];
}

function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The one rule for which credentials a set of values means. The complete OAuth set wins over a static token
 * (it renews itself). An incomplete OAuth set is an error even beside an access token: the user meant the
 * refreshable set, and a static token would work for an hour and then fail mid-apply.
 */
export function credentialsFrom(
  given: Partial<Record<CredentialName, string>>,
  naming: CredentialNaming,
): Credentials {
  const oauthGiven = OAUTH_NAMES.filter((name) => given[name as CredentialName]);
  if (oauthGiven.length === OAUTH_NAMES.length) {
    return {
      kind: "oauth",
      clientId: given.clientId!,
      clientSecret: given.clientSecret!,
      refreshToken: given.refreshToken!,
    };
  }
  const keys = (names: readonly SettingName[]) => names.map((name) => naming.keys(name as CredentialName));
  if (oauthGiven.length > 0) {
    const missing = keys(OAUTH_NAMES.filter((name) => !oauthGiven.includes(name)));
    throw new CliqConfigError(
      missing[0]!,
      `the OAuth refresh-token flow needs ${listed(missing)} as well as ${listed(keys(oauthGiven))}`,
    );
  }
  if (given.accessToken) return { kind: "accessToken", accessToken: given.accessToken };
  const ways = naming.sources.map(
    (source) =>
      `${listed(OAUTH_NAMES.map((name) => source.keys(name as CredentialName)))}, or ` +
      `${source.keys("accessToken")}, in ${source.where}`,
  );
  throw new CliqConfigError(
    naming.sources[0].keys("accessToken"),
    `no Cliq credentials: set ${ways.join("; or ")}`,
  );
}

/** The client's limits, checked. */
export interface ClientLimits {
  readonly timeScale: number;
  readonly maxThrottleWaitSeconds: number;
  /** Attempts per call, first one included (at least 1). */
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
}

/** The settings folded into `endpoints`, `credentials`, `limits` and `movedFromHosts`. */
type Folded = "apiUrl" | "accountsUrl" | "maxThrottleWaitSeconds" | "movedFrom" | CredentialName;

/**
 * Everything a client is built from, resolved and checked once. Holds credentials: never log or store it.
 * Every setting of the table not folded into the fields below is carried as checked (`dataCenter`,
 * `tokenCache`, `sharedRateLimits`, ...), so a new setting reaches the client by its row alone.
 */
export type ClientSettings = Readonly<Omit<SettingValues, Folded>> & {
  readonly endpoints: Endpoints;
  readonly credentials: Credentials;
  readonly limits: ClientLimits;
  /** Origins the user declared moved away from (`movedFrom`). */
  readonly movedFromHosts: readonly string[];
  /** The `cliq:profiles` entry of these settings; undefined for the top-level keys. */
  readonly profile: string | undefined;
};

/**
 * Where one credential set's settings are read from: the stack's top-level `cliq:*` keys with the `CLIQ_*`
 * environment behind them, one profile of `cliq:profiles` alone (see profiles.ts), or a client's options.
 * Messages name the keys as the source spells them.
 */
export interface SettingsSource {
  /** The value the source's configuration holds for a setting, as given (checked against the table's type). */
  given(name: SettingName): unknown;
  /** How that configuration spells the key, e.g. `cliq:clientId`, `cliq:profiles.eu.clientId`, `clientId`. */
  configKey(name: SettingName): string;
  /** Where the configuration lives, for the "no credentials" message. */
  where: string;
  /** The environment behind the configuration; absent for a profile, which never mixes with `CLIQ_*`. */
  env?: Env;
  /** A client's options: absent settings take the table's `optionsDefault` where it has one. */
  options?: boolean;
  /** The `cliq:profiles` entry the source is. */
  profile?: string;
}

/** A setting's text and the key it came from (for messages). */
interface Given {
  text: string;
  key: string;
}

function fromConfig(name: SettingName, source: SettingsSource): Given | undefined {
  const key = source.configKey(name);
  const text = settingText(name, source.given(name), key);
  return text === undefined ? undefined : { text, key };
}

function fromEnv(name: SettingName, source: SettingsSource): Given | undefined {
  const key = envVar(name);
  const text = settingText(name, source.env?.[key], key);
  return text === undefined ? undefined : { text, key };
}

/**
 * The credentials of one source: the configuration's if it holds any credential (or has no environment), else
 * the environment's, so a stack's credentials are never half-mixed with a shell's. The set is chosen by the
 * one completeness rule (`credentialsFrom`), then each chosen value is checked by its row.
 */
function resolveCredentials(source: SettingsSource): Credentials {
  const useConfig =
    source.env === undefined || CREDENTIAL_NAMES.some((name) => fromConfig(name, source) !== undefined);
  const read = useConfig ? fromConfig : fromEnv;
  const given: Partial<Record<CredentialName, Given>> = {};
  for (const name of CREDENTIAL_NAMES as CredentialName[]) {
    const value = read(name, source);
    if (value !== undefined) given[name] = value;
  }
  const configKeys = { keys: (name: CredentialName) => source.configKey(name), where: source.where };
  const envKeys = { keys: (name: CredentialName) => envVar(name), where: "the environment" };
  const texts = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, value.text]));
  const credentials = credentialsFrom(texts, {
    keys: useConfig ? configKeys.keys : envKeys.keys,
    sources: source.env === undefined ? [configKeys] : [configKeys, envKeys],
  });
  const checked = (name: CredentialName): string =>
    settingSpec(name).parse(given[name]!.text, given[name]!.key) as string;
  return credentials.kind === "accessToken"
    ? { kind: "accessToken", accessToken: checked("accessToken") }
    : {
        kind: "oauth",
        clientId: checked("clientId"),
        clientSecret: checked("clientSecret"),
        refreshToken: checked("refreshToken"),
      };
}

/** Every setting but the credentials, checked by its row; absent ones take the row's default. */
function resolveValues(source: SettingsSource): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const spec = settingSpec(name);
    if (spec.credential !== undefined) continue;
    const given = fromConfig(name, source) ?? fromEnv(name, source);
    const fallback = source.options && "optionsDefault" in spec ? spec.optionsDefault : spec.default;
    const value = given === undefined ? fallback : spec.parse(given.text, given.key);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function limitsOf(maxThrottleWaitSeconds: number, tuning: ClientTuning): ClientLimits {
  const timeScale = tuning.timeScale ?? 1;
  if (!(timeScale > 0)) throw new CliqConfigError("timeScale", "timeScale must be a number > 0");
  return {
    timeScale,
    maxThrottleWaitSeconds,
    maxAttempts: Math.max(1, Math.floor(tuning.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
    requestTimeoutMs: tuning.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/**
 * Resolves and checks the settings of one source; throws `CliqConfigError` naming the key at fault. No message
 * ever contains a credential value, nor any refused value that could be one (see `describeValue`).
 */
export function resolveSettings(source: SettingsSource, tuning: ClientTuning = {}): ClientSettings {
  const values = resolveValues(source) as SettingValues;
  const { apiUrl, accountsUrl, maxThrottleWaitSeconds, movedFrom, ...carried } = values;
  const defaults = dataCenterEndpoints(values.dataCenter);
  return {
    ...carried,
    endpoints: { apiUrl: apiUrl ?? defaults.apiUrl, accountsUrl: accountsUrl ?? defaults.accountsUrl },
    credentials: resolveCredentials(source),
    limits: limitsOf(maxThrottleWaitSeconds, tuning),
    movedFromHosts: movedFrom ?? [],
    profile: source.profile,
  };
}

/** A client's options as a settings source: keys named as the options spell them, no environment. */
export function optionsSettingsSource(input: ClientSettingsInput): SettingsSource {
  return {
    given: (name) => input[name],
    configKey: (name) => name,
    where: "the client options",
    options: true,
    ...(input.profile === undefined ? {} : { profile: input.profile }),
  };
}

/** Resolves and checks a directly built client's options (the settings and the tuning). */
export function resolveClientSettings(input: ClientSettingsInput): ClientSettings {
  return resolveSettings(optionsSettingsSource(input), input);
}

/** The data center and hosts of resolved settings, for messages that must say where calls go. */
export function targetOf(settings: ClientSettings): ApiTarget {
  return {
    dataCenter: settings.dataCenter,
    apiHost: new URL(settings.endpoints.apiUrl).host,
    accountsHost: new URL(settings.endpoints.accountsUrl).host,
  };
}
