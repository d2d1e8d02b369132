/**
 * The soak's verdict, taken from the emulator's state rather than from what the provider says: a pure
 * comparison of the `GET /_emulator/state` dump with what the caller was told (the ids and outputs the
 * provider returned, and which objects it reported deleted).
 */
import type { DumpedBot, DumpedHandler, StateDump } from "../emulator";

export type KnownKind = "bot" | "handler" | "association";

/** An object as the caller knows it: Pulumi's state after the provider's answers. */
export interface KnownObject {
  kind: KnownKind;
  /** The resource id the provider returned (`<botId>`, `<botId>/<type>[/<handlerId>]`, `<bot>/<channel>`). */
  id: string;
  /** "deleted" once the provider's delete returned (or a read reported it gone). */
  status: "live" | "deleted";
  /** The outputs the provider last returned. */
  outs: Record<string, unknown>;
  /**
   * False after a failed create, update or delete of the object, until a later call on it succeeds: the
   * provider reported nothing, the failure is counted as such, and what Cliq did meanwhile (a PATCH or DELETE
   * applied before its answer was lost) is that failure's consequence, not drift. The next `pulumi up` or
   * `destroy` repeats the call, which is idempotent.
   */
  certain: boolean;
}

export type FindingCategory = "duplicate" | "orphan" | "drift";

export interface Finding {
  category: FindingCategory;
  /** Stable across audits of one cycle, so a finding seen after several steps is counted once. */
  key: string;
  detail: string;
}

/** An object of the dump, flattened to what the audit compares. */
interface CliqObject {
  kind: KnownKind;
  id: string;
  /** What makes two objects "the same request made twice" (a bot's name, a menu's label, ...). */
  identity: string;
  /** The bot it belongs to (handlers and memberships); the bot's own id for bots. */
  botId: string;
  fields: Record<string, unknown>;
}

function handlerId(botId: string, handler: DumpedHandler): string {
  return handler.type === "menu_handler" ? `${botId}/menu_handler/${handler.id}` : `${botId}/${handler.type}`;
}

function handlerObject(bot: DumpedBot, handler: DumpedHandler): CliqObject {
  const label = handler.type === "menu_handler" ? `:${handler.name ?? ""}` : "";
  return {
    kind: "handler",
    id: handlerId(bot.id, handler),
    identity: `handler ${bot.id}/${handler.type}${label}`,
    botId: bot.id,
    fields: {
      script: handler.script,
      permissions: handler.permissions,
      name: handler.name,
      icon: handler.icon,
      subActions: handler.sub_actions?.map((a) => ({ name: a.name, icon: a.icon })),
    },
  };
}

/** Every bot, handler and membership of the dump. */
export function cliqObjects(state: StateDump): CliqObject[] {
  const objects: CliqObject[] = [];
  const botIdByUniqueName = new Map(state.bots.map((bot) => [bot.unique_name, bot.id]));
  for (const bot of state.bots) {
    objects.push({
      kind: "bot",
      id: bot.id,
      identity: `bot ${bot.name.toLowerCase()}`,
      botId: bot.id,
      fields: {
        name: bot.name,
        description: bot.description,
        uniqueName: bot.unique_name,
        executionType: bot.execution_type,
        executionUrl: bot.execution_url,
        statusMessages: bot.status_messages,
        channelParticipation: bot.channel_participation,
        calls: bot.calls,
        scope: bot.scope,
      },
    });
    for (const handler of bot.handlers) objects.push(handlerObject(bot, handler));
  }
  for (const m of state.memberships) {
    const id = `${m.bot_unique_name}/${m.channel_unique_name}`;
    const botId = botIdByUniqueName.get(m.bot_unique_name) ?? `unique:${m.bot_unique_name}`;
    objects.push({ kind: "association", id, identity: `association ${id}`, botId, fields: {} });
  }
  return objects;
}

