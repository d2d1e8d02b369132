export { startEmulator, type RunningEmulator } from "./server";
export type { EmulatorOptions, OAuthClient, ThrottleStyle } from "./options";
export type { LoggedRequest } from "./request-log";
export { FAULT_KINDS, type FaultKind } from "./faults";
