import { isBotId, toBareBotId, ZOHO_ID_MAX_DIGITS } from "../../../cliq-api/operations";
import type { Bot, BotCreateRequest, BotUpdateRequest } from "../../client/api";
import { argumentsFromWire, createBody, patchBody } from "../shared/properties";
import type { OutputsOf } from "../shared/property-types";
import { dropUndefined } from "../shared/records";
import type { BotInputs } from "./inputs";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "./properties";

/** Bot outputs: every argument plus what Cliq assigns (the output table). The resource id is the bare bot id. */
export type BotOutputs = BotInputs & OutputsOf<typeof BOT_OUTPUTS>;

/**
 * The bare bot id of a Bot resource id (`53719000001878011` or `b-53719000001878011`, as `Bot.get` may be
 * given). Anything else is refused before a request: an id such as `../x` would reach another endpoint.
 */
export function parseBotResourceId(id: unknown): string {
  if (typeof id !== "string" || !isBotId(id)) {
    const shown = typeof id === "string" ? JSON.stringify(id.slice(0, 60)) : typeof id;
    throw new Error(
      `${shown} is not a Bot id: expected the bot's id as Cliq shows it, at most ${ZOHO_ID_MAX_DIGITS} digits ` +
        `optionally prefixed "b-" (e.g. "53719000001878011"); nothing was sent to Cliq`,
    );
  }
  return toBareBotId(id);
}

/** The POST body for checked, fully known inputs, in the API's names. */
export function toCreateRequest(inputs: BotInputs): BotCreateRequest {
  return createBody(BOT_PROPERTIES, inputs) as unknown as BotCreateRequest;
}

/** The arguments as the API reports them; keys the response does not carry are left out (not cleared). */
export function argumentsFromApi(bot: Bot): Partial<BotInputs> {
  return argumentsFromWire(BOT_PROPERTIES, bot) as Partial<BotInputs>;
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

/**
 * The PATCH body for the changed properties only. A removed optional argument is cleared by sending its empty
 * value (the API has no null). `executionType` never appears: it cannot be updated (the bot is replaced).
 */
export function toUpdateRequest(changed: readonly string[], news: BotInputs): BotUpdateRequest {
  return patchBody(BOT_PROPERTIES, changed, news) as BotUpdateRequest;
}
