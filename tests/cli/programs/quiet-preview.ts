/**
 * The quiet-preview suite's program: one bot and two channel memberships, one given the `Bot` itself, one (for
 * contrast) its unique name.
 * Stack config `description` and `executionType` change the bot as a user would (in place, or by replacement).
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
// The plain form, for contrast: only the unique name, so a preview cannot tell an update from a replacement.
// Stack config `contrastForm: bot` switches it to the `Bot` form, as a user upgrading would.
const contrastForm = config.get("contrastForm") ?? "plain";
new cliq.ChannelAssociation(
  "quiet-plain-in-dev",
  { botUniqueName: contrastForm === "bot" ? bot : bot.uniqueName, channelUniqueName: "quiet-dev" },
  { deletedWith: bot },
);
