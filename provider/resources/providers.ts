/**
 * The provider objects the SDK's serialized shim reaches by `require("pulumi-zoho-cliq/provider")[kind]`.
 * They share one client per process (one token cache, one set of rate limiters) and take credentials from
 * `configure` (stack config) or the environment.
 */
import { createBotProvider } from "./bot/provider";
import { createChannelAssociationProvider } from "./channel-association/provider";
import { createHandlerProvider } from "./handler/provider";
import { pulumiLogger } from "./shared/logger";
import type { ProviderDeps } from "./shared/provider-deps";
import { configureFromStack, sharedApi } from "./shared/runtime";

const processDeps: ProviderDeps = { api: sharedApi, logger: pulumiLogger, configure: configureFromStack };

export const bot = createBotProvider(processDeps);
export const botHandler = createHandlerProvider(processDeps);
export const channelAssociation = createChannelAssociationProvider(processDeps);
