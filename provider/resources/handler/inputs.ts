import { PERMISSIONS_BY_HANDLER } from "../../../cliq-api/operations";
import { argumentNames, checkShape, normaliseChecked } from "../shared/properties";
import { parseShape, propertyPath, unexpectedArguments, type CheckFailure } from "../shared/schemas";
import type { InputsOf } from "../shared/property-types";
import { isUnknown } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";
import {
  botIdSchema,
  HANDLER_PROPERTIES,
  ICON_PATTERN,
  iconSchema,
  scriptSchema,
  subActionSchema,
  type SubActionInput,
} from "./properties";

/** BotHandler arguments after `check` (bot id normalised to its bare digits), one field per row of the table. */
export type HandlerInputs = InputsOf<typeof HANDLER_PROPERTIES>;

/** The argument names `check` accepts, in table order. */
export const HANDLER_ARGUMENTS = argumentNames(HANDLER_PROPERTIES) as (keyof typeof HANDLER_PROPERTIES)[];

export { botIdSchema, ICON_PATTERN, iconSchema, scriptSchema, subActionSchema, type SubActionInput };

/** Arguments that only a menu handler takes. */
export const MENU_ONLY_ARGUMENTS = ["name", "icon", "subActions"] as const;

const handlerShape = checkShape(HANDLER_PROPERTIES);

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
  const inputs = normaliseChecked(HANDLER_PROPERTIES, data) as unknown as HandlerInputs;
  const all = [...failures, ...handlerCrossFieldFailures(inputs), ...unexpected];
  return { inputs: all.length > 0 ? (news as unknown as HandlerInputs) : inputs, failures: all };
}
