import { errors } from "../errors";
import type { BotRecord, Store } from "../store";

/** Bot id path parameters accept `b-<digits>` and bare digits. */
export function findBotById(store: Store, ref: string): BotRecord {
  const bare = ref.startsWith("b-") ? ref.slice(2) : ref;
  const bot = /^\d+$/.test(bare) ? store.getBot(bare) : undefined;
  if (!bot) {
    throw errors.botNotFound(ref);
  }
  return bot;
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
  const bare = ref.startsWith("b-") ? ref.slice(2) : ref;
  const byId = /^\d+$/.test(bare) ? store.getBot(bare) : undefined;
  return byId ?? findBotByUniqueName(store, ref);
}
