import { decodeCursor, encodeCursor, encodeSyncToken, parseLimit } from "../pagination";
import { subscriberData } from "../views";
import { ok, type OperationHandler } from "./context";
import { findBotByIdOrUniqueName } from "./lookup";

/** The creator is a bot's one subscriber (users and subscriptions are not modelled). */
export const listSubscribers: OperationHandler = (ctx, req) => {
  const ref = req.params.BOT_ID_OR_UNIQUE_NAME;
  const bot = findBotByIdOrUniqueName(ctx.store, ref);
  const nextToken = req.query.get("next_token");
  const limit = parseLimit(req.query.get("limit"));
  const offset = nextToken === null ? 0 : Number(decodeCursor(nextToken, "next_token").afterId);
  const subscribers = [bot.creator];
  const page = subscribers.slice(offset, offset + limit);
  const body: Record<string, unknown> = { url: `/api/v3/bots/${ref}/subscribers`, type: "bot_subscriber" };
  if (offset + limit < subscribers.length) {
    body.next_token = encodeCursor({ limit, sinceSeq: 0, afterId: String(offset + limit) });
  }
  body.sync_token = encodeSyncToken(limit, ctx.store.currentChangeSeq());
  body.data = page.map(subscriberData);
  return ok(body);
};
