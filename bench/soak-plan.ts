/**
 * What one soak cycle asks for: the resource arguments of cycle n, as a Pulumi program would write them.
 * Even cycles make a webhook bot (handlers take permissions), odd ones a Deluge bot (handlers take scripts),
 * so both handler shapes are exercised.
 */
import { PERMISSIONS_BY_HANDLER } from "../cliq-api/operations";

export type Args = Record<string, unknown>;

export interface CyclePlan {
  bot: Args;
  botUpdate: Args;
  /** Handler arguments once the bot's id is known. */
  messageHandler(botId: string): Args;
  menuHandler(botId: string): Args;
  menuUpdate: Args;
  channel: string;
}

function isWebhook(cycle: number): boolean {
  return cycle % 2 === 0;
}

/** The handler's behaviour argument: permissions on a webhook bot, a script on a Deluge bot. */
function behaviour(cycle: number, type: "message_handler" | "menu_handler"): Args {
  return isWebhook(cycle)
    ? { permissions: [...PERMISSIONS_BY_HANDLER[type]].slice(0, 2) }
    : { script: `return {"text": "soak ${cycle} ${type}"};` };
}

export function cyclePlan(cycle: number): CyclePlan {
  const name = `Soak ${cycle}`;
  const bot: Args = isWebhook(cycle)
    ? {
        name,
        description: `soak cycle ${cycle}`,
        executionType: "webhook",
        executionUrl: `https://hooks.example.com/soak/${cycle}`,
        channelParticipation: ["listen_message", "send_message"],
      }
    : { name, description: `soak cycle ${cycle}`, statusMessages: ["Soaking"] };
  return {
    bot,
    botUpdate: { description: `soak cycle ${cycle}, updated`, statusMessages: ["Soaked", "Still here"] },
    messageHandler: (botId) => ({ botId, type: "message_handler", ...behaviour(cycle, "message_handler") }),
    menuHandler: (botId) => ({
      botId,
      type: "menu_handler",
      name: "Help",
      icon: "wand/FF5733",
      subActions: [{ name: "Docs" }, { name: "Status" }],
      ...behaviour(cycle, "menu_handler"),
    }),
    menuUpdate: { name: "Help v2", subActions: [{ name: "Docs" }, { name: "Runbook" }, { name: "Status" }] },
    channel: `soak-ops-${cycle % 3}`,
  };
}
