/**
 * The quiet-preview suite's program: one bot and two channel memberships, one given the `Bot` itself, one (for
 * contrast) a value derived from its unique name, which may be anything. A second bot has its dependents given
 * the bot's outputs: handlers `bot.id` and `bot.botId`, a membership `bot.uniqueName`.
 * Stack config `description`, `executionType` and `formsDescription` change the bots as a user would (in place,
 * or by replacement).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const executionType = config.require("executionType") as "deluge" | "webhook";

const bot = new cliq.Bot("quiet", {
  name: "Quiet Bot",
  description: config.require("description"),
  executionType,
  executionUrl: executionType === "webhook" ? "https://ci.example.com/cliq" : undefined,
});
new cliq.ChannelAssociation("quiet-in-ops", { botUniqueName: bot, channelUniqueName: "quiet-ops" });
// The plain form, for contrast: a unique name derived from the bot's (it could be any name), so a preview
// cannot tell an update from a replacement. Stack config `contrastForm: bot` switches it to the `Bot` form, as a
// user upgrading would.
const contrastForm = config.get("contrastForm") ?? "plain";
new cliq.ChannelAssociation(
  "quiet-plain-in-dev",
  {
    botUniqueName: contrastForm === "bot" ? bot : bot.uniqueName.apply((name) => name),
    channelUniqueName: "quiet-dev",
  },
  { deletedWith: bot },
);

const SCRIPT = 'response = Map();\nresponse.put("text", "hi");\nreturn response;\n';
const forms = new cliq.Bot("quiet-forms", {
  name: "Quiet Forms Bot",
  description: config.get("formsDescription") ?? "one",
});
new cliq.BotHandler("quiet-forms-by-id", { botId: forms.id, type: "welcome_handler", script: SCRIPT });
new cliq.BotHandler("quiet-forms-by-bot-id", { botId: forms.botId, type: "message_handler", script: SCRIPT });
new cliq.ChannelAssociation("quiet-forms-by-name", {
  botUniqueName: forms.uniqueName,
  channelUniqueName: "quiet-forms",
});
