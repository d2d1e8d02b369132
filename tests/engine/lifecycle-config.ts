/** The lifecycle suite's program configuration and the URNs its resources get. */

export const PROJECT = "cliq-engine-test";
export const BOT = "pulumi-nodejs:dynamic/cliq:Bot";
export const HANDLER = "pulumi-nodejs:dynamic/cliq:BotHandler";
export const ASSOCIATION = "pulumi-nodejs:dynamic/cliq:ChannelAssociation";

export interface ProgramConfig {
  botName: string;
  description: string;
  executionType: "webhook" | "deluge";
  menuName: string;
  channel: string;
}

export const initial: ProgramConfig = {
  botName: "Engine Alerts",
  description: "Created by the engine suite",
  executionType: "webhook",
  menuName: "Runbooks",
  channel: "engine-ops",
};

export const urnOf = (type: string, name: string) => `urn:pulumi:engine::${PROJECT}::${type}::${name}`;
export const botUrn = urnOf(BOT, "engine-bot");
