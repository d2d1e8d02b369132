/**
 * Preview-time checks across resources and a program-time lookup: reads an existing bot with `getBotOutput`
 * (during the preview too), then declares a bot whose handlers the `scenario` config makes clash or fit.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const scenario = config.require("scenario");

const existing = cliq.getBotOutput({ name: config.require("existingName") });
const bot = new cliq.Bot("checked-bot", {
  name: "Checked Bot",
  description: "preview-time checks",
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
});
const messages = new cliq.BotHandler("checked-messages", {
  botId: bot,
  type: "message_handler",
  permissions: ["chat"],
});
// The clashing handler is declared once the others are registered: the engine stand-in cannot yet take a
// program that fails while a registration is in flight (the real engine can).
const clash = (declare: () => void) => pulumi.all([bot.urn, messages.urn]).apply(declare);
if (scenario === "duplicate") {
  clash(
    () =>
      new cliq.BotHandler("checked-messages-again", {
        botId: bot,
        type: "message_handler",
        permissions: ["user"],
      }),
  );
}
if (scenario === "script") {
  clash(
    () =>
      new cliq.BotHandler("checked-welcome", { botId: bot, type: "welcome_handler", script: 'info "hi";' }),
  );
}
if (scenario === "fine") {
  new cliq.ChannelAssociation("existing-in-ops", {
    botUniqueName: existing.apply((found) => found.uniqueName),
    channelUniqueName: "ops",
  });
}

export const existingId = existing.apply((found) => found.id);
