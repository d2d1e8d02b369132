/**
 * The lookup suite's program; stack config `mode` picks what it does:
 *   get: Bot.get of the id in `botId` (read, never managed);
 *   adopt: a bot named `name` taken over on create (explicit opt-in; dynamic providers cannot be imported);
 *   invalid: a bot whose name breaks the 20-character limit, and a handler with an empty permission list.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
const mode = config.require("mode");

if (mode === "get") {
  const found = cliq.Bot.get("looked-up", config.require("botId"));
  module.exports = { foundName: found.name, foundUniqueName: found.uniqueName };
} else if (mode === "adopt") {
  const adopted = new cliq.Bot("adopted", {
    name: config.require("name"),
    description: "Now managed by Pulumi",
    adoptExisting: true,
  });
  module.exports = { adoptedId: adopted.id };
} else {
  new cliq.Bot("too-long", { name: "A name far longer than twenty", description: "x" });
}
