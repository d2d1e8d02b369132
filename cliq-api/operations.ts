/**
 * The Cliq Bots API v3 operations, as `spec/cliq-bots-v3.yaml` declares them.
 *
 * This table is the single place where the client and the emulator learn an operation's method, path and
 * rate limit; `tests/spec/operations.test.ts` proves it matches the spec file, so an edit to either side
 * that drifts from the other fails the suite.
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** Threshold and lock period of one operation (`x-rate-limit`). */
export interface RateLimit {
  /** Requests allowed per window, per user. */
  readonly requests: number;
  /** Window length in seconds. */
  readonly perSeconds: number;
  /** How long Cliq refuses every request of this operation once the threshold is passed. */
  readonly lockSeconds: number;
}

export interface OperationSpec {
  readonly id: OperationId;
  readonly method: HttpMethod;
  /** Path under `/api/v3`, with `{PARAM}` placeholders exactly as the spec writes them. */
  readonly path: string;
  readonly rateLimit: RateLimit;
  /** Operation-specific error codes (`x-error-codes`). */
  readonly errorCodes: readonly string[];
}

export const OPERATION_IDS = [
  "create_a_new_bot",
  "list_all_bots",
  "update_an_existing_bot",
  "get_details_of_a_specific_bot",
  "delete_a_specific_bot",
  "send_a_bot_message",
  "send_an_incoming_webhook_message",
  "Trigger_Bot_Calls",
  "create_a_handler_for_a_bot",
  "update_a_handler_for_a_bot",
  "get_details_of_a_specific_bot_handler",
  "delete_a_handler_from_a_bot",
  "associate_bot_to_channel",
  "list_all_subscribers_of_a_bot",
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

const perMinute = (requests: number, lockMinutes: number): RateLimit => ({
  requests,
  perSeconds: 60,
  lockSeconds: lockMinutes * 60,
});

export const OPERATIONS: { readonly [K in OperationId]: OperationSpec } = {
  create_a_new_bot: {
    id: "create_a_new_bot",
    method: "POST",
    path: "/bots",
    rateLimit: perMinute(10, 5),
    errorCodes: [
      "bot_creation_limit_exceeded",
      "bot_name_already_exists",
      "invalid_inputs",
      "execution_url_required",
      "execution_url_not_allowed",
      "invalid_scope",
    ],
  },
  list_all_bots: {
    id: "list_all_bots",
    method: "GET",
    path: "/bots",
    rateLimit: perMinute(30, 5),
    errorCodes: [],
  },
  update_an_existing_bot: {
    id: "update_an_existing_bot",
    method: "PATCH",
    path: "/bots/{BOT_ID}",
    rateLimit: perMinute(10, 5),
    errorCodes: ["bot_not_found", "bot_name_already_exists", "bot_permission_denied"],
  },
  get_details_of_a_specific_bot: {
    id: "get_details_of_a_specific_bot",
    method: "GET",
    path: "/bots/{BOT_ID}",
    rateLimit: perMinute(30, 5),
    errorCodes: ["bot_not_found"],
  },
  delete_a_specific_bot: {
    id: "delete_a_specific_bot",
    method: "DELETE",
    path: "/bots/{BOT_ID}",
    rateLimit: perMinute(10, 5),
    errorCodes: ["bot_not_found", "bot_permission_denied"],
  },
  send_a_bot_message: {
    id: "send_a_bot_message",
    method: "POST",
    path: "/bots/{BOT_UNIQUE_NAME}/messages",
    rateLimit: perMinute(50, 10),
    errorCodes: [
      "botmessage_sending_failed",
      "botmessage_no_valid_users",
      "bot_unauthorized_message_access",
      "bot_message_forbidden",
    ],
  },
  send_an_incoming_webhook_message: {
    id: "send_an_incoming_webhook_message",
    method: "POST",
    path: "/bots/{BOT_UNIQUE_NAME}/incoming",
    rateLimit: perMinute(50, 10),
    errorCodes: [
      "botmessage_sending_failed",
      "botmessage_no_valid_users",
      "bot_unauthorized_message_access",
      "bot_message_forbidden",
    ],
  },
  Trigger_Bot_Calls: {
    id: "Trigger_Bot_Calls",
    method: "POST",
    path: "/bots/{BOT_UNIQUE_NAME}/calls",
    rateLimit: { requests: 10, perSeconds: 300, lockSeconds: 1800 },
    errorCodes: ["bot_alert_not_enabled"],
  },
  create_a_handler_for_a_bot: {
    id: "create_a_handler_for_a_bot",
    method: "POST",
    path: "/bots/{BOT_ID}/handlers",
    rateLimit: perMinute(10, 5),
    errorCodes: [
      "execution_handler_create_failed",
      "execution_handler_data_required",
      "execution_handler_data_invalid",
      "invalid_inputs",
    ],
  },
  update_a_handler_for_a_bot: {
    id: "update_a_handler_for_a_bot",
    method: "PATCH",
    path: "/bots/{BOT_ID}/handlers/{HANDLER_TYPE}",
    rateLimit: perMinute(10, 5),
    errorCodes: ["execution_handler_update_failed", "execution_handler_not_found"],
  },
  get_details_of_a_specific_bot_handler: {
    id: "get_details_of_a_specific_bot_handler",
    method: "GET",
    path: "/bots/{BOT_ID}/handlers/{HANDLER_TYPE}",
    rateLimit: perMinute(10, 5),
    errorCodes: ["execution_handler_get_failed", "execution_handler_not_found"],
  },
  delete_a_handler_from_a_bot: {
    id: "delete_a_handler_from_a_bot",
    method: "DELETE",
    path: "/bots/{BOT_ID}/handlers/{HANDLER_TYPE}",
    rateLimit: perMinute(10, 5),
    errorCodes: [
      "execution_handler_delete_failed",
      "default_handler_delete_not_allowed",
      "execution_handler_not_found",
    ],
  },
  associate_bot_to_channel: {
    id: "associate_bot_to_channel",
    method: "POST",
    path: "/bots/{BOT_UNIQUE_NAME}/associate",
    rateLimit: perMinute(5, 5),
    errorCodes: ["bot_not_found", "bot_already_member"],
  },
  list_all_subscribers_of_a_bot: {
    id: "list_all_subscribers_of_a_bot",
    method: "GET",
    path: "/bots/{BOT_ID_OR_UNIQUE_NAME}/subscribers",
    rateLimit: perMinute(100, 5),
    errorCodes: [],
  },
};

/**
 * The name the client's errors and the emulator's request log and faults give Zoho's OAuth token endpoint
 * (`POST /oauth/v2/token`), which is not an operation of the Bots spec.
 */
export const OAUTH_OPERATION_ID = "oauth_token";

/** Where Zoho accounts mints access tokens (relative to the accounts host); the client calls it, the emulator serves it. */
export const OAUTH_TOKEN_PATH = "/oauth/v2/token";

/** Handler types the API accepts (`HandlerCreate.type`). */
export const HANDLER_TYPES = [
  "welcome_handler",
  "message_handler",
  "mention_handler",
  "context_handler",
  "participation_handler",
  "incoming_webhook_handler",
  "menu_handler",
  "call_handler",
] as const;
export type HandlerType = (typeof HANDLER_TYPES)[number];

export const PERMISSIONS = ["chat", "message", "user", "location", "attachments"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Permissions a webhook bot may request per handler type (`x-permissions-by-handler`). The spec's matrix
 * names `alert_handler` where the type enum says `call_handler`; bot calls are "alerts"
 * (`bot_alert_not_enabled`), so that row serves `call_handler`.
 */
export const PERMISSIONS_BY_HANDLER: { readonly [K in HandlerType]: readonly Permission[] } = {
  welcome_handler: ["user"],
  message_handler: ["attachments", "chat", "location", "message", "user"],
  mention_handler: ["chat", "location", "message", "user"],
  context_handler: ["attachments", "chat", "user"],
  incoming_webhook_handler: ["user"],
  participation_handler: ["chat", "user"],
  menu_handler: ["chat", "location", "user"],
  call_handler: ["user"],
};

/** Menu handlers are the only type a bot may have several of, each with its own id. */
export const MAX_MENU_HANDLERS_PER_BOT = 5;

export const LIMITS = {
  botName: 20,
  botDescription: 300,
  teamIds: 4,
  statusMessages: 10,
  statusMessageLength: 50,
  /** The spec says maxItems 10 but "Maximum limit: 3" and the enum has three values. */
  channelParticipation: 3,
  /** The spec says maxLength 2147483648 but "Maximum size is 250KB". */
  scriptBytes: 250 * 1024,
  permissions: 5,
  menuName: 15,
  subActions: 5,
  subActionName: 15,
  listLimitDefault: 20,
  listLimitMax: 50,
} as const;

export const SCOPES = ["organization", "team", "personal"] as const;
export type Scope = (typeof SCOPES)[number];
export const EXECUTION_TYPES = ["deluge", "webhook"] as const;
export type ExecutionType = (typeof EXECUTION_TYPES)[number];
export const CHANNEL_PARTICIPATION = ["listen_message", "send_message", "auto_follow_thread"] as const;
export type ChannelParticipation = (typeof CHANNEL_PARTICIPATION)[number];

/** Bot `calls`: the spec's create enum spells it enable|disable, its examples and edit enum enabled|disabled. */
export const CALLS_SPELLINGS = ["enabled", "disabled", "enable", "disable"] as const;
export type CallsSpelling = (typeof CALLS_SPELLINGS)[number];

/** The one spelling sent and stored, `enabled|disabled`, as the spec's examples write it. */
export function normaliseCalls(value: string): "enabled" | "disabled" {
  return value === "enable" || value === "enabled" ? "enabled" : "disabled";
}

/** Bot ids travel in paths as `b-<digits>`; response bodies carry the bare digits. */
export function toPathBotId(botId: string): string {
  return botId.startsWith("b-") ? botId : `b-${botId}`;
}

export function toBareBotId(botId: string): string {
  return botId.startsWith("b-") ? botId.slice(2) : botId;
}

/**
 * Zoho's numeric ids are 64-bit integers (`handler_id` is declared `integer`; bot ids are "numeric", 17 to 19
 * digits in the examples): a bot or handler id has at most 19 digits, as 2^63-1 has. Anything longer is refused
 * before it reaches a path.
 */
export const ZOHO_ID_MAX_DIGITS = 19;
const ZOHO_ID = new RegExp(`^\\d{1,${ZOHO_ID_MAX_DIGITS}}$`);

/** Whether a string is a Zoho numeric id: 1 to ZOHO_ID_MAX_DIGITS digits. */
export function isZohoId(value: string): boolean {
  return ZOHO_ID.test(value);
}

/** Whether a string is a bot id in either form (`b-<digits>` or bare digits) rather than a unique name. */
export function isBotId(value: string): boolean {
  return isZohoId(toBareBotId(value));
}
