/**
 * Taking over what already exists: a bot looked up by id (read, never managed) and a bot adopted on create by
 * explicit opt-in (`pulumi import` cannot reach dynamic providers).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();

const legacy = cliq.Bot.get("legacy-bot", config.require("lookupBotId"));

const adopted = new cliq.Bot("adopted-bot", {
  name: config.require("adoptName"),
  description: "Now managed by Pulumi",
  adoptExisting: true,
});

export const legacyName = legacy.name;
export const legacyUniqueName = legacy.uniqueName;
export const adoptedId = adopted.id;
