// Reading existing bots at program time: plain data, no resource, no state; works during `pulumi preview`.
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();

// Exactly one of id, name (compared without regard to case) or uniqueName; fails when no bot matches.
const found = cliq.getBot({ name: config.get("botName") ?? "Release Alerts" });
const everything = cliq.listBots();

export const uniqueName = found.then((bot) => bot.uniqueName);
export const botId = found.then((bot) => bot.botId);
export const botNames = everything.then((bots) => bots.map((bot) => bot.name).sort());
