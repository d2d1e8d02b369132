export * from "./inputs";
export * from "./mapping";
export * from "./diff";
export * from "./provider";
