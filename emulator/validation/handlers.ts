import {
  HANDLER_TYPES,
  LIMITS,
  PERMISSIONS_BY_HANDLER,
  type ExecutionType,
  type HandlerType,
} from "../../cliq-api/operations";
import { errors } from "../errors";
import { isPlainObject } from "../json";
import type { SubActionRecord } from "../store";
import { requireObjectBody } from "./common";

/** Handler fields a create or update request sets; `undefined` = not given. */
export interface HandlerFields {
  script?: string;
  permissions?: string[];
  name?: string;
  /** `""` on update clears the icon. */
  icon?: string;
  /** `[]` on update clears the sub actions. */
  subActions?: SubActionRecord[];
}

/** `{icon-name}/{HEX_COLOR}`, as in the spec's examples `wand/627282`, `emoji-name/FF5733`, `wand/#FFFFFF`. */
const ICON_PATTERN = /^[A-Za-z0-9_-]+\/#?[0-9A-Fa-f]{6}$/;

export function isHandlerType(value: unknown): value is HandlerType {
  return typeof value === "string" && (HANDLER_TYPES as readonly string[]).includes(value);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function readScript(body: Record<string, unknown>, executionType: ExecutionType): string | undefined {
  const script = body.script;
  if (script === undefined || script === null) {
    return undefined;
  }
  if (executionType === "webhook") {
    throw errors.handlerDataInvalid("script is not allowed for handlers of webhook bots; use permissions.");
  }
  if (typeof script !== "string") {
    throw errors.handlerDataInvalid("script must be a string.");
  }
  if (script.trim() === "") {
    throw errors.handlerDataRequired("script must not be empty.");
  }
  if (byteLength(script) > LIMITS.scriptBytes) {
    throw errors.handlerDataInvalid(
      `script exceeds the maximum size of 250KB (${byteLength(script)} bytes).`,
    );
  }
  return script;
}

function readPermissions(
  body: Record<string, unknown>,
  type: HandlerType,
  executionType: ExecutionType,
): string[] | undefined {
  const permissions = body.permissions;
  if (permissions === undefined || permissions === null) {
    return undefined;
  }
  if (executionType === "deluge") {
    throw errors.handlerDataInvalid("permissions are not allowed for handlers of deluge bots; use script.");
  }
  if (!Array.isArray(permissions)) {
    throw errors.handlerDataInvalid("permissions must be an array.");
  }
  if (permissions.length === 0) {
    throw errors.handlerDataRequired("permissions must list at least one permission for a webhook bot.");
  }
  if (permissions.length > LIMITS.permissions) {
    throw errors.handlerDataInvalid(`permissions accepts at most ${LIMITS.permissions} values.`);
  }
  const allowed: readonly string[] = PERMISSIONS_BY_HANDLER[type];
  for (const permission of permissions) {
    if (typeof permission !== "string" || !allowed.includes(permission)) {
      throw errors.handlerDataInvalid(
        `permission ${JSON.stringify(permission)} is not available for ${type}; allowed: ${allowed.join(", ")}.`,
      );
    }
  }
  if (new Set(permissions).size !== permissions.length) {
    throw errors.handlerDataInvalid("permissions must not repeat a value.");
  }
  return permissions as string[];
}

function readMenuName(body: Record<string, unknown>, type: HandlerType): string | undefined {
  const name = body.name;
  if (name === undefined || name === null) {
    return undefined;
  }
  if (type !== "menu_handler") {
    throw errors.handlerDataInvalid("name is applicable only for menu_handler.");
  }
  if (typeof name !== "string") {
    throw errors.handlerDataInvalid("name must be a string.");
  }
  if (name.trim() === "") {
    throw errors.handlerDataRequired("name is required for menu_handler.");
  }
  if ([...name].length > LIMITS.menuName) {
    throw errors.handlerDataInvalid(`name must be at most ${LIMITS.menuName} characters.`);
  }
  return name;
}

function readIcon(value: unknown, field: string, allowEmpty: boolean): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string") {
    throw errors.handlerDataInvalid(`${field} must be a string.`);
  }
  if (value === "" && allowEmpty) {
    return "";
  }
  if (!ICON_PATTERN.test(value)) {
    throw errors.handlerDataInvalid(`${field} must have the form {icon-name}/{HEX_COLOR}, e.g. wand/FF5733.`);
  }
  return value;
}

