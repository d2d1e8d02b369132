import type { CliqApi, Handler, HandlerCreateRequest } from "../../client/api";
import { assertSameHost } from "../../client/api-host";
import { isNotFound } from "../../client/errors";
import { errorCode, goneFromCliq, messageOf, PartialCreateError } from "../shared/errors";
import { createOrAdopt } from "../shared/create-or-adopt";
import { carriedForward } from "../shared/properties";
import type { ProviderLogger } from "../shared/logger";
import type { CliqResourceProvider, ProviderDeps } from "../shared/provider-deps";
import { toOuts } from "../shared/records";
import { assertKnown, type KnownDeep } from "../shared/unknown";
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
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "./properties";

/** Handler inputs once create has ruled out placeholders. */
type KnownHandlerInputs = HandlerInputs & KnownDeep<HandlerInputs>;

/** The handler at an address, or undefined when it (or its bot) does not exist. */
export async function findHandler(api: CliqApi, address: HandlerAddress): Promise<Handler | undefined> {
  try {
    return await api.getHandler(address.botId, address.type, address.handlerId);
  } catch (error) {
    if (isNotFound(error, "handler")) return undefined;
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
async function lookUpExisting(api: CliqApi, inputs: KnownHandlerInputs): Promise<Handler | undefined> {
  const { botId, type } = inputs;
  if (type === "menu_handler") return findMenuHandlerByName(api, botId, inputs.name ?? "");
  return findHandler(api, { botId, type });
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
  inputs: KnownHandlerInputs,
  existing: Handler,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const address: HandlerAddress = {
    botId: inputs.botId,
    type: inputs.type,
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

type Created = { id: string; outs: Record<string, unknown> };

/**
 * Creates the handler through the shared create protocol (`createOrAdopt`): after a lost answer the handler
 * slot (or the menu of this name) is looked up first. A menu handler is adopted before creating, since Cliq
 * would add a second menu rather than refuse; any other type after Cliq refuses the create (its slot is taken).
 */
async function createHandler(api: CliqApi, inputs: KnownHandlerInputs): Promise<Created> {
  const { botId, type } = inputs;
  const request = toCreateRequest(inputs);
  const created = (handler: Handler): Created => ({
    id: handlerResourceId({ botId, type, handlerId: handler.id }),
    outs: toOuts({ ...outputsAfterWrite(inputs, handler), apiHost: api.apiHost }),
  });
  return createOrAdopt<Created, Handler>(
    {
      send: async () => created(await api.createHandler(botId, request)),
      find: () => lookUpExisting(api, inputs),
      isFromRequest: (handler) => isHandlerFromRequest(handler, request),
      use: created,
      adopt: (handler) => adopt(api, inputs, handler),
      adoptExisting: inputs.adoptExisting === true,
      adoptBeforeCreate: type === "menu_handler",
      mayAlreadyExist: (error) => type !== "menu_handler" && !isNotFound(error, "bot"),
      conflict: (_handler, failure) =>
        new Error(
          `Creating the ${type} of bot ${botId} failed without an answer (${messageOf(failure)}), and the ` +
            `${type} found there is not the one requested: it already existed. Remove it, or set ` +
            `adoptExisting: true to take it over.`,
        ),
    },
    api.retryPolicy,
  );
}

export function createHandlerProvider(deps: ProviderDeps): CliqResourceProvider {
  const logger: ProviderLogger = deps.logger;
  return {
    ...pureProviderMethods<HandlerInputs, HandlerOutputs>(deps, checkHandlerInputs, diffHandler),

    async create(raw) {
      const inputs = raw as unknown as HandlerInputs;
      assertKnown(inputs, "BotHandler", "create");
      return createHandler(deps.api(), inputs);
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
      const kept = { ...carriedForward(HANDLER_PROPERTIES, HANDLER_OUTPUTS, prior), apiHost: api.apiHost };
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
        if (isNotFound(error, "handler")) return;
        if (errorCode(error) === "default_handler_delete_not_allowed") {
          logger.warn(defaultHandlerWarning(address));
          return;
        }
        throw error;
      }
    },
  };
}
