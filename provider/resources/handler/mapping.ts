import {
  HANDLER_TYPES,
  isBotId,
  isZohoId,
  toBareBotId,
  type HandlerType,
} from "../../../cliq-api/operations";
import type { Handler, HandlerCreateRequest, HandlerUpdateRequest } from "../../client/api";
import { argumentsFromWire, createBody, patchBody } from "../shared/properties";
import type { OutputsOf } from "../shared/property-types";
import { dropUndefined } from "../shared/records";
import type { HandlerInputs } from "./inputs";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "./properties";

/** BotHandler outputs: every argument plus what Cliq assigns. */
/** BotHandler outputs: every argument plus what Cliq assigns (the output table). */
export type HandlerOutputs = HandlerInputs & OutputsOf<typeof HANDLER_OUTPUTS>;

/** A handler resource's address, the parts of its id: `<botId>/<type>` or `<botId>/menu_handler/<handlerId>`. */
export interface HandlerAddress {
  botId: string;
  type: HandlerType;
  handlerId?: string;
}

export function handlerResourceId(address: HandlerAddress): string {
  const botId = toBareBotId(address.botId);
  return address.type === "menu_handler"
    ? `${botId}/menu_handler/${address.handlerId}`
    : `${botId}/${address.type}`;
}

/**
 * The address in a BotHandler resource id. Every part is checked (digits for the ids, a known handler type), so
 * an id typed into a lookup can never put `..` or another path into a request.
 */
export function parseHandlerResourceId(id: string): HandlerAddress {
  const [botId, type, handlerId, ...rest] = String(id).split("/");
  const menu = type === "menu_handler";
  const wellFormed =
    isBotId(botId ?? "") &&
    (HANDLER_TYPES as readonly string[]).includes(type ?? "") &&
    rest.length === 0 &&
    (menu ? isZohoId(handlerId ?? "") : handlerId === undefined);
  if (!wellFormed) {
    throw new Error(
      `${JSON.stringify(String(id).slice(0, 100))} is not a BotHandler id: expected "<botId>/<handlerType>" or ` +
        `"<botId>/menu_handler/<handlerId>", with digit ids and one of ${HANDLER_TYPES.join(", ")}; nothing was ` +
        "sent to Cliq",
    );
  }
  return dropUndefined({ botId: toBareBotId(botId!), type: type as HandlerType, handlerId });
}

/** The POST body for checked, fully known inputs, in the API's names (the bot id travels in the path). */
export function toCreateRequest(inputs: HandlerInputs): HandlerCreateRequest {
  return createBody(HANDLER_PROPERTIES, inputs) as unknown as HandlerCreateRequest;
}

/** Arguments as the API reports them; keys the response lacks are left out, so prior values carry forward. */
export function argumentsFromApi(handler: Handler): Partial<HandlerOutputs> {
  return argumentsFromWire(HANDLER_PROPERTIES, handler) as Partial<HandlerOutputs>;
}

export function computedFromApi(handler: Handler): Partial<HandlerOutputs> {
  return dropUndefined({
    handlerId: handler.id === undefined ? undefined : String(handler.id),
    position: handler.position,
  });
}

/** After create/update: the arguments as given, arguments left to Cliq from the response, computed fields. */
export function outputsAfterWrite(inputs: HandlerInputs, handler: Handler): HandlerOutputs {
  return {
    ...argumentsFromApi(handler),
    ...dropUndefined(inputs),
    ...computedFromApi(handler),
  } as HandlerOutputs;
}

/** After a read: what the API reports wins (drift); what it does not carry keeps its prior value. */
export function outputsAfterRead(
  prior: Partial<HandlerOutputs>,
  address: HandlerAddress,
  handler: Handler,
): HandlerOutputs {
  return {
    ...prior,
    botId: address.botId,
    type: address.type,
    ...argumentsFromApi(handler),
    ...computedFromApi(handler),
  } as HandlerOutputs;
}

/** PATCH body with only the changed properties; removed optional ones are cleared with their empty value. */
export function toUpdateRequest(changed: readonly string[], news: HandlerInputs): HandlerUpdateRequest {
  return patchBody(HANDLER_PROPERTIES, changed, news) as HandlerUpdateRequest;
}
