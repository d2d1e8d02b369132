import { MAX_MENU_HANDLERS_PER_BOT, type HandlerType } from "../../cliq-api/operations";
import { errors } from "../errors";
import type { BotRecord, HandlerRecord } from "../store";
import { isHandlerType, validateHandlerCreate, validateHandlerUpdate } from "../validation/handlers";
import { handlerDetailsData, handlerUrl, handlerWriteData } from "../views";
import { ok, type ApiRequest, type HandlerContext, type OperationHandler } from "./context";
import { findBotById } from "./lookup";

function pathHandlerType(req: ApiRequest): HandlerType {
  const type = req.params.HANDLER_TYPE;
  if (!isHandlerType(type)) {
    throw errors.invalidInputs(`${JSON.stringify(type)} is not a handler type.`);
  }
  return type;
}

/**
 * The handler a GET/PATCH/DELETE targets. `handler_id` is an opaque digit string (the spec types it integer,
 * but its example exceeds 2^53). Without it, the bot's only handler of that type is meant; a bot with several
 * menu handlers needs `handler_id` (invalid_inputs otherwise) rather than the emulator guessing one.
 */
export function targetHandler(bot: BotRecord, type: HandlerType, handlerId: string | null): HandlerRecord {
  if (handlerId !== null && !/^\d+$/.test(handlerId)) {
    throw errors.invalidInputs(`handler_id must be a numeric id (got ${JSON.stringify(handlerId)}).`);
  }
  const ofType = bot.handlers.filter((h) => h.type === type);
  if (handlerId !== null) {
    const match = ofType.find((h) => h.id === handlerId);
    if (!match) {
      throw errors.handlerNotFound(type, handlerId);
    }
    return match;
  }
  if (ofType.length === 0) {
    throw errors.handlerNotFound(type);
  }
  if (ofType.length > 1) {
    throw errors.invalidInputs(`This bot has ${ofType.length} ${type}s; pass handler_id to choose one.`);
  }
  return ofType[0];
}

/** Menu positions are 1..5; a new menu handler takes the lowest free one. */
export function nextMenuPosition(bot: BotRecord): number {
  const used = new Set(bot.handlers.filter((h) => h.type === "menu_handler").map((h) => h.position));
  let position = 1;
  while (used.has(position)) position++;
  return position;
}

function saveBot(ctx: HandlerContext, bot: BotRecord, handlers: HandlerRecord[]): void {
  ctx.store.putBot({ ...bot, handlers, changeSeq: ctx.store.nextChangeSeq() });
}

/**
 * One handler per type per bot, except up to five menu handlers. A second handler of a single-instance type,
 * or a sixth menu handler, is refused with HTTP 400 `execution_handler_create_failed` (the operation's only
 * conflict-like code; the message says to update the existing handler instead).
 */
export const createHandler: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  const fields = validateHandlerCreate(req.body, bot.executionType);
  const existing = bot.handlers.filter((h) => h.type === fields.type);
  if (fields.type === "menu_handler" && existing.length >= MAX_MENU_HANDLERS_PER_BOT) {
    throw errors.handlerCreateFailed(`A bot can have at most ${MAX_MENU_HANDLERS_PER_BOT} menu handlers.`);
  }
  if (fields.type !== "menu_handler" && existing.length > 0) {
    throw errors.handlerCreateFailed(
      `This bot already has a ${fields.type}; update it instead of creating another.`,
    );
  }
  const handler: HandlerRecord = {
    id: ctx.store.allocateId(),
    type: fields.type,
    ...(fields.script !== undefined ? { script: fields.script } : {}),
    ...(fields.permissions !== undefined ? { permissions: fields.permissions } : {}),
  };
  if (fields.type === "menu_handler") {
    handler.name = fields.name;
    if (fields.icon) handler.icon = fields.icon;
    handler.position = nextMenuPosition(bot);
    if (fields.subActions && fields.subActions.length > 0) handler.subActions = fields.subActions;
  }
  saveBot(ctx, bot, [...bot.handlers, handler]);
  return ok({
    url: handlerUrl(bot.id, handler.type),
    type: "execution_handler",
    data: handlerWriteData(handler),
  });
};

export const updateHandler: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  const type = pathHandlerType(req);
  const handler = targetHandler(bot, type, req.query.get("handler_id"));
  const fields = validateHandlerUpdate(req.body, type, bot.executionType);
  const updated: HandlerRecord = { ...handler };
  if (fields.script !== undefined) updated.script = fields.script;
  if (fields.permissions !== undefined) updated.permissions = fields.permissions;
  if (fields.name !== undefined) updated.name = fields.name;
  if (fields.icon !== undefined) {
    if (fields.icon === "") delete updated.icon;
    else updated.icon = fields.icon;
  }
  if (fields.subActions !== undefined) {
    if (fields.subActions.length === 0) delete updated.subActions;
    else updated.subActions = fields.subActions;
  }
  saveBot(
    ctx,
    bot,
    bot.handlers.map((h) => (h.id === handler.id ? updated : h)),
  );
  return ok({ url: handlerUrl(bot.id, type), type: "execution_handler", data: handlerWriteData(updated) });
};

export const getHandler: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  const type = pathHandlerType(req);
  const handler = targetHandler(bot, type, req.query.get("handler_id"));
  return ok({ url: handlerUrl(bot.id, type), type: "execution_handler", data: handlerDetailsData(handler) });
};

export const deleteHandler: OperationHandler = (ctx, req) => {
  const bot = findBotById(ctx.store, req.params.BOT_ID);
  const type = pathHandlerType(req);
  const handler = targetHandler(bot, type, req.query.get("handler_id"));
  if (ctx.options.defaultHandlerTypes.includes(type)) {
    throw errors.defaultHandlerDeleteNotAllowed(type);
  }
  saveBot(
    ctx,
    bot,
    bot.handlers.filter((h) => h.id !== handler.id),
  );
  return ok({});
};
