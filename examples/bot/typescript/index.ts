// Two Cliq bots, their handlers and a channel membership as dynamic resources of the npm package pulumi-zoho-cliq.
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const prefix = config.get("namePrefix") ?? "";
const channel = config.get("channel") ?? "ops";

// A webhook bot: Cliq posts its handlers' events to executionUrl.
const alerts = new cliq.Bot("alerts", {
  name: `${prefix}Release Alerts`,
  description: "Build and release alerts from CI",
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq/release",
  channelParticipation: ["listen_message", "send_message"],
  statusMessages: ["Watching your pipelines"],
});
// Given the Bot itself (not alerts.id), handlers and memberships default `deletedWith` to it: deleting a bot
// deletes its handlers and ends its memberships, so destroy sends one request per bot.
new cliq.BotHandler("alerts-messages", {
  botId: alerts,
  type: "message_handler",
  permissions: ["chat", "user"],
});
new cliq.BotHandler("alerts-runbook", {
  botId: alerts,
  type: "menu_handler",
  name: "Runbook",
  icon: "wand/FF5733",
  permissions: ["chat"],
  subActions: [{ name: "Rollback" }, { name: "Status" }],
});
new cliq.ChannelAssociation("alerts-in-channel", { botUniqueName: alerts, channelUniqueName: channel });

// A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
const support = new cliq.Bot("support", {
  name: `${prefix}Support Desk`,
  description: "Answers support questions",
});
new cliq.BotHandler("support-welcome", {
  botId: support,
  type: "welcome_handler",
  script: 'return {"text": "Hello " + user.get("first_name") + ", how can I help?"};\n',
});

export const alertsUniqueName = alerts.uniqueName;
export const supportBotId = support.id;
