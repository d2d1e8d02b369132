/**
 * The profiles suite's program: two Cliq organisations in one stack, each reached through a profile of
 * `cliq:profiles`. A bot and a membership in org "a" (the membership takes the bot's profile), a bot and a
 * handler in org "b". Stack config `orgAProfile` overrides the first bot's profile (an unknown name fails the
 * preview).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();

const alertsA = new cliq.Bot("alerts-a", {
  name: "Org A Alerts",
  description: "first organisation",
  profile: config.get("orgAProfile") ?? "a",
});
new cliq.ChannelAssociation("alerts-a-in-ops", { botUniqueName: alertsA, channelUniqueName: "ops" });

const alertsB = new cliq.Bot("alerts-b", {
  name: "Org B Alerts",
  description: "second organisation",
  profile: "b",
});
new cliq.BotHandler("alerts-b-messages", {
  botId: alertsB,
  type: "message_handler",
  script: 'info "hello from org b";',
});

export const botA = alertsA.id;
export const botB = alertsB.id;
export const profileA = alertsA.profile;
