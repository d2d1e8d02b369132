import type { OperationId } from "../../cliq-api/operations";
import type { ResolvedOptions } from "../options";
import type { Creator, Store } from "../store";

export interface ApiRequest {
  operationId: OperationId;
  /** Path parameters, URL-decoded, keyed as the spec names them (BOT_ID, HANDLER_TYPE, ...). */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface HandlerContext {
  store: Store;
  options: ResolvedOptions;
  /** The user the request's token belongs to. */
  user: Creator;
}

export type OperationHandler = (ctx: HandlerContext, req: ApiRequest) => ApiResponse;

export function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}
