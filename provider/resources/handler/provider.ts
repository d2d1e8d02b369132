import type { CliqApi, Handler, HandlerCreateRequest } from "../../client/api";
import { assertSameHost } from "../../client/api-host";
import { createLookingUp } from "../../client/create-retry";
import { errorCode, goneFromCliq, isGone, messageOf, PartialCreateError } from "../shared/errors";
import type { ProviderLogger } from "../shared/logger";
import type { CliqResourceProvider, ProviderDeps } from "../shared/provider-deps";
import { toOuts } from "../shared/records";
import { assertKnown } from "../shared/unknown";
import { pureProviderMethods } from "../shared/wiring";
import { diffHandler } from "./diff";
import { checkHandlerInputs, type HandlerInputs } from "./inputs";
import {
  handlerResourceId,
  outputsAfterRead,
  outputsAfterWrite,
  parseHandlerResourceId,
  toCreateRequest,
  toUpdateRequest,
  type HandlerAddress,
  type HandlerOutputs,
} from "./mapping";

/** Codes meaning the handler is not there any more (the bot itself may be gone too). */
const HANDLER_GONE = ["execution_handler_not_found", "bot_not_found"];

/** The handler at an address, or undefined when it (or its bot) does not exist. */
export async function findHandler(api: CliqApi, address: HandlerAddress): Promise<Handler | undefined> {
  try {
    return await api.getHandler(address.botId, address.type, address.handlerId);
  } catch (error) {
    if (isGone(error, HANDLER_GONE)) return undefined;
    throw error;
  }
}

/** A menu handler of the bot with this label, found in the handler summary that comes with the bot. */
export async function findMenuHandlerByName(
  api: CliqApi,
  botId: string,
  name: string,
): Promise<Handler | undefined> {
  const bot = await api.getBot(botId);
  const summary = bot.handlers?.find((handler) => handler.type === "menu_handler" && handler.name === name);
  if (summary?.id === undefined) return undefined;
  return findHandler(api, { botId, type: "menu_handler", handlerId: summary.id });
}

/**
 * Whether a handler found after a lost answer is the one this request made (rather than an older one): what the
 * request set must be what Cliq holds.
 */
export function isHandlerFromRequest(handler: Handler, request: HandlerCreateRequest): boolean {
  const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    [...(a ?? [])].sort().join("\n") === [...(b ?? [])].sort().join("\n");
  return (
    (request.script === undefined || handler.script === request.script) &&
    (request.permissions === undefined || sameList(handler.permissions, request.permissions)) &&
    (request.icon === undefined || handler.icon === request.icon) &&
    (request.sub_actions === undefined ||
      sameList(
        handler.sub_actions?.map((a) => `${a.name}/${a.icon ?? ""}`),
        request.sub_actions.map((a) => `${a.name}/${a.icon ?? ""}`),
      ))
  );
}

/** Where an existing handler matching these inputs would be, if any (used after a lost answer, or to adopt). */
async function lookUpExisting(api: CliqApi, inputs: HandlerInputs): Promise<Handler | undefined> {
  const botId = inputs.botId as string;
  if (inputs.type === "menu_handler") return findMenuHandlerByName(api, botId, inputs.name as string);
  return findHandler(api, { botId, type: inputs.type as HandlerAddress["type"] });
}

/** The warning given when Cliq refuses to delete a default handler: destroy succeeds, the handler stays. */
export function defaultHandlerWarning(address: HandlerAddress): string {
  return (
    `BotHandler ${address.type} of bot ${address.botId} is a default handler, which Cliq does not allow to delete ` +
    `(default_handler_delete_not_allowed). It was removed from the Pulumi stack, but it stays on the bot with its ` +
    `current script or permissions and keeps answering its trigger. To change what it does, edit it in Cliq ` +
    `(Bots & Tools > the bot > Handlers) or manage it again with a BotHandler (adoptExisting: true); it goes away ` +
    `only with the bot itself.`
  );
}

async function adopt(
  api: CliqApi,
  inputs: HandlerInputs,
  existing: Handler,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const address: HandlerAddress = {
    botId: inputs.botId as string,
    type: inputs.type as HandlerAddress["type"],
    handlerId: inputs.type === "menu_handler" ? existing.id : undefined,
  };
  const id = handlerResourceId(address);
  const apiHost = api.apiHost;
  const current = outputsAfterRead({}, address, existing);
  const body = toUpdateRequest(diffHandler(current, inputs).changed, inputs);
  if (Object.keys(body).length === 0)
    return { id, outs: toOuts({ ...outputsAfterWrite(inputs, existing), apiHost }) };
  try {
    const updated = await api.updateHandler(address.botId, address.type, body, address.handlerId);
    return { id, outs: toOuts({ ...outputsAfterWrite(inputs, { ...existing, ...updated }), apiHost }) };
  } catch (error) {
    throw new PartialCreateError(
      `Adopted existing ${address.type} of bot ${address.botId} but could not bring it to the desired state: ${messageOf(error)}`,
      id,
      toOuts({ ...current, apiHost }),
      inputs as unknown as Record<string, unknown>,
      error,
    );
  }
}

