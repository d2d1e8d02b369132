/**
 * Every BotHandler property, described once: wire name, schema, comparison, what leaving it out means, whether a
 * change replaces, what clearing sends, its documentation. The check shape, diff rules, create and PATCH bodies
 * and the README's argument table are derived from this table (see shared/properties).
 */
import { z } from "zod";
import {
  HANDLER_TYPES,
  isBotId,
  LIMITS,
  PERMISSIONS,
  toBareBotId,
  ZOHO_ID_MAX_DIGITS,
} from "../../../cliq-api/operations";
import type { HandlerCreateRequest } from "../../client/api";
import {
  adoptExistingProperty,
  defineOutputs,
  defineProperties,
  profileProperty,
  type PropertySpec,
} from "../shared/properties";
import { dropUndefined } from "../shared/records";
import { describeInput } from "../shared/schemas";
import { choice, listOf, record, spelledValues, stringOf, text } from "../shared/value-kinds";
import type { Maybe } from "../shared/unknown";

export interface SubActionInput {
  name: Maybe<string>;
  icon?: Maybe<string>;
}

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
      message: `must be a bot id: at most ${ZOHO_ID_MAX_DIGITS} digits, optionally prefixed "b-" (got ${describeInput(value)})`,
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

/** A sub action of a menu handler: a name and an optional icon, nothing else. */
const subAction = record({
  name: {
    ...text(LIMITS.subActionName, 1),
    required: true,
    description: `Label, at most ${LIMITS.subActionName} characters.`,
  },
  icon: { ...stringOf(iconSchema), description: "`<icon-name>/<HEX colour>`, e.g. `wand/FF5733`." },
});

/** A sub action after `check`. */
export const subActionSchema = subAction.schema as unknown as z.ZodType<SubActionInput>;

const STRING = { type: "string" } as const;
/** Properties that update in place. */
const IN_PLACE = { required: false, onRemove: "clear", replaceOnChange: false } as const;

/** Sub actions as Cliq takes and reports them: a name and an optional icon, nothing else. */
function subActionsOnWire(actions: unknown): unknown {
  return (actions as { name: string; icon?: string }[]).map((action) =>
    dropUndefined({ name: action.name, icon: action.icon }),
  );
}

/** Wire names are checked against the API's create body, so a misspelt one fails to compile. */
type HandlerPropertySpec = PropertySpec & { wire?: keyof HandlerCreateRequest };

export const HANDLER_PROPERTIES = defineProperties({
  botId: {
    // Travels in the request path, never in a body.
    ...stringOf(botIdSchema),
    required: true,
    compare: "scalar",
    onRemove: "clear",
    replaceOnChange: true,
    normalise: (id) => (typeof id === "string" ? toBareBotId(id) : id),
    limits: "the `Bot`, or its id (bare or `b-` form)",
    description:
      "The bot: the `Bot` itself (recommended), or its id (`Bot.id`; the `b-` form is accepted too). Given the " +
      "`Bot`, the handler is deleted with it (`deletedWith` defaults to the bot: deleting a bot deletes its " +
      "handlers, so the handler's own delete is skipped); with a plain id, pass `{ deletedWith: bot }` for the " +
      "same. A change replaces the handler.",
  },
  type: {
    wire: "type",
    ...choice(HANDLER_TYPES),
    required: true,
    compare: "scalar",
    onRemove: "clear",
    replaceOnChange: true,
    // A read takes the type from the resource id, which addresses the handler.
    readBack: false,
    limits: spelledValues(HANDLER_TYPES),
    description: "Which trigger the handler serves. A change replaces the handler.",
  },
  script: {
    ...IN_PLACE,
    wire: "script",
    ...stringOf(scriptSchema),
    compare: "scalar",
    clearValue: "",
    limits: `Deluge bots: the handler's Deluge source, <= ${LIMITS.scriptBytes / 1024} KB`,
    description: `Deluge source (Deluge bots only), at most ${LIMITS.scriptBytes / 1024} KB of UTF-8. Updated in place.`,
  },
  permissions: {
    ...IN_PLACE,
    wire: "permissions",
    ...listOf(choice(PERMISSIONS), LIMITS.permissions, { unique: true, min: 1 }),
    compare: "set",
    clearValue: [],
    limits: `webhook bots: <= ${LIMITS.permissions} from the type's row of the matrix below`,
    description:
      `Webhook bots only: up to ${LIMITS.permissions} of the data attributes allowed for this handler type (for example ` +
      "`message_handler`: attachments, chat, location, message, user; `welcome_handler`: user). Updated in place.",
  },
  name: {
    ...IN_PLACE,
    wire: "name",
    ...text(LIMITS.menuName, 1),
    compare: "scalar",
    limits: `\`menu_handler\` only, required there, <= ${LIMITS.menuName} chars`,
    description: `Menu handlers only (required there): the menu label, at most ${LIMITS.menuName} characters. Updated in place.`,
  },
  icon: {
    ...IN_PLACE,
    wire: "icon",
    ...stringOf(iconSchema),
    compare: "scalar",
    clearValue: "",
    limits: "`menu_handler` only, `name/HEX` e.g. `wand/FF5733`",
    description:
      "Menu handlers only: `<icon-name>/<HEX colour>`, e.g. `wand/FF5733`. Updated in place; removing clears it.",
  },
  subActions: {
    ...IN_PLACE,
    wire: "sub_actions",
    ...listOf(subAction, LIMITS.subActions),
    compare: "list",
    clearValue: [],
    toWire: subActionsOnWire,
    fromWire: subActionsOnWire,
    limits: `\`menu_handler\` only, <= ${LIMITS.subActions} of \`{ name (<= ${LIMITS.subActionName}), icon? }\``,
    description: `Menu handlers only: up to ${LIMITS.subActions} nested actions. Updated in place; removing clears them.`,
  },
  adoptExisting: adoptExistingProperty(
    "take over an existing handler of this type on create",
    "Opt-in adoption: when the bot already has this handler (for a menu handler: one with this `name`), take " +
      "it over and update it to these arguments instead of failing. Only consulted on create.",
  ),
  profile: profileProperty(
    "handler",
    "Given the `Bot` itself or its `id` / `botId` output, it defaults to the bot's profile.",
  ),
} satisfies Record<string, HandlerPropertySpec>);

/** What Cliq assigns and reports for a handler. */
export const HANDLER_OUTPUTS = defineOutputs({
  handlerId: {
    type: STRING,
    description: "The handler's id as Cliq reports it (menu handlers are addressed by it).",
  },
  position: { type: { type: "integer" }, description: "The menu position Cliq assigned (menu handlers)." },
});
