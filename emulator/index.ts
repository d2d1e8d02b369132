export { startEmulator, type RunningEmulator } from "./server";
export type { EmulatorOptions, OAuthClient, ThrottleStyle } from "./options";
export type { LoggedRequest } from "./request-log";
export { FAULT_KINDS, type FaultKind } from "./faults";
export { MINTED_ACCESS_TOKEN } from "./auth";
export type { DumpedBot, DumpedHandler, StateDump } from "./control";
export { EmulatorControl, type FaultRequest } from "./control-client";
