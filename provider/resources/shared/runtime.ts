/**
 * Process-wide provider state: the outcome of the dynamic provider's `configure` (the stack's `cliq:*`
 * config, and its `cliq:profiles`) and the shared clients (one per credential set). Credentials live only here,
 * in memory, never in inputs, outputs or the serialized provider.
 */
import type { CliqApi } from "../../client/api";
import { getSharedClient } from "../../client";
import type { CliqClientOptions } from "../../client/options";
import {
  apiTarget,
  CliqConfigError,
  parseProfiles,
  resolveClientOptions,
  resolveProfileOptions,
  unknownProfileReason,
  type ApiTarget,
  type ConfigSource,
  type Env,
  type RawProfile,
} from "../../config";
import type { HintContext } from "./hints";
import { pulumiLogger } from "./logger";
import type { ProviderDeps } from "./provider-deps";
import type { ProfileSelection } from "./wiring";

/** What `configure` left behind in this process, for one credential set. */
export type ConfigureState =
  | { status: "unconfigured" }
  | { status: "configured"; options: CliqClientOptions }
  | { status: "failed"; error: Error };

type Outcome = Exclude<ConfigureState, { status: "unconfigured" }>;

function attempt(resolve: () => CliqClientOptions): Outcome {
  try {
    return { status: "configured", options: resolve() };
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** A later configure never replaces a refusal: the first error of a credential set stays for the process. */
function keepRefusal(previous: Outcome | undefined, next: Outcome): Outcome {
  return previous?.status === "failed" ? previous : next;
}

/**
 * The top-level options; with profiles defined, a refusal for want of credentials also says that a resource can
 * name a profile instead (the likely intent in a stack of profiles).
 */
function withProfilesNamed(resolve: () => CliqClientOptions, profiles: readonly string[]): CliqClientOptions {
  try {
    return resolve();
  } catch (error) {
    if (
      !(error instanceof CliqConfigError) ||
      profiles.length === 0 ||
      !/^no Cliq credentials/.test(error.message)
    ) {
      throw error;
    }
    const names = profiles.map((name) => JSON.stringify(name)).join(", ");
    throw new CliqConfigError(
      error.setting,
      `${error.message}; or give the resource a \`profile\` of cliq:profiles (defined: ${names})`,
    );
  }
}

/**
 * The outcome of `configure` for the rest of the process. Pulumi's host calls `configure` once per provider and
 * then keeps using that provider, so a refused config must be kept and raised again by every later call:
 * otherwise the next call would quietly run with whatever `CLIQ_*` variables the shell holds, against another
 * data center or account. The environment alone is used only when `configure` never ran (direct use).
 *
 * Each profile of `cliq:profiles` is a credential set of its own, with its own kept refusal: a broken profile
 * stops the resources that name it, not the others. A `cliq:profiles` that cannot be read at all stops every
 * resource (no profile name can be trusted). With profiles defined, a refused top-level set is kept for the
 * resources without `profile` instead of failing `configure`, so a stack of profiles alone needs no top-level
 * credentials.
 */
export class StackConfiguration {
  private state: ConfigureState = { status: "unconfigured" };
  /** A refused `cliq:profiles` as a whole. */
  private profilesError: Error | undefined;
  private readonly profiles = new Map<string, Outcome>();

  constructor(private readonly env: () => Env = () => process.env) {}

  /** Resolves the stack config (config wins over `CLIQ_*` key by key); throws, and keeps, its error. */
  configure(config: ConfigSource): void {
    // A later configure (another resource kind, same stack) never clears an earlier refusal.
    if (this.profilesError) throw this.profilesError;
    if (this.state.status === "failed" && this.profiles.size === 0) throw this.state.error;
    let raw: Map<string, RawProfile>;
    try {
      raw = parseProfiles(config);
    } catch (error) {
      this.profilesError = error instanceof Error ? error : new Error(String(error));
      throw this.profilesError;
    }
    for (const [name, profile] of raw) {
      this.profiles.set(
        name,
        keepRefusal(
          this.profiles.get(name),
          attempt(() => resolveProfileOptions(name, profile)),
        ),
      );
    }
    const previous = this.state.status === "unconfigured" ? undefined : this.state;
    this.state = keepRefusal(
      previous,
      attempt(() => withProfilesNamed(() => resolveClientOptions(config, this.env()), this.profileNames())),
    );
    if (this.state.status === "failed" && this.profiles.size === 0) throw this.state.error;
  }

  /** The names `cliq:profiles` defines, in its order (names only: the settings hold credentials). */
  profileNames(): string[] {
    return [...this.profiles.keys()];
  }

  /** Throws the kept refusal of `cliq:profiles` as a whole, if any. */
  assertProfilesReadable(): void {
    if (this.profilesError) throw this.profilesError;
  }

  /**
   * Throws the kept configuration error of a credential set (the top level, or `profile`), if any; needs no
   * credentials (so `check` can call it at preview).
   */
  assertUsable(profile?: string): void {
    this.assertProfilesReadable();
    if (profile !== undefined) {
      this.profileOutcome(profile);
      return;
    }
    if (this.state.status === "failed") throw this.state.error;
  }

  /** The client options for an API call: the profile's, the configured ones, or the environment's. */
  options(profile?: string): CliqClientOptions {
    this.assertProfilesReadable();
    if (profile !== undefined) return this.profileOutcome(profile).options;
    switch (this.state.status) {
      case "failed":
        throw this.state.error;
      case "configured":
        return this.state.options;
      case "unconfigured":
        return resolveClientOptions(undefined, this.env());
    }
  }

  /** A profile's usable options; throws its kept refusal, or a `CliqConfigError` when it is not defined. */
  private profileOutcome(profile: string): { options: CliqClientOptions } {
    const outcome = this.profiles.get(profile);
    if (outcome === undefined) {
      throw new CliqConfigError(
        "profile",
        `The profile argument ${unknownProfileReason(profile, this.profileNames())}. Objects are never ` +
          `read, changed or deleted through other credentials; define the profile again to reach them`,
      );
    }
    if (outcome.status === "failed") throw outcome.error;
    return outcome;
  }

  /** Data center, hosts and credential kind of the calls, for error hints; empty when options do not resolve. */
  hintContext(profile?: string): HintContext {
    let options: CliqClientOptions;
    try {
      options = this.options(profile);
    } catch {
      return {};
    }
    const target: ApiTarget = apiTarget(options);
    const credentials = options.refreshToken === undefined ? ("accessToken" as const) : ("oauth" as const);
    return profile === undefined ? { target, credentials } : { target, credentials, profile };
  }
}

/**
 * What the providers of one configuration need: a client built from its options at call time, and its kept
 * refusal and hint context, for the top-level credential set and for each profile. The process's providers use
 * `processConfiguration`; tests build their own.
 */
export function configurationDeps(configuration: StackConfiguration): ProviderDeps & ProfileSelection {
  const depsOf = (profile?: string): ProviderDeps => ({
    api: () => getSharedClient({ logger: pulumiLogger, ...configuration.options(profile) }),
    logger: pulumiLogger,
    configure: (config) => configuration.configure(config),
    assertConfigured: () => configuration.assertUsable(profile),
    hintContext: () => configuration.hintContext(profile),
  });
  return {
    ...depsOf(undefined),
    profileDeps: (profile) => depsOf(profile),
    profileNames: () => configuration.profileNames(),
    assertProfilesReadable: () => configuration.assertProfilesReadable(),
  };
}

/**
 * This process's configuration, shared by the three resource kinds (one client, one token cache, one set of
 * rate limiters). Options are resolved at the first API call, not when the package loads, so a missing
 * credential fails that call with a clear message; a refused `configure` fails it with that refusal.
 */
export const processConfiguration = new StackConfiguration();

/** The process's `configure`: the stack's `cliq:*` config wins over `CLIQ_*` variables; a refusal is kept. */
export function configureFromStack(config: ConfigSource): void {
  processConfiguration.configure(config);
}

/** The process's shared client (what the exported providers call). */
export function sharedApi(): CliqApi {
  return configurationDeps(processConfiguration).api();
}
