export * from "./engine";
export * from "./fake-engine";
export * from "./host";
export * from "./project";
export * from "./secrets";
export * from "./session";
export * from "./wire";
