/**
 * The user-errors suite's lookup program: `getBot` of the bot named by stack config `botName`, run by the
 * program itself (not by a provider), so its failure reaches Pulumi's program runner.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cliq from "pulumi-zoho-cliq";

const config = new pulumi.Config();
module.exports = cliq.getBot({ name: config.require("botName") }).then((bot) => ({ found: bot.uniqueName }));
