export * from "./data-centers";
export * from "./errors";
export * from "./settings-table";
export * from "./settings";
export * from "./resolve";
export * from "./profiles";
export * from "./stack-configuration";
