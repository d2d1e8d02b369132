/**
 * `pulumi-zoho-cliq/provider`: what the SDK's serialized providers and other hosts need, nothing more.
 *
 * - `bot`, `botHandler`, `channelAssociation`: the process-wide providers, reached by the shim the SDK stores
 *   in state (`require("pulumi-zoho-cliq/provider")[kind]`); this contract must not change.
 * - `createProviders`: the same providers over other dependencies (a host with its own client or logger).
 * - The property tables: every argument's wire name, type, documentation and change behaviour, for tools such
 *   as a Pulumi package schema generator.
 */
export {
  bot,
  botHandler,
  channelAssociation,
  createProviders,
  type ProviderKind,
} from "./resources/providers";
export type { CliqResourceProvider, ProviderDeps } from "./resources/shared/provider-deps";
export type { ProviderLogger } from "./resources/shared/logger";
export { BOT_OUTPUTS, BOT_PROPERTIES } from "./resources/bot/properties";
export { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "./resources/handler/properties";
export { CHANNEL_ASSOCIATION_PROPERTIES } from "./resources/channel-association/properties";
export type { OutputSpec, PackageType, PropertySpec } from "./resources/shared/properties";
