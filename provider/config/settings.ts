/**
 * The client's settings, resolved once: endpoints, credentials (a static token or the OAuth set), limits and
 * host moves. `resolveClientSettings` is the only place that turns what a user gave into what a client uses;
 * the client, its shared state and the shared-client registry all read the one object it returns.
 */
import {
  DEFAULT_DATA_CENTER,
  movedFromHost,
  resolveEndpoints,
  type DataCenter,
  type Endpoints,
} from "./data-centers";
import { CliqConfigError } from "./errors";

export const DEFAULT_MAX_THROTTLE_WAIT_SECONDS = 1800;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The settings a client is built from, as given (`CliqClientOptions` adds the run-time hooks). */
export interface ClientSettingsInput {
  /** Zoho data center; picks both hosts unless `apiUrl` / `accountsUrl` override them. Default `us`. */
  dataCenter?: DataCenter;
  /** Cliq API base, e.g. `https://cliq.zoho.eu/api/v3`. Plain http only for loopback hosts. */
  apiUrl?: string;
  /** Zoho accounts base for OAuth, e.g. `https://accounts.zoho.eu`. Plain http only for loopback hosts. */
  accountsUrl?: string;
  /** A ready access token (used as is, never refreshed). */
  accessToken?: string;
  /** OAuth refresh-token flow: all three are needed. */
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Longest total time one call may spend waiting out throttle locks. Default 1800 s (30 min). */
  maxThrottleWaitSeconds?: number;
  /**
   * Reuse minted OAuth access tokens across processes through a per-user cache file (see token-cache.ts).
   * The provider's configuration sets it (true unless `cliq:tokenCache` is false); a client built directly
   * uses the cache only when this is `true`, so library code and tests never write a file unasked.
   */
  tokenCache?: boolean;
  /**
   * Share rate-limit windows with every other process of the same Cliq user on this machine, through a per-user
   * file (see client/window-store.ts). The provider's configuration sets it (true unless
   * `cliq:sharedRateLimits` is false); a client built directly shares only when this is `true`.
   */
  sharedRateLimits?: boolean;
  /**
   * API hosts (or data center names) the objects were created through before the organisation moved,
   * comma-separated: objects recorded under them are read, updated and deleted through this client's host.
   * Without it, such objects are refused (see client/api-host.ts).
   */
  movedFrom?: string;
  /**
   * The `cliq:profiles` entry these settings come from (a name, never a credential): messages about the stack's
   * configuration then name its keys (`cliq:profiles.<name>.apiUrl`) instead of the top-level ones.
   */
  profile?: string;
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

/** Which credentials a client uses: the refreshable OAuth set, or a static access token. */
export type Credentials =
  | { kind: "oauth"; clientId: string; clientSecret: string; refreshToken: string }
  | { kind: "accessToken"; accessToken: string };

export type CredentialName = "accessToken" | "clientId" | "clientSecret" | "refreshToken";
const OAUTH_NAMES = ["clientId", "clientSecret", "refreshToken"] as const;

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
  const oauthGiven = OAUTH_NAMES.filter((name) => given[name] !== undefined && given[name] !== "");
  if (oauthGiven.length === OAUTH_NAMES.length) {
    return {
      kind: "oauth",
      clientId: given.clientId!,
      clientSecret: given.clientSecret!,
      refreshToken: given.refreshToken!,
    };
  }
  if (oauthGiven.length > 0) {
    const missing = OAUTH_NAMES.filter((name) => !oauthGiven.includes(name)).map(naming.keys);
    throw new CliqConfigError(
      missing[0]!,
      `the OAuth refresh-token flow needs ${listed(missing)} as well as ${listed(oauthGiven.map(naming.keys))}`,
    );
  }
  if (given.accessToken) return { kind: "accessToken", accessToken: given.accessToken };
  const ways = naming.sources.map(
    ({ keys, where }) => `${listed(OAUTH_NAMES.map(keys))}, or ${keys("accessToken")}, in ${where}`,
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

/** Everything a client is built from, resolved and checked once. Holds credentials: never log or store it. */
export interface ClientSettings {
  /** The data center setting (default `us`); with explicit URLs its hosts may not be the ones used. */
  readonly dataCenter: DataCenter;
  readonly endpoints: Endpoints;
  readonly credentials: Credentials;
  readonly limits: ClientLimits;
  /** Whether OAuth tokens go through the per-user file cache. */
  readonly tokenCache: boolean;
  /** Whether the rate limiters share the per-user window file with other processes. */
  readonly sharedRateLimits: boolean;
  /** Origins the user declared moved away from (`movedFrom`). */
  readonly movedFromHosts: readonly string[];
  /** The `cliq:profiles` entry of these settings; undefined for the top-level keys. */
  readonly profile: string | undefined;
}

/** Options name their keys as the fields of `ClientSettingsInput`. */
const OPTION_KEYS: CredentialKeys = (name) => name;

/** Resolves and checks a client's settings; throws `CliqConfigError` naming the setting at fault. */
export function resolveClientSettings(input: ClientSettingsInput): ClientSettings {
  return {
    dataCenter: input.dataCenter ?? DEFAULT_DATA_CENTER,
    endpoints: resolveEndpoints(input),
    movedFromHosts: movedFromHostsOf(input.movedFrom),
    profile: input.profile,
    limits: limitsOf(input),
    credentials: credentialsFrom(input, {
      keys: OPTION_KEYS,
      sources: [{ keys: OPTION_KEYS, where: "the client options" }],
    }),
    tokenCache: input.tokenCache === true,
    sharedRateLimits: input.sharedRateLimits === true,
  };
}

function limitsOf(input: ClientSettingsInput): ClientLimits {
  const timeScale = input.timeScale ?? 1;
  if (!(timeScale > 0)) throw new CliqConfigError("timeScale", "timeScale must be a number > 0");
  const maxThrottleWaitSeconds = input.maxThrottleWaitSeconds ?? DEFAULT_MAX_THROTTLE_WAIT_SECONDS;
  if (!(maxThrottleWaitSeconds >= 0)) {
    throw new CliqConfigError("maxThrottleWaitSeconds", "maxThrottleWaitSeconds must be a number >= 0");
  }
  return {
    timeScale,
    maxThrottleWaitSeconds,
    maxAttempts: Math.max(1, Math.floor(input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
    requestTimeoutMs: input.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/** The hosts `movedFrom` names; an entry that is neither a data center nor a URL is a configuration error. */
function movedFromHostsOf(movedFrom: string | undefined): string[] {
  if (movedFrom === undefined) return [];
  return movedFrom
    .split(",")
    .filter((entry) => entry.trim() !== "")
    .map((entry) => {
      const host = movedFromHost(entry);
      if (host === undefined) {
        throw new CliqConfigError(
          "movedFrom",
          `movedFrom lists ${JSON.stringify(entry.trim())}, which is neither a data center name nor a URL`,
        );
      }
      return host;
    });
}
