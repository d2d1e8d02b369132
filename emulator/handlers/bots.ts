import { errors } from "../errors";
import { decodeCursor, encodeCursor, encodeSyncToken, pageAfter, parseLimit } from "../pagination";
import type { BotRecord, Creator, Store } from "../store";
import {
  checkScopeTeams,
  deriveUniqueName,
  type BotFields,
  sameBotName,
  validateBotCreate,
  validateBotPatch,
} from "../validation/bots";
import { botData, botUrl } from "../views";
import { ok, type OperationHandler } from "./context";
import { findBotById } from "./lookup";

/**
 * Stores a new bot made of validated fields, owned by `creator`: its name must be free (case-insensitively),
 * its unique name is derived from the name, and it gets the next id.
 */
export function insertBot(store: Store, fields: BotFields, creator: Creator): BotRecord {
  const bots = store.listBots();
  if (bots.some((b) => sameBotName(b.name, fields.name))) {
    throw errors.botNameAlreadyExists(fields.name);
  }
  const bot: BotRecord = {
    id: store.allocateId(),
    uniqueName: deriveUniqueName(fields.name, (candidate) => bots.some((b) => b.uniqueName === candidate)),
    ...fields,
    handlers: [],
    creator,
    changeSeq: store.nextChangeSeq(),
  };
  store.putBot(bot);
  return bot;
}

export const createBot: OperationHandler = (ctx, req) => {
  const fields = validateBotCreate(req.body);
  if (ctx.options.botLimit !== undefined && ctx.store.listBots().length >= ctx.options.botLimit) {
    throw errors.botCreationLimitExceeded(ctx.options.botLimit);
  }
  const bot = insertBot(ctx.store, fields, ctx.user);
  return ok({ url: "/api/v3/bots", type: "bot", data: botData(bot) });
};

/**
 * `list_all_bots`: bots in id order, `limit` per page, `next_token` while more follow. Every page carries a
 * `sync_token`; listing with it returns only bots created or changed since, plus `deleted` ids.
 */
export const listBots: OperationHandler = (ctx, req) => {
  const nextToken = req.query.get("next_token");
  const syncToken = req.query.get("sync_token");
  let limit = parseLimit(req.query.get("limit"));
  let sinceSeq = 0;
  let afterId = "0";
  if (nextToken !== null) {
    const cursor = decodeCursor(nextToken, "next_token");
    ({ sinceSeq, afterId } = cursor);
    if (req.query.get("limit") === null) limit = cursor.limit;
  } else if (syncToken !== null) {
    sinceSeq = decodeCursor(syncToken, "sync_token").sinceSeq;
  }
  const candidates = ctx.store.listBots().filter((b) => b.changeSeq > sinceSeq);
  const { page, more } = pageAfter(candidates, afterId, limit);
  const body: Record<string, unknown> = { url: "/api/v3/bots", type: "bot" };
  if (more) {
    body.next_token = encodeCursor({ limit, sinceSeq, afterId: page[page.length - 1].id });
  }
  body.sync_token = encodeSyncToken(limit, ctx.store.currentChangeSeq());
  if (syncToken !== null && nextToken === null) {
    body.deleted = ctx.store
      .listTombstones()
      .filter((t) => t.changeSeq > sinceSeq)
      .map((t) => t.id);
  }
  body.data = page.map(botData);
  return ok(body);
};

export const getBot: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  return ok({ url: botUrl(bot.id), type: "bot", data: botData(bot) });
};

function requireOwner(bot: BotRecord, userId: string, action: string): void {
  if (bot.creator.id !== userId) {
    throw errors.botPermissionDenied(action);
  }
}

export const updateBot: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  requireOwner(bot, ctx.user.id, "edit");
  const patch = validateBotPatch(req.body, bot);
  if (
    patch.name !== undefined &&
    ctx.store.listBots().some((other) => other.id !== bot.id && sameBotName(other.name, patch.name as string))
  ) {
    throw errors.botNameAlreadyExists(patch.name);
  }
  const scope = patch.scope ?? bot.scope;
  // Leaving team scope drops the team ids unless the same request sets some (which checkScopeTeams refuses).
  const teamIds = patch.teamIds ?? (scope === "team" ? bot.teamIds : []);
  checkScopeTeams(scope, teamIds);
  const updated: BotRecord = {
    ...bot,
    ...patch,
    scope,
    teamIds,
    image: patch.image === undefined ? bot.image : patch.image || undefined,
    changeSeq: ctx.store.nextChangeSeq(),
  };
  ctx.store.putBot(updated);
  return ok({ url: botUrl(bot.id), type: "bot", data: botData(updated) });
};

/** Deleting a bot removes its handlers (they live in the bot record) and its channel memberships. */
export const deleteBot: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  requireOwner(bot, ctx.user.id, "delete");
  ctx.store.deleteBot(bot.id);
  return ok({});
};
