/**
 * Preview-time checks that need more than one resource, through the real engine: a webhook bot and its message
 * handler, then what the `scenario` config adds: a second message handler, a sixth menu, a Deluge script on the
 * webhook bot's handler, or (`fine`) a membership of an existing bot found with `getBotOutput`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const scenario = config.require("scenario");

const bot = new cliq.Bot("checked-bot", {
  name: "Checked Bot",
  description: "preview-time checks",
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
});
new cliq.BotHandler("checked-messages", { botId: bot, type: "message_handler", permissions: ["chat"] });

if (scenario === "duplicate") {
  new cliq.BotHandler("checked-messages-again", {
    botId: bot,
    type: "message_handler",
    permissions: ["user"],
  });
}
if (scenario === "sixth-menu") {
  for (const n of [1, 2, 3, 4, 5, 6]) {
    new cliq.BotHandler(`menu-${n}`, {
      botId: bot,
      type: "menu_handler",
      name: `Menu ${n}`,
      icon: "wand/FF5733",
      permissions: ["chat"],
    });
  }
}
if (scenario === "script") {
  new cliq.BotHandler("checked-welcome", { botId: bot, type: "welcome_handler", script: 'info "hi";' });
}
if (scenario === "fine") {
  const existing = cliq.getBotOutput({ name: config.require("existingName") });
  new cliq.ChannelAssociation("existing-in-ops", {
    botUniqueName: existing.apply((found) => found.uniqueName),
    channelUniqueName: "ops",
  });
}
