/**
 * The recovery suite's program: `count` Deluge bots, each with a message handler and a channel membership.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const REPLY = 'response = Map();\nresponse.put("text", "ok");\nreturn response;\n';

export const botIds: pulumi.Output<string>[] = [];
for (let i = 1; i <= count; i++) {
  const bot = new cliq.Bot(`fleet-${i}`, { name: `Fleet Bot ${i}`, description: `Bot ${i} of the fleet` });
  new cliq.BotHandler(`fleet-${i}-messages`, { botId: bot.id, type: "message_handler", script: REPLY });
  new cliq.ChannelAssociation(`fleet-${i}-in-ops`, {
    botUniqueName: bot.uniqueName,
    channelUniqueName: "fleet-ops",
  });
  botIds.push(bot.id);
}
