export * from "./bot";
export * from "./bot-handler";
export * from "./channel-association";
export { providerShim, type ProviderKind } from "./shim";
