export * from "./bot";
export * from "./bot-handler";
export * from "./channel-association";
export { providerShim, serializableProvider, type ProviderKind } from "./shim";
