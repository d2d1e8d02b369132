/**
 * The progress suite's program: `bots` Deluge bots with six handlers each, so that a stack of two holds more
 * handlers than Cliq lets anyone create or read in one minute (10).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const count = config.getNumber("bots") ?? 2;
const SCRIPT = 'response = Map();\nresponse.put("text", "ok");\nreturn response;\n';
const TYPES = [
  "message_handler",
  "welcome_handler",
  "mention_handler",
  "context_handler",
  "participation_handler",
] as const;

for (let i = 1; i <= count; i++) {
  const bot = new cliq.Bot(`busy-${i}`, {
    name: `Busy Bot ${i}`,
    description: `Bot ${i} with many handlers`,
  });
  for (const type of TYPES) new cliq.BotHandler(`busy-${i}-${type}`, { botId: bot, type, script: SCRIPT });
  new cliq.BotHandler(`busy-${i}-help`, { botId: bot, type: "menu_handler", name: "Help", script: SCRIPT });
}
