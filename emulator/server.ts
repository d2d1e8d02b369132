import * as http from "http";
import type { AddressInfo } from "net";
import { OAUTH_TOKEN_PATH, type OperationId } from "../cliq-api/operations";
import { tokenFromHeader } from "./auth";
import { handleControl } from "./control";
import { createCore, type EmulatorCore } from "./core";
import { ApiError, errors } from "./errors";
import { errorAnswer, throttledAnswer, withFaults, type Answer, type Served } from "./fault-answers";
import { OAUTH_OPERATION_ID } from "./faults";
import {
  associateBot,
  createBot,
  createHandler,
  deleteBot,
  deleteHandler,
  getBot,
  getHandler,
  handleTokenRequest,
  listBots,
  listSubscribers,
  sendBotMessage,
  sendIncomingWebhookMessage,
  triggerBotCall,
  updateBot,
  updateHandler,
  type OperationHandler,
} from "./handlers";
import { parseJsonBody, toJsonText } from "./json";
import { resolveOptions, type EmulatorOptions } from "./options";
import { redactedQuery } from "./request-log";
import { matchRoute } from "./router";
import { EMULATED_USER } from "./views";

export const API_PREFIX = "/api/v3";
export { OAUTH_TOKEN_PATH };
export const CONTROL_PREFIX = "/_emulator";

const OPERATION_HANDLERS: Record<OperationId, OperationHandler> = {
  create_a_new_bot: createBot,
  list_all_bots: listBots,
  update_an_existing_bot: updateBot,
  get_details_of_a_specific_bot: getBot,
  delete_a_specific_bot: deleteBot,
  send_a_bot_message: sendBotMessage,
  send_an_incoming_webhook_message: sendIncomingWebhookMessage,
  Trigger_Bot_Calls: triggerBotCall,
  create_a_handler_for_a_bot: createHandler,
  update_a_handler_for_a_bot: updateHandler,
  get_details_of_a_specific_bot_handler: getHandler,
  delete_a_handler_from_a_bot: deleteHandler,
  associate_bot_to_channel: associateBot,
  list_all_subscribers_of_a_bot: listSubscribers,
};

export interface RunningEmulator {
  /** `http://HOST:PORT`, no trailing slash; serves the API, the OAuth endpoint and the control surface. */
  url: string;
  /** `url + "/api/v3"`. */
  apiUrl: string;
  close(): Promise<void>;
}

/**
 * The largest request body read. The biggest legitimate one is a handler script of 250 KB (up to six times
 * that once JSON-escaped) or a Base64 bot image; anything beyond is refused instead of buffered in memory.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads the body up to `maxBytes`; past that it keeps draining the request, so the client gets to read the
 * 413 instead of a reset connection, but drops the bytes.
 */
function readBody(req: http.IncomingMessage, maxBytes: number): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > maxBytes }));
    req.on("error", reject);
  });
}

/** Parses a JSON request body; an empty body is `undefined` (validators then ask for an object). */
function parseRequestJson(text: string): unknown {
  if (text.trim() === "") {
    return undefined;
  }
  try {
    return parseJsonBody(text);
  } catch {
    throw errors.invalidInputs("The request body is not valid JSON.");
  }
}

