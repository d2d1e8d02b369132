/**
 * `CliqClient`: the typed Cliq Bots API v3 client. Every call goes through one pipeline: validate the request
 * against the endpoint's schema, wait for the operation's rate limiter, attach the access token, send, then
 * decide: parse the answer, wait out a throttle lock, re-mint a refused token once, retry what is safe to
 * retry, or throw a `CliqApiError`.
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { z } from "zod";
import { isBotId, OPERATIONS, toPathBotId, type HandlerType, type OperationId } from "../api/operations";
import { resolveEndpoints } from "../config/data-centers";
import { CliqConfigError } from "../config/errors";
import type {
  Bot,
  BotCreateRequest,
  BotListPage,
  BotUpdateRequest,
  CliqApi,
  Handler,
  HandlerCreateRequest,
  HandlerUpdateRequest,
  PageParams,
  SubscriberPage,
} from "./api";
import { OAuthTokenSource, StaticTokenSource, type TokenSource } from "./auth";
import { CLIENT_ERROR_CODES, CliqApiError } from "./errors";
import { OperationLimiters } from "./limiter";
import type { CliqClientOptions, CliqLogger } from "./options";
import { quoteBody, redactText } from "./redact";
import {
  backoffDelayMs,
  classifyNetworkFailure,
  isInvalidTokenAnswer,
  isRepeatable,
  isThrottleAnswer,
  sleep,
} from "./retry";
import { ENDPOINT_SCHEMAS, errorBodySchema, type EndpointSchemas } from "./schemas";
import { decodeBody, stringifyJson } from "./wire";

export const DEFAULT_MAX_THROTTLE_WAIT_SECONDS = 1800;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 4;
/** Page size used when following `next_token` to the end (the API's maximum). */
const LIST_ALL_PAGE_SIZE = 50;
const LIST_ALL_MAX_PAGES = 1000;
const REQUEST_ID_HEADERS = ["x-request-id", "x-zoho-request-id", "x-correlation-id"];

/** Token cache and rate limiters: the state that every client of one endpoint + identity must share. */
export interface ClientState {
  readonly tokens: TokenSource;
  readonly limiters: OperationLimiters;
}

