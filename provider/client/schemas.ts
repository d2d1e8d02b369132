/**
 * One zod schema per endpoint for the request and for the response, derived from `spec/cliq-bots-v3.yaml`.
 * Requests are checked strictly (a typo never reaches Cliq). Responses accept fields the spec does not list,
 * because Cliq adds fields, but reject wrong types; ids come out as strings whatever the wire used.
 */
import { z } from "zod";
import {
  CALLS_SPELLINGS,
  normaliseCalls,
  CHANNEL_PARTICIPATION,
  EXECUTION_TYPES,
  HANDLER_TYPES,
  LIMITS,
  PERMISSIONS,
  SCOPES,
  type OperationId,
} from "../../cliq-api/operations";
import type { Bot, BotListPage, Handler, SubscriberPage } from "./api";
import { jsonNumber } from "./wire";

// ---------- shared pieces ----------

const DIGITS = /^\d+$/;

/** An id as Cliq sends it (string, or a number that the lossless parser kept safe), always a string out. */
export const idSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => (typeof value === "number" ? String(value) : value));

/** A team id: a digit string or a non-negative integer; a string out. */
export const teamIdSchema = z
  .union([z.string().regex(DIGITS, "team id must be digits"), z.number().int().nonnegative()])
  .transform((value) => String(value));

/** Team ids in a request: digit strings in, exact JSON numbers on the wire. */
const teamIdsRequestSchema = z
  .array(teamIdSchema)
  .max(LIMITS.teamIds)
  .transform((ids) => ids.map((id) => jsonNumber(id)));

/** `calls` accepts both spellings the spec uses and sends `enabled|disabled`, as its examples do. */
const callsRequestSchema = z.enum(CALLS_SPELLINGS).transform(normaliseCalls);

const subActionSchema = z.strictObject({
  name: z.string().max(LIMITS.subActionName),
  icon: z.string().optional(),
});

const scriptSchema = z.string().refine((script) => Buffer.byteLength(script, "utf8") <= LIMITS.scriptBytes, {
  message: `script exceeds ${LIMITS.scriptBytes} bytes`,
});

// ---------- requests ----------

const botFields = {
  name: z.string().min(1).max(LIMITS.botName),
  description: z.string().max(LIMITS.botDescription),
  scope: z.enum(SCOPES).optional(),
  team_ids: teamIdsRequestSchema.optional(),
  execution_url: z.string().optional(),
  status_messages: z.array(z.string().max(LIMITS.statusMessageLength)).max(LIMITS.statusMessages).optional(),
  image: z.string().optional(),
  channel_participation: z.array(z.enum(CHANNEL_PARTICIPATION)).max(LIMITS.channelParticipation).optional(),
  calls: callsRequestSchema.optional(),
};

export const botCreateRequestSchema = z.strictObject({
  ...botFields,
  execution_type: z.enum(EXECUTION_TYPES).optional(),
});

/** PATCH body: any subset of the create fields except `execution_type`, which Cliq cannot change. */
export const botUpdateRequestSchema = z.strictObject({
  ...botFields,
  name: botFields.name.optional(),
  description: botFields.description.optional(),
});

export const handlerCreateRequestSchema = z.strictObject({
  type: z.enum(HANDLER_TYPES),
  script: scriptSchema.optional(),
  permissions: z.array(z.enum(PERMISSIONS)).max(LIMITS.permissions).optional(),
  name: z.string().max(LIMITS.menuName).optional(),
  icon: z.string().optional(),
  sub_actions: z.array(subActionSchema).max(LIMITS.subActions).optional(),
});

export const handlerUpdateRequestSchema = handlerCreateRequestSchema.omit({ type: true });

/** Bot messages carry text, card, slides, buttons and more; the spec lets the body be free-form. */
export const botMessageRequestSchema = z.looseObject({});

/** Incoming-webhook parameters are user-defined string values (the spec's custom parameters). */
export const incomingWebhookRequestSchema = z.record(z.string(), z.string());

export const triggerBotCallRequestSchema = z.looseObject({
  text: z.string().max(500),
  user_ids: z.array(z.string()).max(10).optional(),
  retry: z.number().int().min(0).max(3).optional(),
  loop: z.number().int().min(0).max(3).optional(),
  actions: z
    .array(
      z.looseObject({
        label: z.string(),
        icon: z.string().optional(),
        hint: z.string().max(100).optional(),
        key: z.string().max(100).optional(),
        action: z.looseObject({ type: z.string(), data: z.record(z.string(), z.unknown()) }),
      }),
    )
    .max(5)
    .optional(),
});

export const associateRequestSchema = z.strictObject({ channel_unique_name: z.string().min(1) });

// ---------- responses ----------

const handlerSummarySchema = z.looseObject({
  type: z.string(),
  id: idSchema.optional(),
  name: z.string().optional(),
  icon: z.string().optional(),
  position: z.number().optional(),
  sub_actions: z.array(z.looseObject({ name: z.string(), icon: z.string().optional() })).optional(),
});

export const botSchema = z.looseObject({
  id: idSchema,
  unique_name: z.string(),
  name: z.string(),
  description: z.string().optional(),
  scope: z.string().optional(),
  team_ids: z.array(teamIdSchema).optional(),
  status_messages: z.array(z.string()).optional(),
  channel_participation: z.array(z.string()).optional(),
  calls: z.string().optional(),
  image: z.string().optional(),
  execution_type: z.string().optional(),
  execution_url: z.string().optional(),
  handlers: z.array(handlerSummarySchema).optional(),
  creator: z.looseObject({ name: z.string().optional(), id: idSchema.optional() }).optional(),
  status: z.string().optional(),
  type: z.string().optional(),
  default: z.boolean().optional(),
  subscriber_count: z.number().optional(),
}) satisfies z.ZodType<Bot>;

