export * from "./data-centers";
export * from "./errors";
export * from "./resolve";
export * from "./settings";
export * from "./profiles";