interface CallRequest {
  pathParams?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

const NO_SILENT_LOGGER: CliqLogger = { warn: (message) => console.warn(`warning: ${message}`) };

function createHttp(options: CliqClientOptions, baseURL?: string): AxiosInstance {
  return axios.create({
    ...(baseURL ? { baseURL } : {}),
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    ...(options.transport ? { adapter: options.transport } : {}),
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: "text",
    transformRequest: [
      (data: unknown) => (data === undefined || typeof data === "string" ? data : stringifyJson(data)),
    ],
    transformResponse: [(data: unknown) => decodeBody(data)],
    headers: { Accept: "application/json" },
  });
}

/** Builds the token source the options ask for; throws `CliqConfigError` when there are no credentials. */
export function createTokenSource(options: CliqClientOptions, accountsUrl: string): TokenSource {
  const { clientId, clientSecret, refreshToken, accessToken } = options;
  if (clientId && clientSecret && refreshToken) {
    return new OAuthTokenSource(
      createHttp(options),
      accountsUrl,
      { clientId, clientSecret, refreshToken },
      options.timeScale ?? 1,
    );
  }
  if (accessToken) return new StaticTokenSource(accessToken);
  if (clientId || clientSecret || refreshToken) {
    throw new CliqConfigError(
      "clientId",
      "the OAuth refresh-token flow needs clientId, clientSecret and refreshToken together",
    );
  }
  throw new CliqConfigError(
    "accessToken",
    "no Cliq credentials: give accessToken, or clientId, clientSecret and refreshToken",
  );
}

export function createClientState(options: CliqClientOptions): ClientState {
  const { accountsUrl } = resolveEndpoints(options);
  return {
    tokens: createTokenSource(options, accountsUrl),
    limiters: new OperationLimiters(options.timeScale ?? 1),
  };
}

function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Z_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

function queryString(query: Record<string, string | undefined> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

function requestIdOf(response: AxiosResponse): string | undefined {
  for (const header of REQUEST_ID_HEADERS) {
    const value: unknown = response.headers?.[header];
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

function issueSummary(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const where = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more issue(s))` : "";
  return `${where}: ${issue.message}${more}`;
}

export class CliqClient implements CliqApi {
  readonly apiUrl: string;
  readonly accountsUrl: string;
  private readonly http: AxiosInstance;
  private readonly state: ClientState;
  private readonly timeScale: number;
  private readonly maxThrottleWaitSeconds: number;
  private readonly maxAttempts: number;
  private readonly requestTimeoutMs: number;
  private logger: CliqLogger;

  constructor(options: CliqClientOptions, state?: ClientState) {
    const endpoints = resolveEndpoints(options);
    this.apiUrl = endpoints.apiUrl;
    this.accountsUrl = endpoints.accountsUrl;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new CliqConfigError("timeScale", "timeScale must be a number > 0");
    this.maxThrottleWaitSeconds = options.maxThrottleWaitSeconds ?? DEFAULT_MAX_THROTTLE_WAIT_SECONDS;
    if (!(this.maxThrottleWaitSeconds >= 0)) {
      throw new CliqConfigError("maxThrottleWaitSeconds", "maxThrottleWaitSeconds must be a number >= 0");
    }
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.logger = options.logger ?? NO_SILENT_LOGGER;
    this.http = createHttp(options, this.apiUrl);
    this.state = state ?? createClientState(options);
    // Options hold credentials; make sure no enumerable field of the client does.
    Object.defineProperty(this, "state", { enumerable: false });
    Object.defineProperty(this, "http", { enumerable: false });
  }

  /** Where waits and retries are reported (the shared client takes the latest caller's logger). */
  setLogger(logger: CliqLogger | undefined): void {
    this.logger = logger ?? NO_SILENT_LOGGER;
  }

  // ---------- bots ----------

  createBot(body: BotCreateRequest): Promise<Bot> {
    return this.call("create_a_new_bot", { body });
  }

  listBots(params: PageParams = {}): Promise<BotListPage> {
    return this.call("list_all_bots", { query: pageQuery(params) });
  }

  async listAllBots(): Promise<Bot[]> {
    const bots: Bot[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 0; page < LIST_ALL_MAX_PAGES; page++) {
      const result = await this.listBots({ limit: LIST_ALL_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
      bots.push(...result.bots);
      if (!result.nextToken || seen.has(result.nextToken) || result.bots.length === 0) break;
      seen.add(result.nextToken);
      nextToken = result.nextToken;
    }
    return bots;
  }

  getBot(botId: string): Promise<Bot> {
    return this.call("get_details_of_a_specific_bot", { pathParams: { BOT_ID: toPathBotId(botId) } });
  }

  updateBot(botId: string, body: BotUpdateRequest): Promise<Bot> {
    return this.call("update_an_existing_bot", { pathParams: { BOT_ID: toPathBotId(botId) }, body });
  }

  deleteBot(botId: string): Promise<void> {
    return this.call("delete_a_specific_bot", { pathParams: { BOT_ID: toPathBotId(botId) } });
  }

  // ---------- messages and calls ----------

  sendBotMessage(
    botUniqueName: string,
    body: Record<string, unknown>,
    query: { channelUniqueName?: string; userIds?: string[] } = {},
  ): Promise<unknown> {
    return this.call("send_a_bot_message", {
      pathParams: { BOT_UNIQUE_NAME: botUniqueName },
      query: { CHANNEL_UNIQUE_NAME: query.channelUniqueName, user_ids: query.userIds?.join(",") },
      body,
    });
  }

  sendIncomingWebhookMessage(
    botUniqueName: string,
    body: Record<string, string>,
    query: { userIds?: string[] } = {},
  ): Promise<{ user_ids?: string[] }> {
    return this.call("send_an_incoming_webhook_message", {
      pathParams: { BOT_UNIQUE_NAME: botUniqueName },
      query: { user_ids: query.userIds?.join(",") },
      body,
    });
  }

  triggerBotCall(
    botUniqueName: string,
    body: Record<string, unknown>,
  ): Promise<{ id?: string; user_ids?: string[] }> {
    return this.call("Trigger_Bot_Calls", { pathParams: { BOT_UNIQUE_NAME: botUniqueName }, body });
  }

  // ---------- handlers ----------

  createHandler(botId: string, body: HandlerCreateRequest): Promise<Handler> {
    return this.call("create_a_handler_for_a_bot", { pathParams: { BOT_ID: toPathBotId(botId) }, body });
  }

  updateHandler(
    botId: string,
    type: HandlerType,
    body: HandlerUpdateRequest,
    handlerId?: string,
  ): Promise<Handler> {
    return this.call("update_a_handler_for_a_bot", {
      pathParams: { BOT_ID: toPathBotId(botId), HANDLER_TYPE: type },
      query: { handler_id: handlerId },
      body,
    });
  }

  getHandler(botId: string, type: HandlerType, handlerId?: string): Promise<Handler> {
    return this.call("get_details_of_a_specific_bot_handler", {
      pathParams: { BOT_ID: toPathBotId(botId), HANDLER_TYPE: type },
      query: { handler_id: handlerId },
    });
  }

  deleteHandler(botId: string, type: HandlerType, handlerId?: string): Promise<void> {
    return this.call("delete_a_handler_from_a_bot", {
      pathParams: { BOT_ID: toPathBotId(botId), HANDLER_TYPE: type },
      query: { handler_id: handlerId },
    });
  }

  // ---------- channels and subscribers ----------

  associateBotToChannel(botUniqueName: string, channelUniqueName: string): Promise<void> {
    return this.call("associate_bot_to_channel", {
      pathParams: { BOT_UNIQUE_NAME: botUniqueName },
      body: { channel_unique_name: channelUniqueName },
    });
  }

  listSubscribers(botIdOrUniqueName: string, params: PageParams = {}): Promise<SubscriberPage> {
    const target = isBotId(botIdOrUniqueName) ? toPathBotId(botIdOrUniqueName) : botIdOrUniqueName;
    return this.call("list_all_subscribers_of_a_bot", {
      pathParams: { BOT_ID_OR_UNIQUE_NAME: target },
      query: pageQuery(params),
    });
  }

  // ---------- the pipeline ----------

  /** Every log line passes here: scrubbed like error messages, since a failure's text may quote a request. */
  private report(level: "warn" | "info", message: string, secrets: readonly string[]): void {
    const line = redactText(message, secrets);
    if (level === "warn") this.logger.warn(line);
    else this.logger.info?.(line);
  }

  /** Reports a retry of a failed attempt, then sleeps the jittered backoff for retry number `retry`. */
  private async backOff(failure: string, retry: number, secrets: readonly string[]): Promise<void> {
    this.report("info", `${failure}; retrying (${retry}/${this.maxAttempts - 1})`, secrets);
    await sleep(backoffDelayMs(retry - 1, this.timeScale));
  }

  private async call<K extends OperationId>(
    operationId: K,
    request: CallRequest,
  ): Promise<z.output<EndpointSchemas[K]["response"]>> {
    const spec = OPERATIONS[operationId];
    const schemas: { request: z.ZodType | undefined; response: z.ZodType } = ENDPOINT_SCHEMAS[operationId];
    const method = spec.method;
    const secrets = () => this.state.tokens.secrets();
    const fail = (
      init: Omit<ConstructorParameters<typeof CliqApiError>[0], "operationId" | "method" | "path">,
    ) => new CliqApiError({ ...init, operationId, method, path, secrets: secrets() });

    let path: string = spec.path;
    try {
      path = fillPath(spec.path, request.pathParams ?? {});
    } catch (error) {
      throw fail({
        message: `${operationId}: ${(error as Error).message}`,
        code: CLIENT_ERROR_CODES.invalidRequest,
      });
    }
    let body: unknown;
    if (schemas.request) {
      const parsed = schemas.request.safeParse(request.body);
      if (!parsed.success) {
        throw fail({
          message: `${operationId} request body is invalid at ${issueSummary(parsed.error)}; nothing was sent`,
          code: CLIENT_ERROR_CODES.invalidRequest,
        });
      }
      body = parsed.data;
    }
    const url = path + queryString(request.query);
    const limiter = this.state.limiters.for(operationId);

    let retries = 0;
    let throttleWaitedSeconds = 0;
    let tokenRenewed = false;
    for (;;) {
      const release = await limiter.acquire();
      let token: string;
      let response: AxiosResponse;
      try {
        token = await this.state.tokens.getToken();
      } catch (error) {
        release();
        throw error;
      }
      try {
        response = await this.http.request({
          method,
          url,
          data: body,
          headers: {
            Authorization: `Zoho-oauthtoken ${token}`,
            ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
        });
      } catch (error) {
        release();
        const kind = classifyNetworkFailure(error as { code?: unknown; message?: unknown });
        const detail = (error as Error)?.message ?? String(error);
        if (retries + 1 < this.maxAttempts && (kind === "not_sent" || isRepeatable(method))) {
          retries += 1;
          await this.backOff(`Cliq ${operationId} (${method} ${path}): ${detail}`, retries, secrets());
          continue;
        }
        throw fail({
          message:
            kind === "timeout"
              ? `Cliq ${operationId} (${method} ${path}) got no answer within ${this.requestTimeoutMs} ms`
              : `Cliq ${operationId} (${method} ${path}) failed on the network: ${detail}`,
          code: kind === "timeout" ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.networkError,
          ambiguous: kind !== "not_sent" && method !== "GET",
          cause: error,
        });
      }
      release();

      const status = response.status;
      const answer: unknown = response.data;
      const requestId = requestIdOf(response);
      if (status >= 200 && status < 300) {
        const parsed = schemas.response.safeParse(answer);
        if (parsed.success) return parsed.data as z.output<EndpointSchemas[K]["response"]>;
        throw fail({
          message:
            `Cliq's answer to ${operationId} (${method} ${path}, HTTP ${status}) does not match the spec at ` +
            `${issueSummary(parsed.error)}; body received: ${quoteBody(answer, secrets())}`,
          code: CLIENT_ERROR_CODES.invalidResponse,
          status,
          requestId,
        });
      }

