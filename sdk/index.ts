/**
 * What users import: the three resources, their argument types, the value types those arguments take, and the
 * program-time lookups (`getBot`, `listBots`).
 * The serialization plumbing (sdk/shim.ts) is internal and not exported.
 */
export * from "./bot";
export * from "./bot-handler";
export * from "./channel-association";
export { getBot, getBotOutput, listBots } from "./get-bot";
export type { BotData, BotQuery, GetBotArgs, LookupOptions } from "./get-bot";
export type { BotReference } from "./bot-reference";
export type {
  CallsSpelling,
  ChannelParticipation,
  ExecutionType,
  HandlerType,
  Permission,
  Scope,
} from "../cliq-api/operations";