const envelope = <T extends z.ZodType>(data: T) =>
  z.looseObject({ url: z.string().optional(), type: z.string().optional(), data });

export const botResponseSchema = envelope(botSchema).transform((body): Bot => body.data);

export const botListResponseSchema = z
  .looseObject({
    url: z.string().optional(),
    type: z.string().optional(),
    data: z.array(botSchema),
    next_token: z.string().optional(),
    sync_token: z.string().optional(),
    deleted: z.array(idSchema).optional(),
  })
  .transform((body): BotListPage => ({
    bots: body.data,
    ...(body.next_token ? { nextToken: body.next_token } : {}),
    ...(body.sync_token ? { syncToken: body.sync_token } : {}),
    ...(body.deleted ? { deleted: body.deleted } : {}),
  }));

const handlerDataSchema = z.looseObject({
  type: z.string(),
  id: idSchema.optional(),
  handler_id: idSchema.optional(),
  script: z.string().optional(),
  permissions: z.array(z.string()).optional(),
  name: z.string().optional(),
  icon: z.string().optional(),
  position: z.number().optional(),
  sub_actions: z.array(z.looseObject({ name: z.string(), icon: z.string().optional() })).optional(),
  display_props: z
    .looseObject({
      name: z.string().optional(),
      icon: z.string().optional(),
      position: z.number().optional(),
    })
    .optional(),
});

/** Create, update and get answer with differently shaped `data` (see spec README item 5): one normal form. */
export const handlerResponseSchema = envelope(handlerDataSchema).transform((body): Handler => {
  const { display_props: displayProps, handler_id: handlerId, id, ...rest } = body.data;
  const handler: Handler = { ...rest };
  const resolvedId = id ?? handlerId;
  if (resolvedId !== undefined) handler.id = resolvedId;
  if (displayProps) {
    for (const key of ["name", "icon", "position"] as const) {
      if (handler[key] === undefined && displayProps[key] !== undefined) {
        (handler as Record<string, unknown>)[key] = displayProps[key];
      }
    }
  }
  return handler;
});

/** Operations whose 200 carries nothing useful (`NoResponse`): any body, or none, is accepted. */
export const noContentResponseSchema = z.unknown().transform((): void => undefined);

export const botMessageResponseSchema = z.unknown();

export const incomingWebhookResponseSchema = z
  .looseObject({ user_ids: z.array(idSchema).optional() })
  .transform((body) => (body.user_ids ? { user_ids: body.user_ids } : {}));

export const triggerBotCallResponseSchema = z
  .looseObject({ id: idSchema.optional(), user_ids: z.array(idSchema).optional() })
  .transform((body) => ({
    ...(body.id !== undefined ? { id: body.id } : {}),
    ...(body.user_ids ? { user_ids: body.user_ids } : {}),
  }));

export const subscriberListResponseSchema = z
  .looseObject({
    url: z.string().optional(),
    type: z.string().optional(),
    data: z.array(
      z.looseObject({
        user_id: idSchema.optional(),
        email_id: z.string().optional(),
        name: z.string().optional(),
      }),
    ),
    next_token: z.string().optional(),
    sync_token: z.string().optional(),
  })
  .transform((body): SubscriberPage => ({
    subscribers: body.data,
    ...(body.next_token ? { nextToken: body.next_token } : {}),
    ...(body.sync_token ? { syncToken: body.sync_token } : {}),
  }));

/** Error bodies: `{message, code}` per the spec's info text; anything else is tolerated. */
export const errorBodySchema = z.looseObject({
  message: z.string().optional(),
  code: z.string().optional(),
});

/** OAuth token endpoint (Zoho accounts): success or `{error}` (often with HTTP 200). */
export const oauthTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(DIGITS).transform(Number)]).optional(),
  api_domain: z.string().optional(),
  token_type: z.string().optional(),
});

export const oauthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});

/** The request and response schema of every operation, by operation id. */
export const ENDPOINT_SCHEMAS = {
  create_a_new_bot: { request: botCreateRequestSchema, response: botResponseSchema },
  list_all_bots: { request: undefined, response: botListResponseSchema },
  update_an_existing_bot: { request: botUpdateRequestSchema, response: botResponseSchema },
  get_details_of_a_specific_bot: { request: undefined, response: botResponseSchema },
  delete_a_specific_bot: { request: undefined, response: noContentResponseSchema },
  send_a_bot_message: { request: botMessageRequestSchema, response: botMessageResponseSchema },
  send_an_incoming_webhook_message: {
    request: incomingWebhookRequestSchema,
    response: incomingWebhookResponseSchema,
  },
  Trigger_Bot_Calls: { request: triggerBotCallRequestSchema, response: triggerBotCallResponseSchema },
  create_a_handler_for_a_bot: { request: handlerCreateRequestSchema, response: handlerResponseSchema },
  update_a_handler_for_a_bot: { request: handlerUpdateRequestSchema, response: handlerResponseSchema },
  get_details_of_a_specific_bot_handler: { request: undefined, response: handlerResponseSchema },
  delete_a_handler_from_a_bot: { request: undefined, response: noContentResponseSchema },
  associate_bot_to_channel: { request: associateRequestSchema, response: noContentResponseSchema },
  list_all_subscribers_of_a_bot: { request: undefined, response: subscriberListResponseSchema },
} as const satisfies { [K in OperationId]: { request: z.ZodType | undefined; response: z.ZodType } };

export type EndpointSchemas = typeof ENDPOINT_SCHEMAS;