function readSubActions(body: Record<string, unknown>, type: HandlerType): SubActionRecord[] | undefined {
  const items = body.sub_actions;
  if (items === undefined || items === null) {
    return undefined;
  }
  if (type !== "menu_handler") {
    throw errors.handlerDataInvalid("sub_actions is applicable only for menu_handler.");
  }
  if (!Array.isArray(items)) {
    throw errors.handlerDataInvalid("sub_actions must be an array.");
  }
  if (items.length > LIMITS.subActions) {
    throw errors.handlerDataInvalid(`sub_actions accepts at most ${LIMITS.subActions} entries.`);
  }
  return items.map((item, index) => {
    if (!isPlainObject(item) || typeof item.name !== "string" || item.name.trim() === "") {
      throw errors.handlerDataInvalid(`sub_actions[${index}].name is required.`);
    }
    if ([...item.name].length > LIMITS.subActionName) {
      throw errors.handlerDataInvalid(
        `sub_actions[${index}].name must be at most ${LIMITS.subActionName} characters.`,
      );
    }
    const icon = readIcon(item.icon, `sub_actions[${index}].icon`, false);
    return icon === undefined ? { name: item.name } : { name: item.name, icon };
  });
}

function readIconField(
  body: Record<string, unknown>,
  type: HandlerType,
  allowEmpty: boolean,
): string | undefined {
  if (body.icon !== undefined && body.icon !== null && type !== "menu_handler") {
    throw errors.handlerDataInvalid("icon is applicable only for menu_handler.");
  }
  return readIcon(body.icon, "icon", allowEmpty);
}

/** Validates a `HandlerCreate` body against the bot's execution type (`create_a_handler_for_a_bot`). */
export function validateHandlerCreate(
  raw: unknown,
  executionType: ExecutionType,
): HandlerFields & { type: HandlerType } {
  const body = requireObjectBody(raw);
  if (!isHandlerType(body.type)) {
    throw errors.invalidInputs(
      `type must be one of ${HANDLER_TYPES.join(", ")} (got ${JSON.stringify(body.type ?? null)}).`,
    );
  }
  const type = body.type;
  const script = readScript(body, executionType);
  const permissions = readPermissions(body, type, executionType);
  if (executionType === "deluge" && script === undefined) {
    throw errors.handlerDataRequired(`script is required to create a ${type} on a deluge bot.`);
  }
  if (executionType === "webhook" && permissions === undefined) {
    throw errors.handlerDataRequired(`permissions are required to create a ${type} on a webhook bot.`);
  }
  const name = readMenuName(body, type);
  if (type === "menu_handler" && name === undefined) {
    throw errors.handlerDataRequired("name is required for menu_handler.");
  }
  return {
    type,
    script,
    permissions,
    name,
    icon: readIconField(body, type, false),
    subActions: readSubActions(body, type),
  };
}

/**
 * Validates a `HandlerEdit` body (`update_a_handler_for_a_bot`). Only the given fields change; `icon: ""`
 * and `sub_actions: []` clear them. Script and permissions cannot be cleared (a deluge handler always has a
 * script, a webhook handler at least one permission), nor can a menu handler's name.
 */
export function validateHandlerUpdate(
  raw: unknown,
  type: HandlerType,
  executionType: ExecutionType,
): HandlerFields {
  const body = requireObjectBody(raw);
  if (body.type !== undefined && body.type !== type) {
    throw errors.handlerDataInvalid("type cannot be changed; it is given by the path.");
  }
  return {
    script: readScript(body, executionType),
    permissions: readPermissions(body, type, executionType),
    name: readMenuName(body, type),
    icon: readIconField(body, type, true),
    subActions: readSubActions(body, type),
  };
}