      const errorBody = errorBodySchema.safeParse(answer);
      const code = errorBody.success ? errorBody.data.code : undefined;
      const apiMessage = errorBody.success && errorBody.data.message ? errorBody.data.message : undefined;

      if (isThrottleAnswer(status, code)) {
        const lockSeconds = spec.rateLimit.lockSeconds;
        const remaining = this.maxThrottleWaitSeconds - throttleWaitedSeconds;
        if (lockSeconds > remaining) {
          throw fail({
            message:
              `Cliq throttled ${operationId} (${method} ${path}, HTTP ${status}) and its lock period is ` +
              `${lockSeconds} s, more than the ${remaining} s left of the throttle-wait budget ` +
              `(maxThrottleWaitSeconds = ${this.maxThrottleWaitSeconds}); raise cliq:maxThrottleWaitSeconds ` +
              `(CLIQ_MAX_THROTTLE_WAIT_SECONDS) or run again after the lock`,
            code: CLIENT_ERROR_CODES.requestLimitExceeded,
            status,
            requestId,
          });
        }
        const waitMs = lockSeconds * 1000 * this.timeScale;
        limiter.lockUntil(Date.now() + waitMs);
        throttleWaitedSeconds += lockSeconds;
        const wall =
          this.timeScale === 1
            ? ""
            : ` (${(waitMs / 1000).toFixed(3)} s of wall time at time scale ${this.timeScale})`;
        this.report(
          "warn",
          `Cliq rate limit: ${operationId} was throttled (HTTP ${status}${code ? ` ${code}` : ""}); waiting ` +
            `${lockSeconds} s for its lock period to end before retrying${wall}`,
          secrets(),
        );
        continue;
      }

