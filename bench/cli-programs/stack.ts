/**
 * The CLI benchmark's Pulumi program: the bots of the JSON plan named by the stack's `planFile` config
 * (bench/cli-plan.ts), each with its handlers and channel memberships. Handlers and memberships are given the
 * `Bot` itself, so their `deletedWith` is the bot and a destroy deletes only the bots.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

interface PlannedBot {
  key: string;
  args: cliq.BotArgs;
  handlers: { key: string; args: Omit<cliq.BotHandlerArgs, "botId"> }[];
  channels: string[];
}

const plan = JSON.parse(fs.readFileSync(new pulumi.Config().require("planFile"), "utf8")) as PlannedBot[];

for (const planned of plan) {
  const bot = new cliq.Bot(planned.key, planned.args);
  for (const handler of planned.handlers) {
    new cliq.BotHandler(handler.key, { ...handler.args, botId: bot } as cliq.BotHandlerArgs);
  }
  for (const channel of planned.channels) {
    new cliq.ChannelAssociation(`${planned.key}-in-${channel}`, {
      botUniqueName: bot,
      channelUniqueName: channel,
    });
  }
}
