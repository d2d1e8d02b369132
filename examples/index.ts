/**
 * One program, several environments: `pulumi up -s dev` and `pulumi up -s prod` build the same two bots with
 * per-stack names, endpoints and channels (see Pulumi.dev.yaml / Pulumi.prod.yaml at the repository root).
 *
 *   - "CI Alerts": a webhook bot that the CI system posts to, with a message handler, an incoming-webhook
 *     handler, a welcome handler and a "Deploy" menu action with sub actions;
 *   - "Support Desk": a Deluge bot whose handler scripts live in ./scripts/*.dg;
 *   - both bots join their channels.
 *
 * Handlers and memberships are given the `Bot` itself (`botId: ciAlerts`), not its id: they then default Pulumi's
 * `deletedWith` to it, so destroying the stack sends one DELETE per bot (Cliq deletes a bot's handlers and ends
 * its memberships with it). The plain forms (`ciAlerts.id`, `ciAlerts.uniqueName`) work too, without that default.
 *
 * Credentials never appear here: the provider reads cliq:* stack config (set with `pulumi config set --secret`)
 * or CLIQ_* environment variables when it runs.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
/** Distinguishes the environments' bots: bot names are unique in a Cliq organization and at most 20 characters. */
const namePrefix = config.require("namePrefix");
const alertsChannel = config.require("alertsChannel");
const supportChannel = config.require("supportChannel");
const ciWebhookUrl = config.require("ciWebhookUrl");
/** Optional: restrict the support bot to teams (Zoho team ids are digit strings and may exceed 2^53). */
const supportTeamIds = config.getObject<string[]>("supportTeamIds");

/** "<prefix> <base>": `pulumi preview` fails at Check, naming `name`, if this exceeds 20 characters. */
function environmentName(prefix: string, base: string): string {
  return prefix ? `${prefix} ${base}` : base;
}

function script(file: string): string {
  return fs.readFileSync(path.join(__dirname, "scripts", file), "utf8");
}

// --- CI alerts: a webhook bot --------------------------------------------------------------------------------
const ciAlerts = new cliq.Bot("ci-alerts", {
  name: environmentName(namePrefix, "CI Alerts"),
  description: `Build and deployment alerts for ${pulumi.getStack()}`,
  executionType: "webhook",
  executionUrl: ciWebhookUrl,
  channelParticipation: ["listen_message", "send_message"],
  statusMessages: ["Watching your pipelines"],
  calls: "disabled",
});

const ciMessages = new cliq.BotHandler("ci-alerts-messages", {
  botId: ciAlerts,
  type: "message_handler",
  permissions: ["chat", "message", "user"],
});

const ciWebhook = new cliq.BotHandler("ci-alerts-webhook", {
  botId: ciAlerts,
  type: "incoming_webhook_handler",
  permissions: ["user"],
});

new cliq.BotHandler("ci-alerts-welcome", {
  botId: ciAlerts,
  type: "welcome_handler",
  permissions: ["user"],
});

const deployMenu = new cliq.BotHandler("ci-alerts-deploy-menu", {
  botId: ciAlerts,
  type: "menu_handler",
  name: "Deploy",
  icon: "rocket/1E88E5",
  permissions: ["chat", "user"],
  subActions: [{ name: "Staging" }, { name: "Production", icon: "alert/E53935" }, { name: "Rollback" }],
});

const ciInChannel = new cliq.ChannelAssociation("ci-alerts-in-channel", {
  botUniqueName: ciAlerts,
  channelUniqueName: alertsChannel,
});

// --- Support desk: a Deluge bot whose scripts are kept as files ------------------------------------------------
const supportDesk = new cliq.Bot("support-desk", {
  name: environmentName(namePrefix, "Support Desk"),
  description: "Answers support questions and opens tickets",
  executionType: "deluge",
  ...(supportTeamIds
    ? { scope: "team" as const, teamIds: supportTeamIds }
    : { scope: "organization" as const }),
  channelParticipation: ["listen_message", "send_message", "auto_follow_thread"],
  statusMessages: ["Ask me anything", "Type help"],
  calls: "enabled",
});

new cliq.BotHandler("support-welcome", {
  botId: supportDesk,
  type: "welcome_handler",
  script: script("welcome.dg"),
});
new cliq.BotHandler("support-messages", {
  botId: supportDesk,
  type: "message_handler",
  script: script("message.dg"),
});
new cliq.BotHandler("support-mentions", {
  botId: supportDesk,
  type: "mention_handler",
  script: script("mention.dg"),
});
const ticketMenu = new cliq.BotHandler("support-open-ticket", {
  botId: supportDesk,
  type: "menu_handler",
  name: "Open Ticket",
  icon: "ticket/43A047",
  script: script("open-ticket.dg"),
  subActions: [{ name: "Low" }, { name: "Normal" }, { name: "Urgent", icon: "alert/E53935" }],
});

const supportInChannel = new cliq.ChannelAssociation("support-desk-in-channel", {
  botUniqueName: supportDesk,
  channelUniqueName: supportChannel,
});

// --- What other stacks and people need ---------------------------------------------------------------------------
export const ciAlertsBotId = ciAlerts.id;
export const ciAlertsUniqueName = ciAlerts.uniqueName;
/** CI posts here; the webhook handler's existence is what makes the bot's incoming webhook URL valid. */
export const ciAlertsWebhookHandlerId = ciWebhook.id;
export const ciAlertsMessageHandlerId = ciMessages.id;
export const deployMenuHandlerId = deployMenu.handlerId;
export const supportDeskBotId = supportDesk.id;
export const supportDeskUniqueName = supportDesk.uniqueName;
export const ticketMenuHandlerId = ticketMenu.handlerId;
export const channelMemberships = [ciInChannel.id, supportInChannel.id];
