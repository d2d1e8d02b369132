/**
 * The provider objects the SDK's serialized shim reaches by `require("pulumi-zoho-cliq/provider")[kind]`.
 * They share one client per credential set and process (one token cache, one set of rate limiters) and take
 * credentials from `configure` (stack config, or the profile of `cliq:profiles` a resource names) or the
 * environment.
 */
import { parseBotResourceId } from "./bot/mapping";
import { createBotProvider } from "./bot/provider";
import { parseChannelAssociationId } from "./channel-association/mapping";
import { createChannelAssociationProvider } from "./channel-association/provider";
import { withBotIdentity } from "./channel-association/bot-identity";
import { parseHandlerResourceId } from "./handler/mapping";
import { createHandlerProvider } from "./handler/provider";
import { forDynamicHost } from "./shared/dynamic-host";
import type { CliqResourceProvider, ProviderDeps, ProviderKind } from "./shared/provider-deps";
import { configurationDeps, processConfiguration } from "./shared/runtime";
import { guardedProvider, profileRouted, type ProfileSelection } from "./shared/wiring";

export type { ProviderKind } from "./shared/provider-deps";

/**
 * The provider of each resource kind over one set of dependencies (tests and benchmarks pass their own). With a
 * profile selection (the process's configuration), each call goes to the credential set its resource's
 * `profile` names; without one, no profile exists and a resource that names one fails `check`.
 */
export function createProviders(
  deps: ProviderDeps & Partial<ProfileSelection>,
): Record<ProviderKind, CliqResourceProvider> {
  const selection = deps.profileDeps ? (deps as ProviderDeps & ProfileSelection) : undefined;
  return {
    bot: profileRouted(
      (each) => guardedProvider(createBotProvider(each), each, parseBotResourceId),
      deps,
      selection,
    ),
    botHandler: profileRouted(
      (each) => guardedProvider(createHandlerProvider(each), each, parseHandlerResourceId),
      deps,
      selection,
    ),
    channelAssociation: profileRouted(
      (each) =>
        guardedProvider(
          withBotIdentity(createChannelAssociationProvider(each)),
          each,
          parseChannelAssociationId,
        ),
      deps,
      selection,
    ),
  };
}

const processDeps = configurationDeps(processConfiguration);

/** The providers Pulumi's dynamic-provider host runs (the plugin builds its own with `createProviders`). */
const dynamicProviders = createProviders(processDeps);
export const bot = forDynamicHost("bot", dynamicProviders.bot);
export const botHandler = forDynamicHost("botHandler", dynamicProviders.botHandler);
export const channelAssociation = forDynamicHost("channelAssociation", dynamicProviders.channelAssociation);
