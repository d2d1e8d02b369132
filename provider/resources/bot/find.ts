/**
 * Looking up existing bots without managing them: the pure part of the SDK's `getBot` / `listBots` and of the
 * provider plugin's `cliq:index:getBot` / `cliq:index:listBots` invokes. Nothing here creates state; the
 * results are the outputs a `Bot` resource would show after a refresh.
 */
import type { Bot, CliqApi } from "../../client/api";
import { isNotFound } from "../../client/errors";
import { dropUndefined } from "../shared/records";
import { outputsAfterRead, parseBotResourceId, type BotOutputs } from "./mapping";

/** Which bot to find: exactly one of its bare id (or `b-` form), display name or unique name. */
export type BotQuery = { id: string } | { name: string } | { uniqueName: string };

/** A bot as a lookup returns it: the `Bot` resource's outputs, its resource `id` and the API host it lives on. */
export type BotData = BotOutputs & {
  /** The bare bot id, as a `Bot` resource's `id` would be. */
  id: string;
  /** The origin of the Cliq API the bot was read through (e.g. `https://cliq.zoho.eu`). */
  apiHost: string;
};

const QUERY_KEYS = ["id", "name", "uniqueName"] as const;
type QueryKey = (typeof QUERY_KEYS)[number];

function isQueryKey(key: string): key is QueryKey {
  return (QUERY_KEYS as readonly string[]).includes(key);
}

/**
 * Checks a lookup's arguments as a program or an invoke hands them over: an object with exactly one of `id`,
 * `name`, `uniqueName`, a non-empty string. Errors name the property, and never echo long values.
 */
export function checkBotQuery(raw: unknown): BotQuery {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Error("getBot: expected an object with exactly one of id, name or uniqueName");
  }
  const given = Object.entries(raw as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const unknownKeys = given.map(([key]) => key).filter((key) => !isQueryKey(key));
  if (unknownKeys.length > 0) {
    throw new Error(
      `getBot: unknown property ${unknownKeys.map((key) => JSON.stringify(key.slice(0, 40))).join(", ")}; ` +
        "give exactly one of id, name or uniqueName",
    );
  }
  if (given.length !== 1) {
    const names = given.length === 0 ? "none" : given.map(([key]) => key).join(" and ");
    throw new Error(`getBot: give exactly one of id, name or uniqueName (got ${names})`);
  }
  const [key, value] = given[0] as [QueryKey, unknown];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(
      `getBot: ${key} must be a non-empty string (got ${typeof value !== "string" ? typeof value : value === "" ? "an empty string" : "only spaces"})`,
    );
  }
  if (key === "id") {
    // Refuses `../x` and the like before any request.
    try {
      parseBotResourceId(value);
    } catch (error) {
      throw new Error(`getBot: id: ${(error as Error).message}`);
    }
  }
  return { [key]: value } as BotQuery;
}

/** A query as messages show it, e.g. `name "Pipeline Alerts"` (values shortened; they are never secret). */
function describeBotQuery(query: BotQuery): string {
  const [key, value] = Object.entries(query)[0] as [QueryKey, string];
  return `${key} ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
}

/** The lookup's result for one bot as the API returned it: what a `Bot` read would record. */
function botData(api: CliqApi, bot: Bot): BotData {
  const outputs = dropUndefined({ ...outputsAfterRead({}, bot), apiHost: api.apiHost });
  return { ...outputs, id: outputs.botId };
}

/** The bot in a listing that matches a name (compared without regard to case, as Cliq keeps names) or unique name. */
function matchInList(
  bots: readonly Bot[],
  query: { name: string } | { uniqueName: string },
): Bot | undefined {
  if ("name" in query) {
    const wanted = query.name.toLowerCase();
    return bots.find((bot) => bot.name.toLowerCase() === wanted);
  }
  return bots.find((bot) => bot.unique_name === query.uniqueName);
}

function notFound(api: CliqApi, query: BotQuery): Error {
  return new Error(
    `getBot: no bot with ${describeBotQuery(query)} at ${api.apiHost} (as seen by the configured credentials); ` +
      "check the value and cliq:dataCenter / cliq:apiUrl, or list the bots with listBots()",
  );
}

/**
 * Finds one existing bot and reads its details (the same GET a `Bot` refresh makes). By name or unique name
 * the bot list is read first. Fails with an error naming the query when there is no such bot.
 */
export async function findBot(api: CliqApi, query: BotQuery): Promise<BotData> {
  const checked = checkBotQuery(query);
  let id: string;
  if ("id" in checked) {
    id = parseBotResourceId(checked.id);
  } else {
    const found = matchInList(await api.listAllBots(), checked);
    if (found === undefined) throw notFound(api, checked);
    id = String(found.id);
  }
  try {
    return botData(api, await api.getBot(id));
  } catch (error) {
    if (isNotFound(error, "bot")) throw notFound(api, checked);
    throw error;
  }
}

/**
 * Every bot the credentials can see, as the bot list reports them (one paged listing, no per-bot reads: fields
 * the list leaves out, such as handler summaries, may be missing).
 */
export async function listBotData(api: CliqApi): Promise<BotData[]> {
  const bots = await api.listAllBots();
  return bots.map((bot) => botData(api, bot));
}
