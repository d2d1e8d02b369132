/**
 * Objects made outside Pulumi, as a person clicking in Cliq makes them: a bot, a menu handler and a channel
 * membership, created through the emulator's own API (never through Pulumi), and what `pulumi import` needs to
 * adopt them.
 */
import { strict as assert } from "assert";
import { cliqApi } from "../../../engine/fixture";
import type { Organisation } from "./fixture";

export interface LegacyObjects {
  name: string;
  botId: string;
  uniqueName: string;
  handlerId: string;
}

const HELP_SCRIPT = 'return {"text": "See the runbook"};\n';

/** Creates the bot (Deluge), its "Help" menu handler and its membership of `ops`; returns their ids. */
export async function makeLegacyObjects(org: Organisation, name: string): Promise<LegacyObjects> {
  const { emulator, control } = org;
  assert.equal(await cliqApi(emulator, "POST", "/bots", { name, description: "Made by hand in Cliq" }), 200);
  const bot = (await control.state()).bots.find((b) => b.name === name);
  assert.ok(bot, `the emulator holds no bot named ${name}`);
  const handler = { type: "menu_handler", name: "Help", icon: "wand/FF5733", script: HELP_SCRIPT };
  assert.equal(await cliqApi(emulator, "POST", `/bots/${bot.id}/handlers`, handler), 200);
  const body = { channel_unique_name: "ops" };
  assert.equal(await cliqApi(emulator, "POST", `/bots/${bot.unique_name}/associate`, body), 200);
  const menu = (await control.state()).bots
    .find((b) => b.id === bot.id)
    ?.handlers.find((h) => h.type === "menu_handler");
  assert.ok(menu, "the menu handler was not created");
  return { name, botId: String(bot.id), uniqueName: bot.unique_name, handlerId: String(menu.id) };
}

/** The resource ids `pulumi import` takes for them, in the forms the plugin documents. */
export function importIds(objects: LegacyObjects) {
  return {
    bot: objects.botId,
    handler: `${objects.botId}/menu_handler/${objects.handlerId}`,
    association: `${objects.uniqueName}/ops`,
  };
}

/** A `pulumi import --file` document for the handler and the membership (and the bot, when asked). */
export function importFile(objects: LegacyObjects, withBot: boolean): string {
  const ids = importIds(objects);
  const resources = [
    ...(withBot ? [{ type: "cliq:index:Bot", name: "legacy", id: ids.bot }] : []),
    { type: "cliq:index:BotHandler", name: "legacy-help", id: ids.handler },
    { type: "cliq:index:ChannelAssociation", name: "legacy-in-ops", id: ids.association },
  ];
  return JSON.stringify({ resources }, null, 2);
}
