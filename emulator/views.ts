import { toPathBotId } from "../cliq-api/operations";
import { exactNumber } from "./json";
import type { BotRecord, Creator, HandlerRecord } from "./store";

/**
 * Response shapes, as the spec's examples show them. Empty optional fields are left out (the examples omit
 * `team_ids` for non-team bots and `execution_url` for deluge bots); `handlers` is always present.
 */

/** The user every accepted token acts as (the spec's example creator). */
export const EMULATED_USER: Creator = { id: "65113112", name: "James", email: "james@zylker.com" };

export function botUrl(botId: string): string {
  return `/api/v3/bots/${toPathBotId(botId)}`;
}

export function handlerUrl(botId: string, type: string): string {
  return `${botUrl(botId)}/handlers/${type}`;
}

/** A bot's `handlers` summary: the type, and for menu handlers their id and display properties. */
export function handlerSummary(handler: HandlerRecord): Record<string, unknown> {
  if (handler.type !== "menu_handler") {
    return { type: handler.type };
  }
  return {
    type: handler.type,
    id: handler.id,
    name: handler.name,
    ...(handler.icon ? { icon: handler.icon } : {}),
    position: handler.position,
    ...(handler.subActions && handler.subActions.length > 0 ? { sub_actions: handler.subActions } : {}),
  };
}

/** `data` of create/get/update/list bot responses. Team ids go out as exact JSON numbers. */
export function botData(bot: BotRecord): Record<string, unknown> {
  return {
    unique_name: bot.uniqueName,
    name: bot.name,
    id: bot.id,
    description: bot.description,
    scope: bot.scope,
    ...(bot.teamIds.length > 0 ? { team_ids: bot.teamIds.map(exactNumber) } : {}),
    ...(bot.statusMessages.length > 0 ? { status_messages: bot.statusMessages } : {}),
    ...(bot.channelParticipation.length > 0 ? { channel_participation: bot.channelParticipation } : {}),
    calls: bot.calls,
    ...(bot.image ? { image: bot.image } : {}),
    handlers: bot.handlers.map(handlerSummary),
    creator: { name: bot.creator.name, id: bot.creator.id },
    execution_type: bot.executionType,
    ...(bot.executionUrl ? { execution_url: bot.executionUrl } : {}),
    status: "enabled",
    type: "custom",
    default: false,
    subscriber_count: 1,
  };
}

export function displayProps(handler: HandlerRecord): Record<string, unknown> {
  return {
    name: handler.name,
    ...(handler.icon ? { icon: handler.icon } : {}),
    position: handler.position,
  };
}

/** `data` of create/update handler responses: type, id, permissions (webhook bots), display_props (menus). */
export function handlerWriteData(handler: HandlerRecord): Record<string, unknown> {
  return {
    type: handler.type,
    id: handler.id,
    ...(handler.permissions ? { permissions: handler.permissions } : {}),
    ...(handler.type === "menu_handler" ? { display_props: displayProps(handler) } : {}),
    ...(handler.subActions && handler.subActions.length > 0 ? { sub_actions: handler.subActions } : {}),
  };
}

/** Runtime parameters Cliq passes to each handler's script (from Cliq's handler documentation). */
const HANDLER_PARAMS: Record<string, [string, string][]> = {
  welcome_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["user", "MAP"],
    ["newuser", "BOOLEAN"],
  ],
  message_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["message", "MAP"],
    ["user", "MAP"],
    ["chat", "MAP"],
    ["location", "MAP"],
    ["attachments", "LIST"],
  ],
  mention_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["message", "MAP"],
    ["user", "MAP"],
    ["chat", "MAP"],
    ["location", "MAP"],
  ],
  context_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["context_id", "STRING"],
    ["answers", "MAP"],
    ["user", "MAP"],
    ["chat", "MAP"],
  ],
  participation_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["operation", "STRING"],
    ["data", "MAP"],
    ["user", "MAP"],
    ["chat", "MAP"],
  ],
  incoming_webhook_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["body", "MAP"],
    ["headers", "MAP"],
    ["params", "MAP"],
    ["user", "MAP"],
  ],
  menu_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["chat", "MAP"],
    ["user", "MAP"],
    ["location", "MAP"],
    ["sub_action", "STRING"],
  ],
  call_handler: [
    ["access", "MAP"],
    ["environment", "MAP"],
    ["user", "MAP"],
    ["status", "STRING"],
    ["call", "MAP"],
  ],
};

/**
 * `data` of the handler GET response (BotHandlerDetailsResponse: script, handler_id, name, type, icon,
 * return_type, params), plus `permissions`, `position` and `sub_actions` as extra fields.
 */
export function handlerDetailsData(handler: HandlerRecord): Record<string, unknown> {
  return {
    ...(handler.script !== undefined ? { script: handler.script } : {}),
    handler_id: handler.id,
    ...(handler.name !== undefined ? { name: handler.name } : {}),
    type: handler.type,
    ...(handler.icon ? { icon: handler.icon } : {}),
    return_type: "MAP",
    params: (HANDLER_PARAMS[handler.type] ?? []).map(([param_name, param_type]) => ({
      param_name,
      param_type,
    })),
    ...(handler.permissions ? { permissions: handler.permissions } : {}),
    ...(handler.position !== undefined ? { position: handler.position } : {}),
    ...(handler.subActions && handler.subActions.length > 0 ? { sub_actions: handler.subActions } : {}),
  };
}

export function subscriberData(user: Creator): Record<string, unknown> {
  return { email_id: user.email, user_id: user.id, name: user.name };
}
