export * from "./unknown";
export * from "./failures";
export * from "./compare";
export * from "./diff-result";
export * from "./errors";
export * from "./logger";
export * from "./provider-deps";
export * from "./runtime";
