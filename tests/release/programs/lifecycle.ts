/**
 * The release smoke test's TypeScript program, the lifecycle program of the plugin suites written against the npm
 * package: a webhook bot, its menu handler and its channel membership.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const bot = new cliq.Bot("alerts", {
  name: "Pipeline Alerts",
  description: config.require("description"),
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
  channelParticipation: ["listen_message", "send_message"],
});
new cliq.BotHandler("help-menu", {
  botId: bot.id,
  type: "menu_handler",
  name: "Help",
  icon: "wand/FF5733",
  permissions: ["chat"],
  subActions: [{ name: "Docs" }],
});
new cliq.ChannelAssociation("alerts-in-ops", { botUniqueName: bot.uniqueName, channelUniqueName: "ops" });

export const botId = bot.id;
export const uniqueName = bot.uniqueName;
