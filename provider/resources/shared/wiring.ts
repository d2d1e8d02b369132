import { CliqConfigError, unknownProfileReason } from "../../config";
import { PartialCreateError } from "./errors";
import type { CheckFailure } from "./schemas";
import type { DiffResult } from "./diff-result";
import { withHint } from "./hints";
import type { CliqResourceProvider, ProviderDeps } from "./provider-deps";
import { isUnknown } from "./unknown";

/** What a resource's pure `check` function returns: the normalised inputs and every failure. */
export interface CheckOutcome<T> {
  inputs: T;
  failures: CheckFailure[];
}

/**
 * The provider methods that are the same for every resource: `configure` hands the stack config to the
 * process-wide client options; `check` and `diff` only call the resource's pure functions (no API call).
 */
export function pureProviderMethods<I, O>(
  deps: ProviderDeps,
  check: (news: Record<string, unknown>, olds: Record<string, unknown>) => CheckOutcome<I>,
  diff: (olds: Partial<O>, news: I) => DiffResult,
): Pick<CliqResourceProvider, "configure" | "check" | "diff"> {
  return {
    async configure(req) {
      deps.configure?.(req.config);
    },
    async check(olds, news) {
      const { inputs, failures } = check(news, olds ?? {});
      return { inputs: inputs as unknown as Record<string, unknown>, failures };
    },
    async diff(_id, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = diff(olds as Partial<O>, news as unknown as I);
      return { changes, replaces, deleteBeforeReplace };
    },
  };
}

/**
 * Wraps a resource provider with the rules every method shares. A refused `configure` fails every later call
 * with its own error, `check` and `diff` included: they need no credentials, but a broken stack config must
 * stop `pulumi preview` too, not only `pulumi up`. Failures of the Cliq client leave create, read, update and
 * delete with the next step appended (see hints.ts). `parseId` refuses a malformed resource id (typed into
 * `Bot.get`, or edited state) before read, update or delete can put it into a request path.
 */
export function guardedProvider(
  provider: CliqResourceProvider,
  deps: ProviderDeps,
  parseId: (id: string) => unknown,
): CliqResourceProvider {
  const ready = () => deps.assertConfigured?.();
  async function hinted<T>(call: () => Promise<T>, id?: string): Promise<T> {
    ready();
    if (id !== undefined) parseId(id);
    try {
      return await call();
    } catch (error) {
      throw withHint(error, deps.hintContext?.() ?? {});
    }
  }
  return {
    configure: (req) => provider.configure(req),
    check: async (olds, news) => (ready(), provider.check(olds, news)),
    diff: async (id, olds, news) => (ready(), provider.diff(id, olds, news)),
    create: (inputs) => hinted(() => provider.create(inputs)),
    read: (id, props) => hinted(() => provider.read(id, props), id),
    update: (id, olds, news) => hinted(() => provider.update(id, olds, news), id),
    delete: (id, props) => hinted(() => provider.delete(id, props), id),
  };
}

/**
 * The credential sets of a stack beyond the top-level one: the profiles of `cliq:profiles`, each with its own
 * client, token cache, rate limiters and kept refusal.
 */
export interface ProfileSelection {
  /** The dependencies of one profile; its client is built, and its refusal raised, at call time. */
  profileDeps(profile: string): ProviderDeps;
  /** The defined profile names (never their settings). */
  profileNames(): string[];
  /** Throws the kept refusal of `cliq:profiles` as a whole (unreadable: no profile name can be trusted). */
  assertProfilesReadable?(): void;
}

/** A property of what may be any value (`check` gets whatever the program passed). */
function propertyOf(properties: unknown, key: string): unknown {
  return typeof properties === "object" && properties !== null && !Array.isArray(properties)
    ? (properties as Record<string, unknown>)[key]
    : undefined;
}

/** The `profile` a resource's properties name: a known string, or undefined (absent, or not known yet). */
function profileOf(properties: unknown): string | undefined {
  const profile = propertyOf(properties, "profile");
  return typeof profile === "string" && !isUnknown(profile) ? profile : undefined;
}

