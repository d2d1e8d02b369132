import {
  CALLS_SPELLINGS,
  CHANNEL_PARTICIPATION,
  EXECUTION_TYPES,
  LIMITS,
  normaliseCalls,
  SCOPES,
  type ExecutionType,
} from "../../cliq-api/operations";
import { errors } from "../errors";
import { integerDigits } from "../json";
import type { BotRecord } from "../store";
import { checkMaxLength, isHttpUrl, optionalBoundedArray, optionalString, requireObjectBody } from "./common";

/** Bot fields as a create request sets them, normalized: the record without what the server assigns. */
export type BotFields = Omit<BotRecord, "id" | "uniqueName" | "handlers" | "creator" | "changeSeq">;

/** The fields a PATCH changes. `undefined` = untouched; `""`/`[]` clears an optional field. */
export type BotPatch = Partial<Omit<BotFields, "executionType">>;

/** Defaults where the spec is silent: scope organization, calls disabled, execution_type deluge (spec). */
export const BOT_DEFAULTS = { scope: "organization", calls: "disabled", executionType: "deluge" } as const;

/**
 * The `calls` field of a request body, validated: absent stays undefined, any of the four spellings the spec
 * uses (create enum enable|disable, examples and edit enum enabled|disabled) becomes enabled|disabled, anything
 * else is the API's invalid-inputs error.
 */
export function parseCallsField(value: unknown): "enabled" | "disabled" | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === "string" && (CALLS_SPELLINGS as readonly string[]).includes(value)) {
    return normaliseCalls(value);
  }
  throw errors.invalidInputs(
    `calls must be one of ${CALLS_SPELLINGS.join(", ")} (got ${JSON.stringify(value)}).`,
  );
}

/** A required text field (name, description): when given, not blank, so it can never be cleared. */
function validateRequiredText(field: string, value: string | undefined, max: number): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value.trim() === "") {
    throw errors.invalidInputs(`${field} must not be empty (it is required and cannot be cleared).`);
  }
  checkMaxLength(field, value, max);
  return value;
}

function validateScope(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string" || !(SCOPES as readonly string[]).includes(value)) {
    throw errors.invalidScope(value);
  }
  return value;
}

function validateTeamIds(body: Record<string, unknown>): string[] | undefined {
  const items = optionalBoundedArray(body, "team_ids", LIMITS.teamIds);
  if (items === undefined) {
    return undefined;
  }
  const ids = items.map((item) => {
    const digits = integerDigits(item);
    // Team ids are Zoho ids: positive integers.
    if (digits === undefined || digits === "0") {
      throw errors.invalidInputs(`team_ids must hold integer team ids (got ${String(item)}).`);
    }
    return digits;
  });
  if (new Set(ids).size !== ids.length) {
    throw errors.invalidInputs("team_ids must not repeat a team id.");
  }
  return ids;
}

function validateStatusMessages(body: Record<string, unknown>): string[] | undefined {
  const items = optionalBoundedArray(body, "status_messages", LIMITS.statusMessages);
  if (items === undefined) {
    return undefined;
  }
  return items.map((item) => {
    if (typeof item !== "string") {
      throw errors.invalidInputs("status_messages must hold strings.");
    }
    checkMaxLength("each status message", item, LIMITS.statusMessageLength);
    return item;
  });
}

function validateChannelParticipation(body: Record<string, unknown>): string[] | undefined {
  const items = optionalBoundedArray(body, "channel_participation", LIMITS.channelParticipation);
  if (items === undefined) {
    return undefined;
  }
  for (const item of items) {
    if (typeof item !== "string" || !(CHANNEL_PARTICIPATION as readonly string[]).includes(item)) {
      throw errors.invalidInputs(
        `channel_participation values must be one of ${CHANNEL_PARTICIPATION.join(", ")} (got ${JSON.stringify(item)}).`,
      );
    }
  }
  if (new Set(items).size !== items.length) {
    throw errors.invalidInputs("channel_participation must not repeat a value.");
  }
  return items as string[];
}

function validateExecutionUrl(value: string | undefined): string | undefined {
  if (value !== undefined && value !== "" && !isHttpUrl(value)) {
    throw errors.invalidInputs(`execution_url must be an http(s) URL (got ${JSON.stringify(value)}).`);
  }
  return value;
}

function validateExecutionType(value: unknown): ExecutionType | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string" || !(EXECUTION_TYPES as readonly string[]).includes(value)) {
    throw errors.invalidInputs(`execution_type must be deluge or webhook (got ${JSON.stringify(value)}).`);
  }
  return value as ExecutionType;
}

