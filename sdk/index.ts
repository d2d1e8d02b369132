/**
 * What users import: the three resources, their argument types, and the value types those arguments take.
 * The serialization plumbing (sdk/shim.ts) is internal and not exported.
 */
export * from "./bot";
export * from "./bot-handler";
export * from "./channel-association";
export type { BotReference } from "./bot-reference";
export type {
  CallsSpelling,
  ChannelParticipation,
  ExecutionType,
  HandlerType,
  Permission,
  Scope,
} from "../cliq-api/operations";
