// A Zoho Cliq bot with a welcome script and a channel membership, as dynamic resources of pulumi-zoho-cliq.
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();

// A Deluge bot (the default execution type): its handlers are scripts Cliq runs.
const bot = new cliq.Bot("bot", { name: config.require("botName"), description: "Made with Pulumi" });
// Given the Bot itself, the handler and the membership default `deletedWith` to it: deleting a bot deletes its
// handlers and ends its memberships, so destroy sends one request.
new cliq.BotHandler("welcome", {
  botId: bot,
  type: "welcome_handler",
  script: 'return {"text": "Hello " + user.get("first_name") + "!"};\n',
});
new cliq.ChannelAssociation("membership", {
  botUniqueName: bot,
  channelUniqueName: config.require("channel"),
});

export const botId = bot.id;
export const botUniqueName = bot.uniqueName;