/** Team scope needs 1..4 team ids; other scopes take none. */
export function checkScopeTeams(scope: string, teamIds: string[]): void {
  if (scope === "team" && teamIds.length === 0) {
    throw errors.invalidInputs("team_ids (1 to 4 team ids) is mandatory when scope is team.");
  }
  if (scope !== "team" && teamIds.length > 0) {
    throw errors.invalidInputs("team_ids is only allowed when scope is team.");
  }
}

/** Validates a `BotCreate` body (`create_a_new_bot`). Unknown fields (and `unique_name`) are ignored. */
export function validateBotCreate(raw: unknown): BotFields {
  const body = requireObjectBody(raw);
  const name = validateRequiredText("name", optionalString(body, "name"), LIMITS.botName);
  if (name === undefined) {
    throw errors.invalidInputs("name is required.");
  }
  const description = validateRequiredText(
    "description",
    optionalString(body, "description"),
    LIMITS.botDescription,
  );
  if (description === undefined) {
    throw errors.invalidInputs("description is required.");
  }
  const scope = validateScope(body.scope) ?? BOT_DEFAULTS.scope;
  const teamIds = validateTeamIds(body) ?? [];
  checkScopeTeams(scope, teamIds);
  const executionType = validateExecutionType(body.execution_type) ?? BOT_DEFAULTS.executionType;
  const executionUrl = validateExecutionUrl(optionalString(body, "execution_url"));
  if (executionType === "webhook" && !executionUrl) {
    throw errors.executionUrlRequired();
  }
  if (executionType === "deluge" && executionUrl) {
    throw errors.executionUrlNotAllowed();
  }
  const image = optionalString(body, "image");
  return {
    name,
    description,
    scope,
    teamIds,
    statusMessages: validateStatusMessages(body) ?? [],
    channelParticipation: validateChannelParticipation(body) ?? [],
    calls: parseCallsField(body.calls) ?? BOT_DEFAULTS.calls,
    image: image === "" ? undefined : image,
    executionType,
    executionUrl: executionUrl === "" ? undefined : executionUrl,
  };
}

/**
 * Validates a `BotEdit` body (`update_an_existing_bot`) against the bot's execution type. An empty string or
 * empty array clears an optional field (the client relies on it): `image: ""`, `status_messages: []`,
 * `channel_participation: []`, `team_ids: []` (only valid when the scope leaves team). `description` is
 * required so cannot be cleared, and a webhook bot's `execution_url` cannot be cleared
 * (`execution_url_required`). `execution_type` cannot change: a different value is `invalid_inputs`.
 */
export function validateBotPatch(raw: unknown, current: { executionType: ExecutionType }): BotPatch {
  const body = requireObjectBody(raw);
  const executionType = validateExecutionType(body.execution_type);
  if (executionType !== undefined && executionType !== current.executionType) {
    throw errors.invalidInputs(
      "execution_type cannot be changed after creation; delete the bot and create it again with the new type.",
    );
  }
  const patch: BotPatch = {};
  const name = validateRequiredText("name", optionalString(body, "name"), LIMITS.botName);
  if (name !== undefined) patch.name = name;
  const description = validateRequiredText(
    "description",
    optionalString(body, "description"),
    LIMITS.botDescription,
  );
  if (description !== undefined) patch.description = description;
  const scope = validateScope(body.scope);
  if (scope !== undefined) patch.scope = scope;
  const teamIds = validateTeamIds(body);
  if (teamIds !== undefined) patch.teamIds = teamIds;
  const statusMessages = validateStatusMessages(body);
  if (statusMessages !== undefined) patch.statusMessages = statusMessages;
  const channelParticipation = validateChannelParticipation(body);
  if (channelParticipation !== undefined) patch.channelParticipation = channelParticipation;
  const calls = parseCallsField(body.calls);
  if (calls !== undefined) patch.calls = calls;
  const image = optionalString(body, "image");
  if (image !== undefined) patch.image = image;
  const executionUrl = validateExecutionUrl(optionalString(body, "execution_url"));
  if (executionUrl !== undefined) {
    if (current.executionType === "deluge") {
      throw errors.executionUrlNotAllowed();
    }
    if (executionUrl === "") {
      throw errors.executionUrlRequired();
    }
    patch.executionUrl = executionUrl;
  }
  return patch;
}

/** Lowercase alphanumerics of the display name; "bot" when none are left. */
export function baseUniqueName(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return base === "" ? "bot" : base;
}

/** The unique name for a new bot: the base, or the base with the smallest numeric suffix not taken. */
export function deriveUniqueName(name: string, taken: (candidate: string) => boolean): string {
  const base = baseUniqueName(name);
  if (!taken(base)) {
    return base;
  }
  for (let suffix = 1; ; suffix++) {
    const candidate = `${base}${suffix}`;
    if (!taken(candidate)) {
      return candidate;
    }
  }
}

/** Bot display names are unique case-insensitively (and ignoring surrounding spaces). */
export function sameBotName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
