import type { Bot, BotCreateRequest, CliqApi } from "../../client/api";
import { toBareBotId } from "../../../cliq-api/operations";
import { assertSameHost } from "../../client/api-host";
import { isAlreadyExists, isNotFound } from "../../client/errors";
import { goneFromCliq, messageOf, PartialCreateError } from "../shared/errors";
import { createOrAdopt } from "../shared/create-or-adopt";
import type { CliqResourceProvider, ProviderDeps } from "../shared/provider-deps";
import { toOuts } from "../shared/records";
import { assertKnown } from "../shared/unknown";
import { carriedForward } from "../shared/properties";
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
import { BOT_OUTPUTS, BOT_PROPERTIES } from "./properties";

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

/** The create's result: the resource id and its outputs. */
interface Created {
  id: string;
  outs: Record<string, unknown>;
}

function created(api: CliqApi, inputs: BotInputs, bot: Bot): Created {
  return { id: String(bot.id), outs: toOuts({ ...outputsAfterWrite(inputs, bot), apiHost: api.apiHost }) };
}

/**
 * Takes over an existing bot of the same name and brings it to the desired state. Its execution type cannot
 * change, so a bot of the other type is refused; a failed update leaves it recorded as a partial create.
 */
async function adoptBot(
  api: CliqApi,
  inputs: BotInputs,
  bot: Bot,
  raw: Record<string, unknown>,
): Promise<Created> {
  if (bot.execution_type !== undefined && bot.execution_type !== inputs.executionType) {
    throw new Error(
      `Bot "${bot.name}" already exists as a ${bot.execution_type} bot (id ${bot.id}) and cannot be adopted as a ` +
        `${inputs.executionType} bot: the execution type of a bot cannot change. Rename the bot or delete the existing one.`,
    );
  }
  const body = toUpdateRequest(diffBot(outputsAfterRead({}, bot), inputs).changed, inputs);
  if (Object.keys(body).length === 0) return created(api, inputs, bot);
  try {
    return created(api, inputs, { ...bot, ...(await api.updateBot(bot.id, body)) });
  } catch (error) {
    throw new PartialCreateError(
      `Adopted existing bot "${bot.name}" (id ${bot.id}) but could not bring it to the desired state: ${messageOf(error)}`,
      String(bot.id),
      toOuts({ ...outputsAfterRead({}, bot), apiHost: api.apiHost }),
      raw,
      error,
    );
  }
}

/**
 * Creates the bot. After a lost answer the bot is looked up by name before anything else, so a retry never
 * makes a duplicate (`createOrAdopt`). With `adoptExisting`, a bot that already has the name is taken over.
 */
async function createBot(api: CliqApi, inputs: BotInputs, raw: Record<string, unknown>): Promise<Created> {
  const request = toCreateRequest(inputs);
  return createOrAdopt<Created, Bot>(
    {
      send: async () => created(api, inputs, await api.createBot(request)),
      find: async () => {
        const existing = await findBotByName(api, request.name);
        return existing && (await api.getBot(existing.id));
      },
      isFromRequest: (bot) => isBotFromRequest(bot, request),
      use: (bot) => created(api, inputs, bot),
      adopt: (bot) => adoptBot(api, inputs, bot, raw),
      adoptExisting: inputs.adoptExisting === true,
      mayAlreadyExist: (error) => isAlreadyExists(error, "bot"),
      conflict: (bot, failure) =>
        new Error(
          `Creating bot "${request.name}" failed without an answer (${messageOf(failure)}), and the bot found ` +
            `under that name (id ${bot.id}) is not the one requested: it already existed. Rename the bot, or ` +
            `set adoptExisting: true to take it over.`,
        ),
    },
    api.retryPolicy,
  );
}

export function createBotProvider(deps: ProviderDeps): CliqResourceProvider {
  return {
    ...pureProviderMethods<BotInputs, BotOutputs>(deps, checkBotInputs, diffBot),

    async create(raw) {
      const inputs = raw as unknown as BotInputs;
      assertKnown(inputs, "Bot", "create");
      return createBot(deps.api(), inputs, raw);
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
        if (isNotFound(error, "bot")) return goneFromCliq(`Bot ${id}`, api.apiHost, props);
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
      const kept = { ...carriedForward(BOT_PROPERTIES, BOT_OUTPUTS, olds), apiHost: api.apiHost };
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
        if (isNotFound(error, "bot")) return;
        throw error;
      }
    },
  };
}