/**
 * What a lookup after a lost create answer found: this request's handler, an older one taken over with
 * `adoptExisting`, or nothing (undefined: the create may be sent again). An older handler without
 * `adoptExisting` is a conflict.
 */
async function lookUpLostHandler(
  api: CliqApi,
  inputs: HandlerInputs,
  request: HandlerCreateRequest,
  failure: unknown,
): Promise<{ id: string; outs: Record<string, unknown> } | undefined> {
  const existing = await lookUpExisting(api, inputs);
  if (!existing) return undefined;
  const botId = inputs.botId as string;
  const type = inputs.type as HandlerAddress["type"];
  if (isHandlerFromRequest(existing, request)) {
    const id = handlerResourceId({ botId, type, handlerId: existing.id });
    return { id, outs: toOuts({ ...outputsAfterWrite(inputs, existing), apiHost: api.apiHost }) };
  }
  // It existed before this request, which never reached Cliq.
  if (inputs.adoptExisting === true) return adopt(api, inputs, existing);
  throw new Error(
    `Creating the ${type} of bot ${botId} failed without an answer (${messageOf(failure)}), and the ` +
      `${type} found there is not the one requested: it already existed. Remove it, or set ` +
      `adoptExisting: true to take it over.`,
  );
}

export function createHandlerProvider(deps: ProviderDeps): CliqResourceProvider {
  const logger: ProviderLogger = deps.logger;
  return {
    ...pureProviderMethods<HandlerInputs, HandlerOutputs>(deps, checkHandlerInputs, diffHandler),

    async create(raw) {
      const inputs = raw as unknown as HandlerInputs;
      assertKnown(inputs, "BotHandler", "create");
      const api = deps.api();
      const botId = inputs.botId as string;
      const type = inputs.type as HandlerAddress["type"];

      if (inputs.adoptExisting === true && type === "menu_handler") {
        const existing = await lookUpExisting(api, inputs);
        if (existing) return adopt(api, inputs, existing);
      }
      const request = toCreateRequest(inputs);
      try {
        return await createLookingUp(
          {
            send: async () => {
              const handler = await api.createHandler(botId, request);
              const id = handlerResourceId({ botId, type, handlerId: handler.id });
              return { id, outs: toOuts({ ...outputsAfterWrite(inputs, handler), apiHost: api.apiHost }) };
            },
            lookUp: (failure) => lookUpLostHandler(api, inputs, request, failure),
          },
          api.retryPolicy,
        );
      } catch (error) {
        if (inputs.adoptExisting === true && type !== "menu_handler" && !isGone(error, ["bot_not_found"])) {
          const existing = await findHandler(api, { botId, type });
          if (existing) return adopt(api, inputs, existing);
        }
        throw error;
      }
    },

    async read(id, props) {
      const address = parseHandlerResourceId(id);
      const api = deps.api();
      // Only Cliq of the data center that made the handler can say it is gone; elsewhere it is refused.
      assertSameHost(props?.apiHost, api, `BotHandler ${id}`, "read");
      const handler = await findHandler(api, address);
      if (handler === undefined) return goneFromCliq(`BotHandler ${id}`, api.apiHost, props);
      const prior = (props ?? {}) as Partial<HandlerOutputs>;
      return { id, props: toOuts({ ...outputsAfterRead(prior, address, handler), apiHost: api.apiHost }) };
    },

    async update(id, olds, news) {
      const inputs = news as unknown as HandlerInputs;
      assertKnown(inputs, "BotHandler", "update");
      const api = deps.api();
      assertSameHost(olds.apiHost, api, `BotHandler ${id}`, "update");
      const address = parseHandlerResourceId(id);
      const prior = olds as Partial<HandlerOutputs>;
      const body = toUpdateRequest(diffHandler(prior, inputs).changed, inputs);
      const kept = { handlerId: prior.handlerId, position: prior.position, apiHost: api.apiHost };
      if (Object.keys(body).length === 0) return { outs: toOuts({ ...kept, ...inputs }) };
      const handler = await api.updateHandler(address.botId, address.type, body, address.handlerId);
      return { outs: toOuts({ ...kept, ...outputsAfterWrite(inputs, handler) }) };
    },

    async delete(id, props) {
      const address = parseHandlerResourceId(id);
      const api = deps.api();
      assertSameHost(props?.apiHost, api, `BotHandler ${id}`, "delete");
      try {
        await api.deleteHandler(address.botId, address.type, address.handlerId);
      } catch (error) {
        if (isGone(error, HANDLER_GONE)) return;
        if (errorCode(error) === "default_handler_delete_not_allowed") {
          logger.warn(defaultHandlerWarning(address));
          return;
        }
        throw error;
      }
    },
  };
}
