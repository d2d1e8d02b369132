/**
 * A call's request before anything is sent: the path filled from its parameters (each checked by
 * `encodePathParam`), the query string, and the body validated against the endpoint's schema.
 */
import type { z } from "zod";
import { OPERATIONS, type OperationId } from "../../cliq-api/operations";
import type { PageParams } from "./api";
import { CLIENT_ERROR_CODES, CliqApiError } from "./errors";
import { issueSummary, type Prepared } from "./outcome";
import { encodePathParam } from "./path-params";
import { ENDPOINT_SCHEMAS } from "./schemas";

/** What a client method asks of the pipeline. */
export interface CallRequest {
  pathParams?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/** The spec's path template with every `{NAME}` replaced by its encoded parameter. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Z_]+)\}/g, (_match, name: string) => encodePathParam(name, params[name]));
}

export function queryString(query: Record<string, string | undefined> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The list endpoints' paging parameters in the API's names. */
export function pageQuery(params: PageParams): Record<string, string | undefined> {
  return {
    limit: params.limit === undefined ? undefined : String(params.limit),
    next_token: params.nextToken,
    sync_token: params.syncToken,
  };
}

/** Validates a call's request; throws `invalid_request` (nothing sent) for a bad path parameter or body. */
export function prepareRequest(
  operationId: OperationId,
  request: CallRequest,
  secrets: readonly string[],
): Prepared {
  const spec = OPERATIONS[operationId];
  const schema: z.ZodType | undefined = ENDPOINT_SCHEMAS[operationId].request;
  const invalid = (message: string, path: string) =>
    new CliqApiError({
      message,
      code: CLIENT_ERROR_CODES.invalidRequest,
      operationId,
      method: spec.method,
      path,
      secrets,
    });
  let path: string;
  try {
    path = fillPath(spec.path, request.pathParams ?? {});
  } catch (error) {
    throw invalid(`${operationId}: ${(error as Error).message}`, spec.path);
  }
  let body: unknown;
  if (schema) {
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) {
      throw invalid(
        `${operationId} request body is invalid at ${issueSummary(parsed.error)}; nothing was sent`,
        path,
      );
    }
    body = parsed.data;
  }
  return { path, url: path + queryString(request.query), body };
}
