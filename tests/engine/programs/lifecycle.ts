/**
 * The engine suite's program: one bot with a message handler, a menu handler and a channel membership, shaped by
 * stack config so that a test can change the program between runs as a user would edit it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const executionType = config.require("executionType") as "webhook" | "deluge";
const webhook = executionType === "webhook";
const DELUGE_REPLY = 'response = Map();\nresponse.put("text", "pong");\nreturn response;\n';

const bot = new cliq.Bot("engine-bot", {
  name: config.require("botName"),
  description: config.require("description"),
  executionType,
  ...(webhook ? { executionUrl: "https://ci.example.com/hooks/cliq" } : {}),
  channelParticipation: ["listen_message", "send_message"],
});

// Webhook bots' handlers take permissions, Deluge bots' handlers take a script.
const messages = new cliq.BotHandler(
  "engine-bot-messages",
  webhook
    ? { botId: bot.id, type: "message_handler", permissions: ["chat", "message"] }
    : { botId: bot.id, type: "message_handler", script: DELUGE_REPLY },
);

const menuName = config.require("menuName");
const subActions = [{ name: "Docs" }, { name: "Runbook" }];
const menu = new cliq.BotHandler(
  "engine-bot-menu",
  webhook
    ? { botId: bot.id, type: "menu_handler", name: menuName, permissions: ["chat"], subActions }
    : { botId: bot.id, type: "menu_handler", name: menuName, script: DELUGE_REPLY, subActions },
);

const membership = new cliq.ChannelAssociation("engine-bot-in-channel", {
  botUniqueName: bot.uniqueName,
  channelUniqueName: config.require("channel"),
});

export const botId = bot.id;
export const uniqueName = bot.uniqueName;
export const messageHandlerId = messages.id;
export const menuHandlerId = menu.handlerId;
export const membershipId = membership.id;
