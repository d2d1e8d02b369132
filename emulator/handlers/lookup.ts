import { isBotId, toBareBotId } from "../../cliq-api/operations";
import { errors } from "../errors";
import type { BotRecord, Store } from "../store";

/** Bot id path parameters accept `b-<digits>` and bare digits. */
export function findBotById(store: Store, ref: string): BotRecord {
  const bot = botByIdForm(store, ref);
  if (!bot) {
    throw errors.botNotFound(ref);
  }
  return bot;
}

function botByIdForm(store: Store, ref: string): BotRecord | undefined {
  return isBotId(ref) ? store.getBot(toBareBotId(ref)) : undefined;
}

export function findBotByUniqueName(store: Store, uniqueName: string): BotRecord {
  const bot = store.findBotByUniqueName(uniqueName);
  if (!bot) {
    throw errors.botNotFound(uniqueName);
  }
  return bot;
}

/** The subscribers path takes a bot id (either form) or a unique name. */
export function findBotByIdOrUniqueName(store: Store, ref: string): BotRecord {
  return botByIdForm(store, ref) ?? findBotByUniqueName(store, ref);
}