      if (isInvalidTokenAnswer(status, code) && this.state.tokens.refreshable && !tokenRenewed) {
        tokenRenewed = true;
        this.state.tokens.invalidate(token);
        this.report("info", `Cliq refused the access token (${code}); minting a new one`, secrets());
        continue;
      }

      if (status >= 500 && isRepeatable(method) && retries + 1 < this.maxAttempts) {
        retries += 1;
        await this.backOff(
          `Cliq ${operationId} (${method} ${path}) answered HTTP ${status}`,
          retries,
          secrets(),
        );
        continue;
      }

      const what = apiMessage ?? (errorBody.success ? undefined : quoteBody(answer, secrets(), 200));
      const hint =
        status === 401
          ? this.state.tokens.refreshable
            ? " (check cliq:clientId, cliq:clientSecret and cliq:refreshToken)"
            : " (check cliq:accessToken; static tokens expire after an hour, prefer the refresh-token settings)"
          : "";
      throw fail({
        message:
          `Cliq ${operationId} (${method} ${path}) failed with HTTP ${status}${code ? ` ${code}` : ""}` +
          `${what ? `: ${redactText(what, secrets())}` : ""}${hint}`,
        status,
        ...(code !== undefined ? { code } : status === 401 ? { code: CLIENT_ERROR_CODES.unauthorized } : {}),
        requestId,
        ambiguous: status >= 500 && method !== "GET",
      });
    }
  }
}

function pageQuery(params: PageParams): Record<string, string | undefined> {
  return {
    limit: params.limit === undefined ? undefined : String(params.limit),
    next_token: params.nextToken,
    sync_token: params.syncToken,
  };
}
