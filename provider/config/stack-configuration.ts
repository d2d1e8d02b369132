/**
 * A stack's configuration, resolved once per credential set: the top-level `cliq:*` settings (with `CLIQ_*`
 * behind them) and each profile of `cliq:profiles`. The dynamic resources (one per process), each plugin
 * `Configure` and each program-time lookup hold one; every client is built from the `ClientSettings` it keeps.
 * Credentials live only here, in memory, never in inputs, outputs or the serialized provider.
 */
import { CliqConfigError } from "./errors";
import { parseProfiles, resolveProfileSettings, unknownProfileReason, type RawProfile } from "./profiles";
import { resolveStackSettings, type ConfigSource } from "./resolve";
import type { ClientSettings, Env } from "./settings";

/** What `configure` left behind for one credential set. */
export type ConfigureState =
  | { status: "unconfigured" }
  | { status: "configured"; settings: ClientSettings }
  | { status: "failed"; error: Error };

type Outcome = Exclude<ConfigureState, { status: "unconfigured" }>;

function attempt(resolve: () => ClientSettings): Outcome {
  try {
    return { status: "configured", settings: resolve() };
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** A later configure never replaces a refusal: the first error of a credential set stays for the process. */
function keepRefusal(previous: Outcome | undefined, next: Outcome): Outcome {
  return previous?.status === "failed" ? previous : next;
}

/**
 * The top-level settings; with profiles defined, a refusal for want of credentials also says that a resource
 * can name a profile instead (the likely intent in a stack of profiles).
 */
function withProfilesNamed(resolve: () => ClientSettings, profiles: readonly string[]): ClientSettings {
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

/** How a use of an undefined profile is refused: the resources' `profile` argument by default. */
export type UnknownProfileMessage = (reason: string) => string;

const RESOURCE_PROFILE: UnknownProfileMessage = (reason) =>
  `The profile argument ${reason}. Objects are never read, changed or deleted through other credentials; ` +
  `define the profile again to reach them`;

/**
 * The outcome of `configure` for the rest of the process. Pulumi's host calls `configure` once per provider and
 * then keeps using that provider, so a refused config must be kept and raised again by every later call:
 * otherwise the next call would quietly run with whatever `CLIQ_*` variables the shell holds, against another
 * data center or account. The environment alone is used only when `configure` never ran (direct use), and is
 * then read at each call.
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

  constructor(
    private readonly env: () => Env = () => process.env,
    private readonly unknownProfile: UnknownProfileMessage = RESOURCE_PROFILE,
  ) {}

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
      const next = attempt(() => resolveProfileSettings(name, profile));
      this.profiles.set(name, keepRefusal(this.profiles.get(name), next));
    }
    const previous = this.state.status === "unconfigured" ? undefined : this.state;
    this.state = keepRefusal(
      previous,
      attempt(() => withProfilesNamed(() => resolveStackSettings(config, this.env()), this.profileNames())),
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
      this.profileSettings(profile);
      return;
    }
    if (this.state.status === "failed") throw this.state.error;
  }

  /** The settings for an API call: the profile's, the configured ones, or the environment's. */
  settings(profile?: string): ClientSettings {
    this.assertProfilesReadable();
    if (profile !== undefined) return this.profileSettings(profile);
    switch (this.state.status) {
      case "failed":
        throw this.state.error;
      case "configured":
        return this.state.settings;
      case "unconfigured":
        return resolveStackSettings(undefined, this.env());
    }
  }

  /** A profile's settings; throws its kept refusal, or a `CliqConfigError` when it is not defined. */
  private profileSettings(profile: string): ClientSettings {
    const outcome = this.profiles.get(profile);
    if (outcome === undefined) {
      throw new CliqConfigError(
        "profile",
        this.unknownProfile(unknownProfileReason(profile, this.profileNames())!),
      );
    }
    if (outcome.status === "failed") throw outcome.error;
    return outcome.settings;
  }
}