/** `outs` recording `profile` (or none), so refresh, update and destroy find the same organisation again. */
function withProfile(outs: Record<string, unknown>, profile: string | undefined): Record<string, unknown> {
  const { profile: _dropped, ...rest } = outs;
  return profile === undefined ? rest : { ...rest, profile };
}

/**
 * One resource kind over every credential set of the stack: each call goes to the provider of the set its
 * resource names. `create`, `check` and `diff` follow the new inputs' `profile`; `read`, `update` and `delete`
 * follow the one recorded in the state, so refresh and destroy reach the organisation that holds the object
 * (a change of `profile` replaces the resource, so an update never moves it). A profile that is not defined
 * fails `check` on `profile`, listing the defined names; once in state, it fails the call instead (never a
 * fallback to other credentials). `build` makes the guarded provider of one set of dependencies.
 */
export function profileRouted(
  build: (deps: ProviderDeps) => CliqResourceProvider,
  deps: ProviderDeps,
  selection: ProfileSelection | undefined,
): CliqResourceProvider {
  const providers = new Map<string | undefined, CliqResourceProvider>([[undefined, build(deps)]]);
  const of = (profile: string | undefined): CliqResourceProvider => {
    let provider = providers.get(profile);
    if (provider === undefined) {
      // Without a selection (tests' plain deps) no profile exists; its deps then refuse every call.
      const profileDeps = selection?.profileDeps(profile!) ?? missingProfileDeps(deps, profile!);
      provider = build(profileDeps);
      providers.set(profile, provider);
    }
    return provider;
  };
  // Checks a profile that is not defined (or not known yet) on the inputs alone: no credential set to assert.
  const inputsOnly = build({ ...deps, assertConfigured: () => selection?.assertProfilesReadable?.() });
  const defined = () => selection?.profileNames() ?? [];
  return {
    configure: (req) => providers.get(undefined)!.configure(req),
    async check(olds, news) {
      const profile = propertyOf(news, "profile");
      if (profile === undefined) return of(undefined).check(olds, news);
      if (typeof profile === "string" && defined().includes(profile)) return of(profile).check(olds, news);
      // Not known yet (preview), or not a defined name: the inputs are still checked, on their own.
      const result = await inputsOnly.check(olds, news);
      const named = result.failures.some((failure) => failure.property === "profile");
      if (typeof profile !== "string" || isUnknown(profile) || named) return result;
      const reason = unknownProfileReason(profile, defined())!;
      return { ...result, failures: [...result.failures, { property: "profile", reason }] };
    },
    diff: (id, olds, news) =>
      (isUnknown(propertyOf(news, "profile")) ? inputsOnly : of(profileOf(news))).diff(id, olds, news),
    async create(inputs) {
      const profile = profileOf(inputs);
      try {
        const { id, outs } = await of(profile).create(inputs);
        return { id, outs: withProfile(outs, profile) };
      } catch (error) {
        // A half-made object is recorded from these properties: without its profile, refresh and destroy
        // would reach it through the top-level credentials, another organisation.
        if (error instanceof PartialCreateError && profile !== undefined)
          throw error.withProperties({ profile });
        throw error;
      }
    },
    async read(id, props) {
      const profile = profileOf(props);
      const result = await of(profile).read(id, props);
      return result.props ? { ...result, props: withProfile(result.props, profile) } : result;
    },
    async update(id, olds, news) {
      const { outs } = await of(profileOf(olds)).update(id, olds, news);
      return { outs: withProfile(outs, profileOf(news)) };
    },
    delete: (id, props) => of(profileOf(props)).delete(id, props),
  };
}

/** The dependencies of a profile when no profiles exist at all: every call fails naming `profile`. */
function missingProfileDeps(deps: ProviderDeps, profile: string): ProviderDeps {
  const refuse = (): never => {
    throw new CliqConfigError("profile", `The profile argument ${unknownProfileReason(profile, [])}`);
  };
  return { ...deps, api: refuse, assertConfigured: refuse, hintContext: () => ({}) };
}
