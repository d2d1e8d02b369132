/**
 * The provider objects the SDK's serialized shim reaches by `require("pulumi-zoho-cliq/provider")[kind]`.
 * They share one client per process (one token cache, one set of rate limiters) and take credentials from
 * `configure` (stack config) or the environment.
 */
import { parseBotResourceId } from "./bot/mapping";
import { createBotProvider } from "./bot/provider";
import { parseChannelAssociationId } from "./channel-association/mapping";
import { createChannelAssociationProvider } from "./channel-association/provider";
import { withBotIdentity } from "./channel-association/bot-identity";
import { parseHandlerResourceId } from "./handler/mapping";
import { createHandlerProvider } from "./handler/provider";
import type { CliqResourceProvider, ProviderDeps } from "./shared/provider-deps";
import { configurationDeps, processConfiguration } from "./shared/runtime";
import { guardedProvider } from "./shared/wiring";

/** The resource kinds, as the SDK names them when it reaches their providers. */
export type ProviderKind = "bot" | "botHandler" | "channelAssociation";

/** The provider of each resource kind over one set of dependencies (tests and benchmarks pass their own). */
export function createProviders(deps: ProviderDeps): Record<ProviderKind, CliqResourceProvider> {
  return {
    bot: guardedProvider(createBotProvider(deps), deps, parseBotResourceId),
    botHandler: guardedProvider(createHandlerProvider(deps), deps, parseHandlerResourceId),
    channelAssociation: guardedProvider(
      withBotIdentity(createChannelAssociationProvider(deps)),
      deps,
      parseChannelAssociationId,
    ),
  };
}

const processDeps: ProviderDeps = configurationDeps(processConfiguration);

export const { bot, botHandler, channelAssociation } = createProviders(processDeps);
