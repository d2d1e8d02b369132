import type { Bot, BotCreateRequest, CliqApi } from "../../client/api";
import { toBareBotId } from "../../../cliq-api/operations";
import { assertSameHost } from "../../client/api-host";
import { createLookingUp } from "../../client/create-retry";
import { errorCode, goneFromCliq, isGone, messageOf, PartialCreateError } from "../shared/errors";
import type { CliqResourceProvider, ProviderDeps } from "../shared/provider-deps";
import { toOuts } from "../shared/records";
import { assertKnown } from "../shared/unknown";
import { pureProviderMethods } from "../shared/wiring";
import { diffBot } from "./diff";
import { checkBotInputs, type BotInputs } from "./inputs";
import {
  outputsAfterRead,
  outputsAfterWrite,
  toCreateRequest,
  toUpdateRequest,
  type BotOutputs,
} from "./mapping";

const BOT_NOT_FOUND = ["bot_not_found"];

/** Finds a bot by display name (Cliq keeps names unique, compared here without regard to case). */
export async function findBotByName(api: CliqApi, name: string): Promise<Bot | undefined> {
  const wanted = name.toLowerCase();
  const bots = await api.listAllBots();
  return bots.find((bot) => bot.name.toLowerCase() === wanted);
}

/**
 * Whether a bot found after a lost answer is the one this request made (rather than an older bot of the same
 * name): the fields the request set must be what Cliq holds.
 */
export function isBotFromRequest(bot: Bot, request: BotCreateRequest): boolean {
  return (
    (bot.execution_type ?? "deluge") === (request.execution_type ?? "deluge") &&
    (bot.description ?? "") === request.description &&
    (bot.execution_url ?? "") === (request.execution_url ?? "")
  );
}

/**
 * What a lookup after a lost create answer found under the bot's name: this request's bot, an older bot taken
 * over with `adoptExisting`, or nothing (undefined: the create may be sent again). An older bot without
 * `adoptExisting` is a conflict.
 */
async function lookUpLostBot(
  api: CliqApi,
  inputs: BotInputs,
  request: BotCreateRequest,
  failure: unknown,
): Promise<{ bot: Bot; adopted: boolean } | undefined> {
  const existing = await findBotByName(api, request.name);
  if (!existing) return undefined;
  const bot = await api.getBot(existing.id);
  if (isBotFromRequest(bot, request)) return { bot, adopted: false };
  // Same name, different bot: it existed before this request (which never reached Cliq).
  if (inputs.adoptExisting === true) return { bot, adopted: true };
  throw new Error(
    `Creating bot "${request.name}" failed without an answer (${messageOf(failure)}), and the bot found under ` +
      `that name (id ${bot.id}) is not the one requested: it already existed. Rename the bot, or set ` +
      `adoptExisting: true to take it over.`,
  );
}

/**
 * Creates the bot. After an ambiguous failure (the answer was lost) the bot is looked up by name before
 * anything else, so a retry never makes a duplicate; when the lookup proves nothing was made, the create is
 * sent again after backoff (`createLookingUp`). With `adoptExisting`, a bot that already has the name is taken
 * over and brought to the desired state.
 */
async function createBot(api: CliqApi, inputs: BotInputs): Promise<{ bot: Bot; adopted: boolean }> {
  const request = toCreateRequest(inputs);
  try {
    return await createLookingUp(
      {
        send: async () => ({ bot: await api.createBot(request), adopted: false }),
        lookUp: (failure) => lookUpLostBot(api, inputs, request, failure),
      },
      api.retryPolicy,
    );
  } catch (error) {
    if (errorCode(error) === "bot_name_already_exists" && inputs.adoptExisting === true) {
      const existing = await findBotByName(api, request.name);
      if (existing) return { bot: await api.getBot(existing.id), adopted: true };
    }
    throw error;
  }
}

