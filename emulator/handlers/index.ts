export * from "./context";
export * from "./bots";
export * from "./bot-handlers";
export * from "./associations";
export * from "./subscribers";
export * from "./messages";
export * from "./oauth";
