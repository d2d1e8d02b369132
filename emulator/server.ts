import * as http from "http";
import type { AddressInfo } from "net";
import type { OperationId } from "../provider/api/operations";
import { tokenFromHeader } from "./auth";
import { handleControl } from "./control";
import { createCore, type EmulatorCore } from "./core";
import { ApiError, errors } from "./errors";
import { OAUTH_OPERATION_ID, SERVER_FAILURE_CODES, type Fault } from "./faults";
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
export const OAUTH_TOKEN_PATH = "/oauth/v2/token";
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

interface Answer {
  status: number;
  body: unknown;
  throttled?: boolean;
  /** Destroy the socket instead of (or after) answering. */
  drop?: "before" | "after";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function errorAnswer(error: ApiError): Answer {
  return { status: error.status, body: error.body() };
}

function throttledAnswer(core: EmulatorCore): Answer {
  const error = errors.throttled(core.options.throttleStyle === "400" ? 400 : 429);
  return { ...errorAnswer(error), throttled: true };
}

function faultAnswer(
  core: EmulatorCore,
  fault: Fault,
  operationId: string,
  token: string | undefined,
): Answer | undefined {
  switch (fault.kind) {
    case "status": {
      const status = fault.status ?? 500;
      const code =
        fault.code ??
        SERVER_FAILURE_CODES[operationId as OperationId] ??
        (status >= 500 ? "internal_server_error" : "invalid_inputs");
      return {
        status,
        body: { message: `Injected fault: HTTP ${status} (${code}).`, code },
      };
    }
    case "drop":
      return { status: 0, body: undefined, drop: "before" };
    case "throttle":
      if (token !== undefined && operationId !== OAUTH_OPERATION_ID) {
        core.limiter.lock(token, operationId as OperationId, core.now());
      }
      return throttledAnswer(core);
    default:
      return undefined;
  }
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

async function answerApi(
  core: EmulatorCore,
  req: http.IncomingMessage,
  apiPath: string,
  query: URLSearchParams,
  bodyText: string,
): Promise<{ answer: Answer; operationId: string | null }> {
  const method = req.method ?? "GET";
  let match;
  try {
    match = matchRoute(method, apiPath);
  } catch {
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
  const { latencyMs, fault } = core.faults.take(operationId, method);
  if (latencyMs > 0) await sleep(latencyMs);
  if (fault) {
    const injected = faultAnswer(core, fault, operationId, token);
    if (injected) return { answer: injected, operationId };
  }
  let answer: Answer;
  try {
    const body = method === "GET" || method === "DELETE" ? undefined : parseRequestJson(bodyText);
    answer = OPERATION_HANDLERS[operationId](
      { store: core.store, options: core.options, user: EMULATED_USER },
      {
        operationId,
        params,
        query,
        body,
      },
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    answer = errorAnswer(error);
  }
  if (fault?.kind === "drop-after-commit") answer = { ...answer, drop: "after" };
  return { answer, operationId };
}

async function answerOAuth(
  core: EmulatorCore,
  req: http.IncomingMessage,
  query: URLSearchParams,
  bodyText: string,
  url: string,
): Promise<Answer> {
  if (req.method !== "POST") return errorAnswer(errors.methodNotAllowed());
  const { latencyMs, fault } = core.faults.take(OAUTH_OPERATION_ID, "POST");
  if (latencyMs > 0) await sleep(latencyMs);
  if (fault) {
    const injected = faultAnswer(core, fault, OAUTH_OPERATION_ID, undefined);
    if (injected) return injected;
  }
  const params = new URLSearchParams(query);
  for (const [key, value] of new URLSearchParams(bodyText)) params.set(key, value);
  const answer: Answer = handleTokenRequest(
    { options: core.options, tokens: core.tokens, mints: core.mints, apiDomain: url, nowMs: core.now() },
    params,
  );
  return fault?.kind === "drop-after-commit" ? { ...answer, drop: "after" } : answer;
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

async function handle(core: EmulatorCore, url: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const parsed = new URL(req.url ?? "/", "http://emulator.invalid");
  const bodyText = await readBody(req);
  const method = req.method ?? "GET";
  if (parsed.pathname === CONTROL_PREFIX || parsed.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    let body: unknown;
    try {
      body = bodyText.trim() === "" ? undefined : JSON.parse(bodyText);
    } catch {
      return send(res, errorAnswer(errors.invalidInputs("The request body is not valid JSON.")));
    }
    return send(res, handleControl(core, method, parsed.pathname.slice(CONTROL_PREFIX.length), body));
  }
  let answer: Answer;
  let operationId: string | null;
  if (parsed.pathname === OAUTH_TOKEN_PATH) {
    operationId = OAUTH_OPERATION_ID;
    answer = await answerOAuth(core, req, parsed.searchParams, bodyText, url);
  } else if (parsed.pathname.startsWith(`${API_PREFIX}/`)) {
    ({ answer, operationId } = await answerApi(
      core,
      req,
      parsed.pathname.slice(API_PREFIX.length),
      parsed.searchParams,
      bodyText,
    ));
  } else {
    operationId = null;
    answer = errorAnswer(errors.urlNotFound());
  }
  core.log.record({
    method,
    path: parsed.pathname,
    query: redactedQuery(parsed.searchParams),
    operationId,
    status: answer.drop ? null : answer.status,
    throttled: answer.throttled ?? false,
  });
  send(res, answer);
}

function baseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const core = createCore(resolved);
  let url = "";
  const server = http.createServer((req, res) => {
    handle(core, url, req, res).catch((error: unknown) => {
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
  url = baseUrl(resolved.host, (server.address() as AddressInfo).port);
  return {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
