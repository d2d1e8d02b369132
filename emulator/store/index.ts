export * from "./types";
export * from "./memory";
export * from "./file";
