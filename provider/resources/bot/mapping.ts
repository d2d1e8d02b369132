import { isBotId, toBareBotId } from "../../../cliq-api/operations";
import type { Bot, BotCreateRequest, BotUpdateRequest } from "../../client/api";
import { dropUndefined } from "../shared/records";
import type { Known } from "../shared/unknown";
import { normaliseCalls, type BotInputs } from "./inputs";

/** Bot outputs: every argument plus what Cliq assigns. The resource id is the bare bot id. */
export interface BotOutputs extends BotInputs {
  /** The bare bot id (digits), also the resource id. */
  botId: string;
  /** Permanent identifier Cliq derives from the first name; used in message and channel paths. */
  uniqueName: string;
  status?: string;
  creator?: { name?: string; id?: string };
  subscriberCount?: number;
  /** Cliq's bot category (`custom` for bots made through the API). */
  botType?: string;
  /** Handler types the bot has (summary returned with the bot). */
  handlerTypes?: string[];
}

/**
 * The bare bot id of a Bot resource id (`53719000001878011` or `b-53719000001878011`, as `Bot.get` may be
 * given). Anything else is refused before a request: an id such as `../x` would reach another endpoint.
 */
export function parseBotResourceId(id: unknown): string {
  if (typeof id !== "string" || !isBotId(id)) {
    const shown = typeof id === "string" ? JSON.stringify(id.slice(0, 60)) : typeof id;
    throw new Error(
      `${shown} is not a Bot id: expected the bot's id as Cliq shows it, digits optionally prefixed "b-" ` +
        `(e.g. "53719000001878011"); nothing was sent to Cliq`,
    );
  }
  return toBareBotId(id);
}

/** The POST body for checked, fully known inputs. */
export function toCreateRequest(inputs: BotInputs): BotCreateRequest {
  return dropUndefined({
    name: inputs.name as string,
    description: inputs.description as string,
    scope: inputs.scope as Known<BotInputs["scope"]>,
    team_ids: inputs.teamIds as string[] | undefined,
    execution_type: inputs.executionType as Known<BotInputs["executionType"]>,
    execution_url: inputs.executionUrl as string | undefined,
    status_messages: inputs.statusMessages as string[] | undefined,
    image: inputs.image as string | undefined,
    channel_participation: inputs.channelParticipation as BotCreateRequest["channel_participation"],
    calls: inputs.calls as Known<BotInputs["calls"]>,
  });
}

/** The arguments as the API reports them; keys the response does not carry are left out (not cleared). */
export function argumentsFromApi(bot: Bot): Partial<BotInputs> {
  return dropUndefined({
    name: bot.name,
    description: bot.description,
    scope: bot.scope as BotInputs["scope"],
    teamIds: bot.team_ids?.map(String),
    executionType: bot.execution_type as BotInputs["executionType"],
    executionUrl: bot.execution_url,
    statusMessages: bot.status_messages,
    image: bot.image,
    channelParticipation: bot.channel_participation as BotInputs["channelParticipation"],
    calls: bot.calls === undefined ? undefined : normaliseCalls(bot.calls),
  });
}

/** What Cliq assigns and reports, never set by the user. */
export function computedFromApi(bot: Bot): Omit<BotOutputs, keyof BotInputs> {
  return dropUndefined({
    botId: String(bot.id),
    uniqueName: bot.unique_name,
    status: bot.status,
    creator: bot.creator,
    subscriberCount: bot.subscriber_count,
    botType: bot.type,
    handlerTypes: bot.handlers?.map((handler) => handler.type),
  });
}

/**
 * Outputs after create or update: the user's arguments as given (so an unchanged program shows no diff),
 * arguments the user left to Cliq filled from the response, and the computed fields.
 */
export function outputsAfterWrite(inputs: BotInputs, bot: Bot): BotOutputs {
  return { ...argumentsFromApi(bot), ...dropUndefined(inputs), ...computedFromApi(bot) } as BotOutputs;
}

/**
 * Outputs after a read (refresh): what the API reports wins, so drift shows up; fields the GET response does
 * not carry keep their prior values.
 */
export function outputsAfterRead(prior: Partial<BotOutputs>, bot: Bot): BotOutputs {
  return { ...prior, ...argumentsFromApi(bot), ...computedFromApi(bot) } as BotOutputs;
}

const EMPTY_WHEN_REMOVED: Record<string, "" | []> = {
  teamIds: [],
  executionUrl: "",
  statusMessages: [],
  image: "",
  channelParticipation: [],
};

/**
 * The PATCH body for the changed properties only. A removed optional argument is cleared by sending its empty
 * value (the API has no null). `executionType` never appears: it cannot be updated (the bot is replaced).
 */
export function toUpdateRequest(changed: readonly string[], news: BotInputs): BotUpdateRequest {
  const full = toCreateRequest(news) as BotUpdateRequest & { execution_type?: unknown };
  const body: Record<string, unknown> = {};
  const wire: Record<string, keyof BotCreateRequest> = {
    name: "name",
    description: "description",
    scope: "scope",
    teamIds: "team_ids",
    executionUrl: "execution_url",
    statusMessages: "status_messages",
    image: "image",
    channelParticipation: "channel_participation",
    calls: "calls",
  };
  for (const property of changed) {
    const key = wire[property];
    if (key === undefined) continue;
    const value = (full as Record<string, unknown>)[key];
    if (value !== undefined) body[key] = value;
    else if (property in EMPTY_WHEN_REMOVED) body[key] = EMPTY_WHEN_REMOVED[property];
  }
  return body as BotUpdateRequest;
}
