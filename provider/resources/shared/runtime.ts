/**
 * The resources' side of a stack configuration (provider/config/stack-configuration.ts): the dependencies of
 * the providers of one configuration, and the process-wide configuration of the dynamic provider. Credentials
 * live only in the configuration, in memory, never in inputs, outputs or the serialized provider.
 */
import type { CliqApi } from "../../client/api";
import { sharedClientFor } from "../../client/shared";
import { StackConfiguration, targetOf, type ClientSettings, type ConfigSource } from "../../config";
import type { HintContext } from "./hints";
import { pulumiLogger, type ProviderLogger } from "./logger";
import type { ProviderDeps } from "./provider-deps";
import type { ProfileSelection } from "./wiring";

/** Data center, hosts and credential kind of the calls of resolved settings, for error hints. */
export function hintContextOf(settings: ClientSettings): HintContext {
  const context: HintContext = {
    target: targetOf(settings),
    credentials: settings.credentials.kind === "oauth" ? "oauth" : "accessToken",
  };
  return settings.profile === undefined ? context : { ...context, profile: settings.profile };
}

/** The hint context of a credential set; empty when its settings do not resolve. */
function hintContext(configuration: StackConfiguration, profile: string | undefined): HintContext {
  try {
    return hintContextOf(configuration.settings(profile));
  } catch {
    return {};
  }
}

/**
 * What the providers of one configuration need: a client built from its settings at call time, and its kept
 * refusal and hint context, for the top-level credential set and for each profile. The process's providers use
 * `processConfiguration`; each plugin instance and tests build their own.
 */
export function configurationDeps(
  configuration: StackConfiguration,
  logger: ProviderLogger = pulumiLogger,
): ProviderDeps & ProfileSelection {
  const depsOf = (profile?: string): ProviderDeps => ({
    api: () => sharedClientFor(configuration.settings(profile), { logger }),
    logger,
    configure: (config) => configuration.configure(config),
    assertConfigured: () => configuration.assertUsable(profile),
    hintContext: () => hintContext(configuration, profile),
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
 * rate limiters). Settings are resolved at `configure`, and clients built at the first API call, so a missing
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
