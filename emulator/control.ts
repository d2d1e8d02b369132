import { OPERATION_IDS, type OperationId } from "../cliq-api/operations";
import type { EmulatorCore } from "./core";
import { ApiError, errors } from "./errors";
import { parseFault } from "./faults";
import { isPlainObject } from "./json";
import { insertBot } from "./handlers/bots";
import type { HandlerRecord, SubActionRecord } from "./store";
import { validateBotCreate } from "./validation/bots";
import { botData } from "./views";

/**
 * The test control surface under `/_emulator` (no auth, never logged):
 *   POST   /reset                 clear objects, request log, faults, rate counters, locks and minted tokens
 *   GET    /requests              {requests: [{seq, method, path, query, operationId, status, throttled}]}
 *   DELETE /requests              clear the log
 *   POST   /faults                {operationId?, method?, kind, count?, status?, code?, ms?} (see faults.ts)
 *   GET    /faults                {faults: [...]} pending faults
 *   DELETE /faults                clear faults
 *   GET    /state                 {bots: [...], memberships: [{channel_unique_name, bot_unique_name}]}; bots in
 *                                 wire names with full handlers (script, permissions, ...); team_ids as digit
 *                                 strings here so test code can read them with JSON.parse
 *   DELETE /channels/{channel}/members/{botUniqueName}   out-of-band removal from a channel
 *   POST   /locks                 {operationId, seconds?} lock an operation for every token
 *   POST   /bots                  {...BotCreate, creator?: {id, name, email}} seed a bot owned by another
 *                                 user (default creator "Other Admin"), so edit/delete give bot_permission_denied
 */
export interface ControlResponse {
  status: number;
  body: unknown;
}

/** A handler in the `GET /state` dump: every stored field, in wire names. */
export interface DumpedHandler {
  id: string;
  type: string;
  script?: string;
  permissions?: string[];
  name?: string;
  icon?: string;
  position?: number;
  sub_actions?: SubActionRecord[];
}

/** A bot in the `GET /state` dump: its API view plus every stored list (team ids as digit strings). */
export type DumpedBot = Record<string, unknown> & {
  id: string;
  name: string;
  unique_name: string;
  description: string;
  scope: string;
  team_ids: string[];
  status_messages: string[];
  channel_participation: string[];
  calls: "enabled" | "disabled";
  image?: string;
  execution_type: "deluge" | "webhook";
  execution_url?: string;
  handlers: DumpedHandler[];
};

/** The `GET /state` answer. */
export interface StateDump {
  bots: DumpedBot[];
  memberships: { channel_unique_name: string; bot_unique_name: string }[];
}

export const OTHER_USER = { id: "65113999", name: "Other Admin", email: "other.admin@zylker.com" };

function handlerDump(h: HandlerRecord): DumpedHandler {
  return {
    id: h.id,
    type: h.type,
    ...(h.script !== undefined ? { script: h.script } : {}),
    ...(h.permissions ? { permissions: h.permissions } : {}),
    ...(h.name !== undefined ? { name: h.name } : {}),
    ...(h.icon ? { icon: h.icon } : {}),
    ...(h.position !== undefined ? { position: h.position } : {}),
    ...(h.subActions ? { sub_actions: h.subActions } : {}),
  };
}

export function stateDump(core: EmulatorCore): StateDump {
  return {
    bots: core.store.listBots().map(
      (bot) =>
        ({
          ...botData(bot),
          team_ids: bot.teamIds,
          status_messages: bot.statusMessages,
          channel_participation: bot.channelParticipation,
          handlers: bot.handlers.map(handlerDump),
        }) as DumpedBot,
    ),
    memberships: core.store
      .listMemberships()
      .map((m) => ({ channel_unique_name: m.channel, bot_unique_name: m.botUniqueName })),
  };
}

function seedBot(core: EmulatorCore, body: unknown): ControlResponse {
  const fields = validateBotCreate(body);
  const rawCreator = isPlainObject(body) && isPlainObject(body.creator) ? body.creator : {};
  const bot = insertBot(core.store, fields, {
    id: typeof rawCreator.id === "string" ? rawCreator.id : OTHER_USER.id,
    name: typeof rawCreator.name === "string" ? rawCreator.name : OTHER_USER.name,
    email: typeof rawCreator.email === "string" ? rawCreator.email : OTHER_USER.email,
  });
  return { status: 200, body: { data: botData(bot) } };
}

function isOperationId(value: unknown): value is OperationId {
  return typeof value === "string" && (OPERATION_IDS as readonly string[]).includes(value);
}

/** Answers a control request; `subPath` is the path after `/_emulator`. */
export function handleControl(
  core: EmulatorCore,
  method: string,
  subPath: string,
  body: unknown,
): ControlResponse {
  try {
    return route(core, method, subPath, body);
  } catch (error) {
    if (error instanceof ApiError) {
      return { status: error.status, body: error.body() };
    }
    throw error;
  }
}

function route(core: EmulatorCore, method: string, subPath: string, body: unknown): ControlResponse {
  const key = `${method} ${subPath.replace(/\/$/, "")}`;
  switch (key) {
    case "POST /reset":
      core.store.clear();
      core.log.reset();
      core.faults.clear();
      core.limiter.reset();
      core.tokens.clearMinted();
      core.mints.clear();
      return { status: 200, body: { reset: true } };
    case "GET /requests":
      return { status: 200, body: { requests: core.log.list() } };
    case "DELETE /requests":
      core.log.clear();
      return { status: 200, body: {} };
    case "POST /faults": {
      const fault = parseFault(body);
      core.faults.add(fault);
      return { status: 200, body: { fault } };
    }
    case "GET /faults":
      return { status: 200, body: { faults: core.faults.list() } };
    case "DELETE /faults":
      core.faults.clear();
      return { status: 200, body: {} };
    case "GET /state":
      return { status: 200, body: stateDump(core) };
    case "POST /locks": {
      const b = isPlainObject(body) ? body : {};
      if (!isOperationId(b.operationId)) {
        throw errors.invalidInputs("operationId must be one of the spec's operation ids.");
      }
      if (b.seconds !== undefined && (typeof b.seconds !== "number" || b.seconds < 0)) {
        throw errors.invalidInputs("seconds must be a non-negative number.");
      }
      core.limiter.lockAll(b.operationId, core.now(), b.seconds as number | undefined);
      return { status: 200, body: { locked: b.operationId } };
    }
    case "POST /bots":
      return seedBot(core, body);
  }
  const membership = /^\/channels\/([^/]+)\/members\/([^/]+)$/.exec(subPath);
  if (method === "DELETE" && membership) {
    const channel = decodeURIComponent(membership[1]);
    const bot = decodeURIComponent(membership[2]);
    if (!core.store.removeMembership(channel, bot)) {
      throw new ApiError(404, "not_a_member", `${bot} is not a member of ${channel}.`);
    }
    return { status: 200, body: {} };
  }
  throw new ApiError(404, "url_not_found", `No control endpoint ${method} /_emulator${subPath}.`);
}
