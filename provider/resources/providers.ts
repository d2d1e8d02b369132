/**
 * The provider objects the SDK's serialized shim reaches by `require("pulumi-zoho-cliq/provider")[kind]`.
 * They share one client per process (one token cache, one set of rate limiters) and take credentials from
 * `configure` (stack config) or the environment.
 */
import { createBotProvider } from "./bot/provider";
import { createChannelAssociationProvider } from "./channel-association/provider";
import { createHandlerProvider } from "./handler/provider";
import { pulumiLogger } from "./shared/logger";
import type { CliqResourceProvider, ProviderDeps } from "./shared/provider-deps";
import { configureFromStack, sharedApi } from "./shared/runtime";

/** The resource kinds, as the SDK names them when it reaches their providers. */
export type ProviderKind = "bot" | "botHandler" | "channelAssociation";

/** The provider of each resource kind over one set of dependencies (tests and benchmarks pass their own). */
export function createProviders(deps: ProviderDeps): Record<ProviderKind, CliqResourceProvider> {
  return {
    bot: createBotProvider(deps),
    botHandler: createHandlerProvider(deps),
    channelAssociation: createChannelAssociationProvider(deps),
  };
}

const processDeps: ProviderDeps = { api: sharedApi, logger: pulumiLogger, configure: configureFromStack };

export const { bot, botHandler, channelAssociation } = createProviders(processDeps);