/** Order-insensitive for lists whose order Cliq does not promise; objects compared by their JSON. */
function normalise(field: string, value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return "";
  if (Array.isArray(value) && (field === "permissions" || field === "channelParticipation")) {
    return JSON.stringify([...(value as string[])].sort());
  }
  if (field === "subActions" && Array.isArray(value)) {
    return JSON.stringify(value.map((a: { name?: string; icon?: string }) => [a.name, a.icon ?? null]));
  }
  return JSON.stringify(value);
}

/** Fields of `outs` (only those the provider reported) that differ from Cliq's. */
export function driftedFields(outs: Record<string, unknown>, fields: Record<string, unknown>): string[] {
  return Object.keys(fields).filter(
    (field) => field in outs && normalise(field, outs[field]) !== normalise(field, fields[field]),
  );
}

/** Extra copies of one object: each identity beyond its first object is one duplicate. */
function findDuplicates(objects: CliqObject[], known: Map<string, KnownObject>): Set<CliqObject> {
  const groups = new Map<string, CliqObject[]>();
  for (const o of objects) groups.set(o.identity, [...(groups.get(o.identity) ?? []), o]);
  const extra = new Set<CliqObject>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // The copy the caller holds is the original; the others are the extras (all but one if it holds none).
    const held = group.find((o) => known.get(o.id)?.status === "live") ?? group[0];
    for (const o of group) if (o !== held) extra.add(o);
  }
  return extra;
}

function existenceDrift(known: KnownObject, present: boolean): Finding | undefined {
  // Deleting an association cannot take the bot out of the channel (no such API): it stays, by design.
  if (known.status === "deleted" && known.kind === "association") return undefined;
  if (known.status === "live" && !present) {
    return {
      category: "drift",
      key: `drift ${known.id} gone`,
      detail: `${known.id}: reported present, absent in Cliq`,
    };
  }
  if (known.status === "deleted" && present) {
    return {
      category: "drift",
      key: `drift ${known.id} kept`,
      detail: `${known.id}: reported deleted, still in Cliq`,
    };
  }
  return undefined;
}

/**
 * Compares the dump with what the caller knows. Duplicates: two objects where one was asked for. Orphans:
 * objects the caller holds no id for (a handler or membership of an orphan bot goes with that bot, so it is
 * not counted again). Drift: an object reported present that is absent, reported deleted that is present,
 * or whose fields differ from the outputs the provider last returned (objects whose last call failed aside).
 */
export function auditState(state: StateDump, knownObjects: readonly KnownObject[]): Finding[] {
  const known = new Map(knownObjects.map((k) => [k.id, k]));
  const objects = cliqObjects(state);
  const byId = new Map(objects.map((o) => [o.id, o]));
  const duplicates = findDuplicates(objects, known);
  const findings: Finding[] = [...duplicates].map((o) => ({
    category: "duplicate" as const,
    key: `duplicate ${o.kind} ${o.id}`,
    detail: `${o.kind} ${o.id}: a second ${o.identity}`,
  }));
  const orphanBots = new Set(objects.filter((o) => o.kind === "bot" && !known.has(o.id)).map((o) => o.id));
  for (const o of objects) {
    if (duplicates.has(o) || known.has(o.id)) continue;
    if (o.kind !== "bot" && orphanBots.has(o.botId)) continue;
    const label = o.kind === "bot" ? ` (${o.identity})` : "";
    findings.push({
      category: "orphan",
      key: `orphan ${o.kind} ${o.id}`,
      detail: `${o.kind} ${o.id}${label}`,
    });
  }
  for (const k of knownObjects) {
    if (!k.certain) continue;
    const present = byId.get(k.id);
    const existence = existenceDrift(k, present !== undefined);
    if (existence) findings.push(existence);
    if (!present || k.status !== "live") continue;
    for (const field of driftedFields(k.outs, present.fields)) {
      findings.push({
        category: "drift",
        key: `drift ${k.id} ${field}`,
        detail: `${k.id}.${field}: reported ${JSON.stringify(k.outs[field])}, Cliq has ${JSON.stringify(present.fields[field])}`,
      });
    }
  }
  return findings;
}
