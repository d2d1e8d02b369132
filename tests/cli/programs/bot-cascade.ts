/**
 * The bot-cascade suite's program: a Deluge bot with three handlers and two channel memberships. Stack config
 * `form` says how they name their bot: `bot` (the `Bot` itself, so they are deleted with it) or `plain` (its id
 * and unique name, as before, with no `deletedWith`).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const form = config.require("form");

const bot = new cliq.Bot("cascade", { name: `Cascade ${form}`, description: "handlers and memberships" });
const botId = form === "bot" ? bot : bot.id;
const botUniqueName = form === "bot" ? bot : bot.uniqueName;
const script = 'return {"text": "hi"};';

new cliq.BotHandler("cascade-messages", { botId, type: "message_handler", script });
new cliq.BotHandler("cascade-welcome", { botId, type: "welcome_handler", script });
new cliq.BotHandler("cascade-menu", { botId, type: "menu_handler", name: "Help", script });
for (const channel of ["cascade-ops", "cascade-dev"]) {
  new cliq.ChannelAssociation(`cascade-in-${channel}`, { botUniqueName, channelUniqueName: channel });
}
