/**
 * The error message texts `spec/cliq-bots-v3.yaml` gives: per operation, each `x-error-codes` entry's
 * description (the message Cliq sends with that code), and per HTTP status the example message of the shared
 * `components/responses`. The emulator answers with exactly these texts, so hints and error handling are
 * written against Cliq's own terse messages; `tests/spec/error-messages.test.ts` proves they match the spec.
 */
import type { OperationId } from "./operations";

export const SPEC_ERROR_MESSAGES: { readonly [K in OperationId]: Readonly<Record<string, string>> } = {
  create_a_new_bot: {
    bot_creation_limit_exceeded: "Organization has reached the maximum number of bots.",
    bot_name_already_exists: "A bot with this name already exists.",
    invalid_inputs: "Request body validation failed.",
    execution_url_required: "execution_url is required when execution_type is set to webhook.",
    execution_url_not_allowed: "execution_url is not allowed when execution_type is set to deluge.",
    invalid_scope:
      "The provided scope value is invalid. Allowed values are organization, team, and personal.",
  },
  list_all_bots: {},
  update_an_existing_bot: {
    bot_not_found: "Bot with the specified ID does not exist.",
    bot_name_already_exists: "Another bot with this name already exists.",
    bot_permission_denied: "Insufficient permissions to edit this bot.",
  },
  get_details_of_a_specific_bot: {
    bot_not_found: "Bot with the specified ID does not exist.",
  },
  delete_a_specific_bot: {
    bot_not_found: "Bot with the specified ID does not exist.",
    bot_permission_denied: "Insufficient permissions to delete this bot.",
  },
  send_a_bot_message: {
    botmessage_sending_failed: "Bot message sending failed.",
    botmessage_no_valid_users: "No valid users found for the bot message.",
    bot_unauthorized_message_access: "Bot does not have permission to message these users.",
    bot_message_forbidden: "Bot message access is forbidden.",
  },
  send_an_incoming_webhook_message: {
    botmessage_sending_failed: "Incoming webhook message delivery failed.",
    botmessage_no_valid_users: "No valid users found for delivery.",
    bot_unauthorized_message_access: "Bot does not have permission to message these users.",
    bot_message_forbidden: "Bot message access is forbidden.",
  },
  Trigger_Bot_Calls: {
    bot_alert_not_enabled: "Voice call or alert is not enabled for this bot.",
  },
  create_a_handler_for_a_bot: {
    execution_handler_create_failed: "Failed to create the execution handler.",
    execution_handler_data_required: "Required handler data is missing.",
    execution_handler_data_invalid: "Provided handler data is invalid.",
    invalid_inputs: "Invalid handler type or malformed request body.",
  },
  update_a_handler_for_a_bot: {
    execution_handler_update_failed: "Failed to update the execution handler.",
    execution_handler_not_found: "Specified handler was not found for this bot.",
  },
  get_details_of_a_specific_bot_handler: {
    execution_handler_get_failed: "Failed to fetch the execution handler.",
    execution_handler_not_found: "Specified handler was not found for this bot.",
  },
  delete_a_handler_from_a_bot: {
    execution_handler_delete_failed: "Failed to delete the execution handler.",
    default_handler_delete_not_allowed: "Default handlers cannot be deleted.",
    execution_handler_not_found: "Specified handler was not found for this bot.",
  },
  associate_bot_to_channel: {
    bot_not_found: "Bot with the specified ID or unique name does not exist.",
    bot_already_member: "Bot is already a member of the target channel.",
  },
  list_all_subscribers_of_a_bot: {},
};

/** `components/responses`: the example message of each shared error response, by HTTP status. */
export const SPEC_STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: "The request cannot be performed. Usually because of malformed parameter or missing parameter.",
  401: "Request was rejected because of invalid AuthToken.",
  403: "The user does not have enough permission or possibly not an user of the respective organization to access the resource.",
  404: "The URL you've sent is wrong. It's possible that the resource you've requested has been moved to another URL.",
  405: "The requested resource does not support the HTTP method used. For example, requesting List of all customers API with PUT as the HTTP method.",
  406: "The response has been received but the requested response type is not supported by the browser.",
  429: "Too many requests within a certain time frame.",
  500: "Cliq server encountered an error which prevents it from fulfilling the request.",
};

/**
 * The message Cliq sends with `code`: the operation's own text when its `x-error-codes` list the code, else the
 * text of the first operation that lists it (Cliq uses one code across operations), else undefined.
 */
export function specErrorMessage(operationId: OperationId | undefined, code: string): string | undefined {
  // Lookups by any string (the emulator's OAuth pseudo-operation included) find nothing rather than throw.
  const own = operationId === undefined ? undefined : SPEC_ERROR_MESSAGES[operationId]?.[code];
  if (own !== undefined) return own;
  for (const messages of Object.values(SPEC_ERROR_MESSAGES))
    if (messages[code] !== undefined) return messages[code];
  return undefined;
}
