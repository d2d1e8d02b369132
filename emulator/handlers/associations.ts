import { errors } from "../errors";
import { optionalString, requireObjectBody } from "../validation/common";
import { ok, type OperationHandler } from "./context";
import { findBotByUniqueName } from "./lookup";

/**
 * `associate_bot_to_channel`: records the membership. Channels are not modelled beyond their unique name
 * (any non-empty name is a channel); a repeat is HTTP 400 `bot_already_member`.
 */
export const associateBot: OperationHandler = (ctx, req) => {
  const bot = findBotByUniqueName(ctx.store, req.params.BOT_UNIQUE_NAME);
  const body = requireObjectBody(req.body);
  const channel = optionalString(body, "channel_unique_name");
  if (channel === undefined || channel.trim() === "") {
    throw errors.invalidInputs("channel_unique_name is required.");
  }
  if (ctx.store.hasMembership(channel, bot.uniqueName)) {
    throw errors.botAlreadyMember(bot.uniqueName, channel);
  }
  ctx.store.addMembership({ channel, botUniqueName: bot.uniqueName });
  return ok({});
};
