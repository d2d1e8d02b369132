import { randomUUID } from "crypto";
import { errors } from "../errors";
import {
  validateBotCall,
  validateBotMessage,
  validateIncomingWebhook,
  parseUserIds,
} from "../validation/messages";
import { ok, type OperationHandler } from "./context";
import { findBotByUniqueName } from "./lookup";

/**
 * `send_a_bot_message`. Messages are validated, not delivered. Posting to a channel
 * (`CHANNEL_UNIQUE_NAME` query) needs the bot to be a member (`bot_unauthorized_message_access`) and to have
 * `send_message` participation (`bot_message_forbidden`). Answers `{}`, or `{chat_id, message_id}` when
 * `sync_message` is true (the spec says the response then includes them).
 */
export const sendBotMessage: OperationHandler = (ctx, req) => {
  const bot = findBotByUniqueName(ctx.store, req.params.BOT_UNIQUE_NAME);
  const message = validateBotMessage(req.body);
  if (message.userIds === undefined) {
    parseUserIds(req.query.get("user_ids") ?? undefined);
  }
  const channel = req.query.get("CHANNEL_UNIQUE_NAME");
  if (channel !== null) {
    if (!ctx.store.hasMembership(channel, bot.uniqueName)) {
      throw errors.unauthorizedMessageAccess(channel);
    }
    if (!bot.channelParticipation.includes("send_message")) {
      throw errors.messageForbidden(channel);
    }
  }
  if (!message.syncMessage) {
    return ok({});
  }
  const messageId = `${Date.now()}%20${ctx.store.allocateId()}`;
  return ok({
    chat_id: channel === null ? `CT_${bot.id}_${ctx.user.id}` : `CT_${channel}`,
    message_id: messageId,
  });
};

/** `send_an_incoming_webhook_message`: answers the users reached (the query's, or the bot's subscribers). */
export const sendIncomingWebhookMessage: OperationHandler = (ctx, req) => {
  const bot = findBotByUniqueName(ctx.store, req.params.BOT_UNIQUE_NAME);
  validateIncomingWebhook(req.body);
  const userIds = parseUserIds(req.query.get("user_ids") ?? undefined) ?? [bot.creator.id];
  return ok({ user_ids: userIds });
};

/** `Trigger_Bot_Calls`: needs `calls: enabled` on the bot (`bot_alert_not_enabled`). */
export const triggerBotCall: OperationHandler = (ctx, req) => {
  const bot = findBotByUniqueName(ctx.store, req.params.BOT_UNIQUE_NAME);
  const call = validateBotCall(req.body);
  if (bot.calls !== "enabled") {
    throw errors.botAlertNotEnabled(bot.uniqueName);
  }
  const userIds = call.userIds && call.userIds.length > 0 ? call.userIds : [bot.creator.id];
  return ok({ user_ids: userIds, id: randomUUID() });
};
