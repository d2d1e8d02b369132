import { SPEC_STATUS_MESSAGES, specErrorMessage } from "../cliq-api/error-messages";
import type { OperationId } from "../cliq-api/operations";

/**
 * The error factory: every refusal the emulator gives is an `ApiError` carrying the HTTP status and the
 * real API's `{message, code}` body.
 *
 * On the API, the body's message is Cliq's own terse text, never ours: the spec's `x-error-codes` description
 * for the operation (`wireBody`, see cliq-api/error-messages.ts), so that error handling and hints are
 * written against what Cliq really says. Codes the spec gives no text for answer with the factory's terse
 * message (`request_entity_too_large`, `request_limit_exceeded`, `oauthtoken_invalid`, `url_not_found`,
 * `method_not_allowed`, the last four with the spec's status texts). The error's own `message` is the
 * emulator's precise reason: the control surface (`/_emulator`) answers with it, and it helps debugging.
 *
 * Status per code (the spec gives codes, not statuses; these follow its response table 400/401/403/404/429/500):
 * - 400: validation codes (`invalid_inputs`, `invalid_scope`, `execution_url_*`, `execution_handler_data_*`),
 *   conflicts (`bot_name_already_exists`, `bot_already_member`, `bot_creation_limit_exceeded`,
 *   `default_handler_delete_not_allowed`, `bot_alert_not_enabled`, `botmessage_no_valid_users`), and a second
 *   handler of a type that allows only one, or a sixth menu handler: `execution_handler_create_failed`.
 * - 401: `oauthtoken_invalid`. 403: `bot_permission_denied`, `bot_unauthorized_message_access`,
 *   `bot_message_forbidden`. 404: `bot_not_found`, `execution_handler_not_found`, `url_not_found`.
 * - 405: `method_not_allowed`. 413: `request_entity_too_large` (a body past the emulator's read limit; the
 *   spec declares no status for it). 429 (or 400, per throttle style): `request_limit_exceeded`.
 * - 5xx: the `*_failed` codes, produced by "status" faults (see faults.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The body with the emulator's own reason (the control surface's answers). */
  body(): { message: string; code: string } {
    return { message: this.message, code: this.code };
  }

  /** The body Cliq would send for this refusal of `operationId`: the spec's text wherever it gives one. */
  wireBody(operationId?: OperationId): { message: string; code: string } {
    return { message: specErrorMessage(operationId, this.code) ?? this.message, code: this.code };
  }
}

export const errors = {
  invalidInputs: (message: string) => new ApiError(400, "invalid_inputs", message),
  invalidScope: (value: unknown) =>
    new ApiError(
      400,
      "invalid_scope",
      `The provided scope value ${JSON.stringify(value)} is invalid. Allowed values are organization, team, and personal.`,
    ),
  botNotFound: (ref: string) =>
    new ApiError(404, "bot_not_found", `Bot ${JSON.stringify(ref)} does not exist.`),
  botNameAlreadyExists: (name: string) =>
    new ApiError(
      400,
      "bot_name_already_exists",
      `A bot with the name ${JSON.stringify(name)} already exists.`,
    ),
  botCreationLimitExceeded: (limit: number) =>
    new ApiError(
      400,
      "bot_creation_limit_exceeded",
      `Organization has reached the maximum number of bots (${limit}).`,
    ),
  botPermissionDenied: (action: string) =>
    new ApiError(403, "bot_permission_denied", `Insufficient permissions to ${action} this bot.`),
  executionUrlRequired: () =>
    new ApiError(
      400,
      "execution_url_required",
      "execution_url is required when execution_type is set to webhook.",
    ),
  executionUrlNotAllowed: () =>
    new ApiError(
      400,
      "execution_url_not_allowed",
      "execution_url is not allowed when execution_type is set to deluge.",
    ),
  handlerDataRequired: (message: string) => new ApiError(400, "execution_handler_data_required", message),
  handlerDataInvalid: (message: string) => new ApiError(400, "execution_handler_data_invalid", message),
  handlerCreateFailed: (message: string) => new ApiError(400, "execution_handler_create_failed", message),
  handlerNotFound: (type: string, handlerId?: string) =>
    new ApiError(
      404,
      "execution_handler_not_found",
      handlerId === undefined
        ? `No ${type} is configured for this bot.`
        : `No ${type} with id ${handlerId} is configured for this bot.`,
    ),
  defaultHandlerDeleteNotAllowed: (type: string) =>
    new ApiError(
      400,
      "default_handler_delete_not_allowed",
      `${type} is a default handler and cannot be deleted.`,
    ),
  botAlreadyMember: (bot: string, channel: string) =>
    new ApiError(400, "bot_already_member", `Bot ${bot} is already a member of the channel ${channel}.`),
  botAlertNotEnabled: (bot: string) =>
    new ApiError(400, "bot_alert_not_enabled", `Voice call or alert is not enabled for the bot ${bot}.`),
  noValidUsers: () =>
    new ApiError(400, "botmessage_no_valid_users", "No valid users found for the bot message."),
  unauthorizedMessageAccess: (channel: string) =>
    new ApiError(
      403,
      "bot_unauthorized_message_access",
      `The bot is not a member of the channel ${channel} and cannot message its users.`,
    ),
  messageForbidden: (channel: string) =>
    new ApiError(
      403,
      "bot_message_forbidden",
      `The bot's channel participation does not include send_message, so it cannot post in ${channel}.`,
    ),
  unauthorized: () => new ApiError(401, "oauthtoken_invalid", SPEC_STATUS_MESSAGES[401]!),
  urlNotFound: () => new ApiError(404, "url_not_found", SPEC_STATUS_MESSAGES[404]!),
  methodNotAllowed: () => new ApiError(405, "method_not_allowed", SPEC_STATUS_MESSAGES[405]!),
  // No status or text in the spec: a body past the emulator's read limit (`maxBytes`).
  bodyTooLarge: (maxBytes: number) =>
    new ApiError(
      413,
      "request_entity_too_large",
      `The request body exceeds ${maxBytes / (1024 * 1024)} MB and was not read.`,
    ),
  throttled: (status: 429 | 400) =>
    new ApiError(status, "request_limit_exceeded", SPEC_STATUS_MESSAGES[429]!),
};
