export * from "./providers";
export * from "./bot";
export * from "./handler";
export * from "./channel-association";
export * from "./shared";
