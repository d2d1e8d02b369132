/**
 * The resource options suite's program. Stack config `stage` moves it along as a user would edit it:
 *   1: every bot, a parent bot whose handler and membership go with it (deletedWith);
 *   2: the retained bot and the parent are removed, "old-name" is renamed "new-name" with an alias;
 *   3: the protected bot is removed too (the engine must refuse).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const stage = config.requireNumber("stage");
const description = config.require("description");

if (stage < 3) {
  new cliq.Bot("protected", { name: "Protected Bot", description: "protect: true" }, { protect: true });
}
if (stage < 2) {
  new cliq.Bot(
    "retained",
    { name: "Retained Bot", description: "retainOnDelete: true" },
    { retainOnDelete: true },
  );
}
new cliq.Bot("ignoring", { name: "Ignoring Bot", description }, { ignoreChanges: ["description"] });
if (stage < 2) {
  new cliq.Bot("old-name", { name: "Renamed Bot", description: "aliases" });
} else {
  new cliq.Bot(
    "new-name",
    { name: "Renamed Bot", description: "aliases" },
    { aliases: [{ name: "old-name" }] },
  );
}
if (stage < 2) {
  const parent = new cliq.Bot("parent", { name: "Parent Bot", description: "deletedWith" });
  new cliq.BotHandler(
    "parent-messages",
    { botId: parent.id, type: "message_handler", script: 'return {"text": "hi"};' },
    { deletedWith: parent },
  );
  new cliq.ChannelAssociation(
    "parent-in-channel",
    { botUniqueName: parent.uniqueName, channelUniqueName: "options-ops" },
    { deletedWith: parent },
  );
}
new cliq.Bot("target-a", { name: "Target A", description });
new cliq.Bot("target-b", { name: "Target B", description });
