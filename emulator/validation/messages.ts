import { errors } from "../errors";
import { isPlainObject } from "../json";
import { checkMaxLength, optionalArray, optionalBoolean, optionalString, requireObjectBody } from "./common";

const SLIDE_TYPES = ["table", "list", "label", "images", "text"];
const BACKGROUNDS = ["red", "yellow", "green", "blue", "grey"];
const MAX_USER_IDS = 100;

/** A recipient is a user id (digits) or an email address. */
export function isValidRecipient(value: string): boolean {
  return /^\d+$/.test(value) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** Splits a comma-separated `user_ids` value; `botmessage_no_valid_users` when given but none is valid. */
export function parseUserIds(value: string | undefined): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ids = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (ids.length > MAX_USER_IDS) {
    throw errors.invalidInputs(`user_ids accepts at most ${MAX_USER_IDS} user ids.`);
  }
  const valid = ids.filter(isValidRecipient);
  if (valid.length === 0) {
    throw errors.noValidUsers();
  }
  return valid;
}

export interface BotMessageRequest {
  userIds?: string[];
  syncMessage: boolean;
}

/** Validates a `BotMessage` body (`send_a_bot_message`); `broadcast` (used by the spec's own example) is accepted. */
export function validateBotMessage(raw: unknown): BotMessageRequest {
  const body = requireObjectBody(raw);
  const text = optionalString(body, "text");
  const card = body.card;
  const slides = optionalArray(body, "slides");
  if (text === undefined && card === undefined && slides === undefined) {
    throw errors.invalidInputs("Provide at least one of text, card, or slides.");
  }
  if (text !== undefined && text.length === 0) {
    throw errors.invalidInputs("text must not be empty.");
  }
  checkMaxLength("text", text, 5000);
  if (card !== undefined && !isPlainObject(card)) {
    throw errors.invalidInputs("card must be an object.");
  }
  if (slides !== undefined) {
    if (slides.length > 20) {
      throw errors.invalidInputs("slides accepts at most 20 slides.");
    }
    for (const slide of slides) {
      if (!isPlainObject(slide) || typeof slide.type !== "string" || !SLIDE_TYPES.includes(slide.type)) {
        throw errors.invalidInputs(`each slide needs a type among ${SLIDE_TYPES.join(", ")}.`);
      }
    }
  }
  const buttons = optionalArray(body, "buttons");
  if (buttons !== undefined && (buttons.length > 5 || !buttons.every(isPlainObject))) {
    throw errors.invalidInputs("buttons must be an array of at most 5 objects.");
  }
  if (body.bot !== undefined && !isPlainObject(body.bot)) {
    throw errors.invalidInputs("bot must be an object.");
  }
  if (body.styles !== undefined) {
    if (!isPlainObject(body.styles)) {
      throw errors.invalidInputs("styles must be an object.");
    }
    const background = body.styles.background;
    if (background !== undefined && (typeof background !== "string" || !BACKGROUNDS.includes(background))) {
      throw errors.invalidInputs(`styles.background must be one of ${BACKGROUNDS.join(", ")}.`);
    }
    if (body.styles.markdown !== undefined && typeof body.styles.markdown !== "boolean") {
      throw errors.invalidInputs("styles.markdown must be a boolean.");
    }
  }
  checkMaxLength("reply_to", optionalString(body, "reply_to"), 100);
  checkMaxLength("message_topic", optionalString(body, "message_topic"), 255);
  checkMaxLength("thread_chat_id", optionalString(body, "thread_chat_id"), 100);
  checkMaxLength("thread_title", optionalString(body, "thread_title"), 100);
  optionalString(body, "thread_message_id");
  for (const flag of ["notify_edit", "mark_as_read", "post_in_parent", "broadcast"]) {
    optionalBoolean(body, flag);
  }
  return {
    userIds: parseUserIds(optionalString(body, "user_ids")),
    syncMessage: optionalBoolean(body, "sync_message") ?? false,
  };
}

/**
 * Validates an incoming-webhook body: user-defined string parameters, at most 50, each at most 10,000
 * characters. The spec's schema wraps them in `custom_parameters` while its examples send them at the top
 * level; both are accepted.
 */
export function validateIncomingWebhook(raw: unknown): Record<string, string> {
  const body = requireObjectBody(raw);
  const params: Record<string, unknown> = isPlainObject(body.custom_parameters)
    ? { ...body, ...body.custom_parameters }
    : { ...body };
  delete params.custom_parameters;
  const entries = Object.entries(params);
  if (entries.length > 50) {
    throw errors.invalidInputs("At most 50 custom parameters are supported per request.");
  }
  for (const [key, value] of entries) {
    if (typeof value !== "string") {
      throw errors.invalidInputs(`custom parameter ${key} must be a string.`);
    }
    checkMaxLength(`custom parameter ${key}`, value, 10000);
  }
  return params as Record<string, string>;
}

export interface BotCallRequest {
  text: string;
  userIds?: string[];
}

function optionalSmallInteger(body: Record<string, unknown>, field: string, max: number): void {
  const value = body[field];
  if (value === undefined) {
    return;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw errors.invalidInputs(`${field} must be an integer from 0 to ${max}.`);
  }
}

/** Validates a `Trigger-Bot-Call-Request` body (`Trigger_Bot_Calls`). */
export function validateBotCall(raw: unknown): BotCallRequest {
  const body = requireObjectBody(raw);
  const text = optionalString(body, "text");
  if (text === undefined || text === "") {
    throw errors.invalidInputs("text is required.");
  }
  checkMaxLength("text", text, 500);
  const userIds = optionalArray(body, "user_ids");
  if (userIds !== undefined) {
    if (userIds.length > 10 || !userIds.every((u) => typeof u === "string")) {
      throw errors.invalidInputs("user_ids must be an array of at most 10 strings.");
    }
    if (userIds.length > 0 && !userIds.some((u) => isValidRecipient(u as string))) {
      throw errors.noValidUsers();
    }
  }
  optionalSmallInteger(body, "retry", 3);
  optionalSmallInteger(body, "loop", 3);
  const actions = optionalArray(body, "actions");
  if (actions !== undefined) {
    if (actions.length > 5) {
      throw errors.invalidInputs("actions accepts at most 5 entries.");
    }
    actions.forEach((action, index) => {
      if (!isPlainObject(action) || typeof action.label !== "string") {
        throw errors.invalidInputs(`actions[${index}].label is required.`);
      }
      const inner = action.action;
      if (!isPlainObject(inner) || typeof inner.type !== "string" || !isPlainObject(inner.data)) {
        throw errors.invalidInputs(`actions[${index}].action needs type and data.`);
      }
      checkMaxLength(`actions[${index}].hint`, optionalString(action, "hint"), 100);
      checkMaxLength(`actions[${index}].key`, optionalString(action, "key"), 100);
    });
  }
  return {
    text,
    userIds: userIds === undefined ? undefined : (userIds as string[]).filter(isValidRecipient),
  };
}