/** The answer of an operation handler, its `ApiError` refusals included. */
function runOperation(
  core: EmulatorCore,
  operationId: OperationId,
  params: Record<string, string>,
  method: string,
  query: URLSearchParams,
  bodyText: string,
): Answer {
  try {
    const body = method === "GET" || method === "DELETE" ? undefined : parseRequestJson(bodyText);
    return OPERATION_HANDLERS[operationId](
      { store: core.store, options: core.options, user: EMULATED_USER },
      { operationId, params, query, body },
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorAnswer(error, operationId);
  }
}

async function answerApi(
  served: Served,
  req: http.IncomingMessage,
  apiPath: string,
  query: URLSearchParams,
  bodyText: string,
): Promise<{ answer: Answer; operationId: string | null }> {
  const { core } = served;
  const method = req.method ?? "GET";
  let match;
  try {
    match = matchRoute(method, apiPath);
  } catch {
    // A malformed %-escape in the path: no operation has such a path.
    match = { kind: "not_found" as const };
  }
  if (match.kind === "not_found") return { answer: errorAnswer(errors.urlNotFound()), operationId: null };
  if (match.kind === "method_not_allowed")
    return { answer: errorAnswer(errors.methodNotAllowed()), operationId: null };
  const { operationId, params } = match;
  const token = tokenFromHeader(req.headers.authorization);
  if (token === undefined || !core.tokens.isValid(token, core.now())) {
    return { answer: errorAnswer(errors.unauthorized()), operationId };
  }
  if (!core.limiter.admit(token, operationId, core.now())) {
    return { answer: throttledAnswer(core), operationId };
  }
  const answer = await withFaults(served, operationId, method, token, () =>
    runOperation(core, operationId, params, method, query, bodyText),
  );
  return { answer, operationId };
}

async function answerOAuth(
  served: Served,
  req: http.IncomingMessage,
  query: URLSearchParams,
  bodyText: string,
): Promise<Answer> {
  if (req.method !== "POST") return errorAnswer(errors.methodNotAllowed());
  const { core, url } = served;
  return withFaults(served, OAUTH_OPERATION_ID, "POST", undefined, () => {
    const params = new URLSearchParams(query);
    for (const [key, value] of new URLSearchParams(bodyText)) params.set(key, value);
    return handleTokenRequest(
      { options: core.options, tokens: core.tokens, mints: core.mints, apiDomain: url, nowMs: core.now() },
      params,
    );
  });
}

function send(res: http.ServerResponse, answer: Answer): void {
  if (answer.drop === "before") {
    res.socket?.destroy();
    return;
  }
  const text = toJsonText(answer.body);
  if (answer.drop === "after") {
    res.socket?.destroy();
    return;
  }
  res.writeHead(answer.status, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

function isControlPath(pathname: string): boolean {
  return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

function answerControl(core: EmulatorCore, method: string, pathname: string, bodyText: string): Answer {
  let body: unknown;
  try {
    body = parseRequestJson(bodyText);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The control surface is the emulator's own API: it answers with the emulator's precise reason.
    return { status: error.status, body: error.body() };
  }
  return handleControl(core, method, pathname.slice(CONTROL_PREFIX.length), body);
}

/**
 * The request target as a URL. An absolute-form target that is no valid URL (`GET http://[bad/x`) is kept
 * as an unknown path, so it gets the API's 404 rather than an emulator error.
 */
function requestUrl(target: string | undefined): URL {
  const base = "http://emulator.invalid";
  try {
    return new URL(target ?? "/", base);
  } catch {
    return new URL("/invalid-request-target", base);
  }
}

async function handle(served: Served, req: http.IncomingMessage, res: http.ServerResponse) {
  const { core } = served;
  const parsed = requestUrl(req.url);
  const { text: bodyText, tooLarge } = await readBody(req, MAX_BODY_BYTES);
  const method = req.method ?? "GET";
  const control = isControlPath(parsed.pathname);
  let answer: Answer;
  let operationId: string | null = null;
  if (tooLarge) {
    answer = errorAnswer(errors.bodyTooLarge(MAX_BODY_BYTES));
  } else if (control) {
    answer = answerControl(core, method, parsed.pathname, bodyText);
  } else if (parsed.pathname === OAUTH_TOKEN_PATH) {
    operationId = OAUTH_OPERATION_ID;
    answer = await answerOAuth(served, req, parsed.searchParams, bodyText);
  } else if (parsed.pathname.startsWith(`${API_PREFIX}/`)) {
    ({ answer, operationId } = await answerApi(
      served,
      req,
      parsed.pathname.slice(API_PREFIX.length),
      parsed.searchParams,
      bodyText,
    ));
  } else {
    answer = errorAnswer(errors.urlNotFound());
  }
  if (!control) {
    core.log.record({
      method,
      path: parsed.pathname,
      query: redactedQuery(parsed.searchParams),
      operationId,
      status: answer.drop ? null : answer.status,
      throttled: answer.throttled ?? false,
    });
  }
  send(res, answer);
}

function baseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const closing = new AbortController();
  const served: Served = { core: createCore(resolved), url: "", closing: closing.signal };
  const server = http.createServer((req, res) => {
    handle(served, req, res).catch((error: unknown) => {
      // An emulator bug: answer 500 without echoing request details (they may hold secrets).
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json;charset=UTF-8" });
        res.end(JSON.stringify({ message: `Emulator error: ${message}`, code: "internal_server_error" }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  let closed: Promise<void> | undefined;
  served.url = baseUrl(resolved.host, (server.address() as AddressInfo).port);
  return {
    url: served.url,
    apiUrl: `${served.url}${API_PREFIX}`,
    // Idempotent, so a test's after() hook may close an emulator its body already closed.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