export function createBotProvider(deps: ProviderDeps): CliqResourceProvider {
  return {
    ...pureProviderMethods<BotInputs, BotOutputs>(deps, checkBotInputs, diffBot),

    async create(raw) {
      const inputs = raw as unknown as BotInputs;
      assertKnown(inputs, "Bot", "create");
      const api = deps.api();
      const { bot, adopted } = await createBot(api, inputs);
      const apiHost = api.apiHost;
      if (!adopted)
        return { id: String(bot.id), outs: toOuts({ ...outputsAfterWrite(inputs, bot), apiHost }) };

      if (bot.execution_type !== undefined && bot.execution_type !== inputs.executionType) {
        throw new Error(
          `Bot "${bot.name}" already exists as a ${bot.execution_type} bot (id ${bot.id}) and cannot be adopted as a ` +
            `${inputs.executionType} bot: the execution type of a bot cannot change. Rename the bot or delete the existing one.`,
        );
      }
      const prior = outputsAfterRead({}, bot);
      const { changed } = diffBot(prior, inputs);
      const body = toUpdateRequest(changed, inputs);
      if (Object.keys(body).length === 0)
        return { id: String(bot.id), outs: toOuts({ ...outputsAfterWrite(inputs, bot), apiHost }) };
      try {
        const updated = await api.updateBot(bot.id, body);
        return {
          id: String(bot.id),
          outs: toOuts({ ...outputsAfterWrite(inputs, { ...bot, ...updated }), apiHost }),
        };
      } catch (error) {
        throw new PartialCreateError(
          `Adopted existing bot "${bot.name}" (id ${bot.id}) but could not bring it to the desired state: ${messageOf(error)}`,
          String(bot.id),
          toOuts({ ...outputsAfterRead({}, bot), apiHost }),
          raw,
          error,
        );
      }
    },

    async read(id, props) {
      const api = deps.api();
      // Only Cliq of the data center that made the bot can say it is gone; elsewhere it is refused, not dropped.
      assertSameHost(props?.apiHost, api, `Bot ${id}`, "read");
      try {
        const bot = await api.getBot(toBareBotId(id));
        // The id stays as the engine knows it (a lookup may use the b- form); `botId` carries the bare id.
        const prior = (props ?? {}) as Partial<BotOutputs>;
        return { id, props: toOuts({ ...outputsAfterRead(prior, bot), apiHost: api.apiHost }) };
      } catch (error) {
        if (isGone(error, BOT_NOT_FOUND)) return goneFromCliq(`Bot ${id}`, api.apiHost, props);
        throw error;
      }
    },

    async update(id, olds, news) {
      const inputs = news as unknown as BotInputs;
      assertKnown(inputs, "Bot", "update");
      const api = deps.api();
      assertSameHost(olds.apiHost, api, `Bot ${id}`, "update");
      const { changed } = diffBot(olds as Partial<BotOutputs>, inputs);
      const body = toUpdateRequest(changed, inputs);
      const kept = { ...keptAcrossUpdate(olds as Partial<BotOutputs>), apiHost: api.apiHost };
      if (Object.keys(body).length === 0) return { outs: toOuts({ ...kept, ...inputs }) };
      const bot = await api.updateBot(toBareBotId(id), body);
      return { outs: toOuts({ ...kept, ...outputsAfterWrite(inputs, bot) }) };
    },

    async delete(id, props) {
      const api = deps.api();
      assertSameHost(props?.apiHost, api, `Bot ${id}`, "delete");
      try {
        await api.deleteBot(toBareBotId(id));
      } catch (error) {
        if (isGone(error, BOT_NOT_FOUND)) return;
        throw error;
      }
    },
  };
}

/**
 * What survives an update from the previous outputs: the computed fields and the arguments Cliq decides when
 * left out (scope, calls). Removed optional arguments do not survive: they were cleared.
 */
function keptAcrossUpdate(olds: Partial<BotOutputs>): Partial<BotOutputs> {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_ACROSS_UPDATE) if (olds[key] !== undefined) kept[key] = olds[key];
  return kept as Partial<BotOutputs>;
}

const KEPT_ACROSS_UPDATE: readonly (keyof BotOutputs)[] = [
  "scope",
  "calls",
  "executionType",
  "botId",
  "uniqueName",
  "status",
  "creator",
  "subscriberCount",
  "botType",
  "handlerTypes",
];
