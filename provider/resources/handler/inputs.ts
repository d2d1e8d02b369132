import { z } from "zod";
import {
  HANDLER_TYPES,
  isBotId,
  LIMITS,
  PERMISSIONS,
  PERMISSIONS_BY_HANDLER,
  toBareBotId,
  type HandlerType,
  type Permission,
} from "../../../cliq-api/operations";
import {
  booleanFlag,
  boundedArray,
  describeInput,
  boundedString,
  oneOf,
  optional,
  parseShape,
  propertyPath,
  required,
  unexpectedArguments,
  type CheckFailure,
} from "../shared/failures";
import { dropUndefined } from "../shared/records";
import { isUnknown, type Maybe } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";

export interface SubActionInput {
  name: Maybe<string>;
  icon?: Maybe<string>;
}

/** BotHandler arguments after `check` (bot id normalised to its bare digits). */
export interface HandlerInputs {
  botId: Maybe<string>;
  type: Maybe<HandlerType>;
  script?: Maybe<string>;
  permissions?: Maybe<Maybe<Permission>[]>;
  name?: Maybe<string>;
  icon?: Maybe<string>;
  subActions?: Maybe<Maybe<SubActionInput>[]>;
  adoptExisting?: Maybe<boolean>;
}

export const HANDLER_ARGUMENTS = [
  "botId",
  "type",
  "script",
  "permissions",
  "name",
  "icon",
  "subActions",
  "adoptExisting",
] as const;

/** Arguments that only a menu handler takes. */
export const MENU_ONLY_ARGUMENTS = ["name", "icon", "subActions"] as const;

/**
 * `{icon-name}/{HEX_COLOR}`: the spec's examples are `wand/FF5733`, `emoji-name/FF5733`, `wand/627282` and
 * `wand/#FFFFFF`, so the name is lowercase-ish words joined by `-` or `_` and the colour is six hex digits with
 * an optional `#`.
 */
export const ICON_PATTERN = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\/#?[0-9A-Fa-f]{6}$/;

export const iconSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string" || !ICON_PATTERN.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be "<icon-name>/<HEX colour>" such as "wand/FF5733" (got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  return value;
});

export const botIdSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string" || !isBotId(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be a bot id: digits, optionally prefixed "b-" (got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  return toBareBotId(value);
});

/** The Deluge script limit is 250 KB, counted in UTF-8 bytes (what travels), not characters. */
export const scriptSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string") {
    ctx.addIssue({
      code: "custom",
      message: `must be a string of Deluge code (got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > LIMITS.scriptBytes) {
    ctx.addIssue({
      code: "custom",
      message: `must be at most ${LIMITS.scriptBytes} bytes (250 KB) of UTF-8 (got ${bytes})`,
    });
  }
  if (value.trim() === "") ctx.addIssue({ code: "custom", message: "must not be empty" });
  return value;
});

const subActionShape = {
  name: required(boundedString(LIMITS.subActionName, 1)),
  icon: optional(iconSchema),
};

export const subActionSchema: z.ZodType<SubActionInput> = z.unknown().transform((value, ctx) => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: "must be an object { name, icon? }" });
    return z.NEVER;
  }
  const record = value as Record<string, unknown>;
  const { data, failures } = parseShape(subActionShape, record);
  const unexpected = unexpectedArguments(record, ["name", "icon"]);
  for (const failure of [...failures, ...unexpected]) {
    ctx.addIssue({ code: "custom", message: failure.reason, path: [failure.property] });
  }
  return failures.length + unexpected.length > 0 ? z.NEVER : (dropUndefined(data) as SubActionInput);
});

const handlerShape = {
  botId: required(botIdSchema),
  type: required(oneOf(HANDLER_TYPES)),
  script: optional(scriptSchema),
  permissions: optional(boundedArray(oneOf(PERMISSIONS), LIMITS.permissions, { unique: true, min: 1 })),
  name: optional(boundedString(LIMITS.menuName, 1)),
  icon: optional(iconSchema),
  subActions: optional(boundedArray(subActionSchema, LIMITS.subActions)),
  adoptExisting: optional(booleanFlag),
};

/**
 * Rules across arguments. Deluge handlers carry `script`, webhook handlers carry `permissions`: check cannot
 * know the bot's execution type, so it asks for exactly one of them and Cliq refuses a mismatch.
 */
export function handlerCrossFieldFailures(inputs: HandlerInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const { type, script, permissions } = inputs;
  if (!isUnknown(script) && !isUnknown(permissions)) {
    if (script === undefined && permissions === undefined) {
      failures.push({
        property: "script",
        reason: "one of script (Deluge bots) or permissions (webhook bots) is required",
      });
    }
    if (script !== undefined && permissions !== undefined) {
      failures.push({
        property: "permissions",
        reason: "give either script (Deluge bots) or permissions (webhook bots), not both",
      });
    }
  }
  if (isUnknown(type)) return failures;
  if (Array.isArray(permissions)) {
    const allowed = PERMISSIONS_BY_HANDLER[type];
    permissions.forEach((permission, index) => {
      if (isUnknown(permission) || allowed.includes(permission)) return;
      failures.push({
        property: propertyPath(["permissions", index]),
        reason: `"${permission}" is not available for ${type} (allowed: ${allowed.join(", ")})`,
      });
    });
  }
  if (type === "menu_handler") {
    if (inputs.name === undefined)
      failures.push({ property: "name", reason: "is required for menu_handler" });
  } else {
    for (const key of MENU_ONLY_ARGUMENTS) {
      // An unknown value may still turn out to be undefined, which any handler type accepts.
      if (inputs[key] !== undefined && !isUnknown(inputs[key])) {
        failures.push({ property: key, reason: `is allowed only for menu_handler (type is ${type})` });
      }
    }
  }
  return failures;
}

/** Validates and normalises BotHandler arguments without any API call. */
export function checkHandlerInputs(news: unknown): CheckOutcome<HandlerInputs> {
  const unexpected = unexpectedArguments(news, HANDLER_ARGUMENTS);
  const { data, failures } = parseShape(handlerShape, news);
  const inputs = dropUndefined(data) as HandlerInputs;
  const all = [...failures, ...handlerCrossFieldFailures(inputs), ...unexpected];
  return { inputs: all.length > 0 ? (news as unknown as HandlerInputs) : inputs, failures: all };
}
