/**
 * The contract between the Cliq API client and its users (the dynamic providers). `CliqClient` implements
 * it; the providers depend only on this interface. Field names follow the API (snake_case) because these
 * are wire shapes; the providers map them to the SDK's camelCase.
 */
import type {
  ChannelParticipation,
  ExecutionType,
  HandlerType,
  Permission,
  Scope,
} from "../../cliq-api/operations";
import type { HostContext } from "./api-host";
import type { RetryPolicy } from "./retry";

/** `calls` as sent: the spec's create enum says enable|disable, its examples and the edit enum say enabled|disabled. */
export type CallsSetting = "enabled" | "disabled";

export interface BotCreateRequest {
  name: string;
  description: string;
  scope?: Scope;
  /** Digit strings; the client sends each as the exact JSON number it spells (ids may exceed 2^53). */
  team_ids?: string[];
  execution_type?: ExecutionType;
  execution_url?: string;
  status_messages?: string[];
  image?: string;
  channel_participation?: ChannelParticipation[];
  calls?: CallsSetting;
}

/** PATCH body: only the fields to change. `null` is not used; clearing sends the empty value (`""` or `[]`). */
export type BotUpdateRequest = Partial<Omit<BotCreateRequest, "execution_type">>;

export interface BotHandlerSummary {
  type: string;
  id?: string;
  name?: string;
  icon?: string;
  position?: number;
  sub_actions?: { name: string; icon?: string }[];
}

/** A bot as the API returns it; ids are strings (team ids too, whatever the wire used). */
export interface Bot {
  id: string;
  unique_name: string;
  name: string;
  description?: string;
  scope?: string;
  team_ids?: string[];
  status_messages?: string[];
  channel_participation?: string[];
  calls?: string;
  image?: string;
  execution_type?: string;
  execution_url?: string;
  handlers?: BotHandlerSummary[];
  creator?: { name?: string; id?: string };
  status?: string;
  type?: string;
  default?: boolean;
  subscriber_count?: number;
  /** Fields the spec does not list are kept. */
  [extra: string]: unknown;
}

export interface BotListPage {
  bots: Bot[];
  nextToken?: string;
  syncToken?: string;
  deleted?: string[];
}

export interface SubAction {
  name: string;
  icon?: string;
}

export interface HandlerCreateRequest {
  type: HandlerType;
  script?: string;
  permissions?: Permission[];
  name?: string;
  icon?: string;
  sub_actions?: SubAction[];
}

export type HandlerUpdateRequest = Partial<Omit<HandlerCreateRequest, "type">>;

/** A handler as create/update/get return it, normalised: `id` from `id` or `handler_id`, display props flattened. */
export interface Handler {
  type: string;
  id?: string;
  script?: string;
  permissions?: string[];
  name?: string;
  icon?: string;
  position?: number;
  sub_actions?: SubAction[];
  [extra: string]: unknown;
}

export interface Subscriber {
  user_id?: string;
  email_id?: string;
  name?: string;
}

export interface SubscriberPage {
  subscribers: Subscriber[];
  nextToken?: string;
  syncToken?: string;
}

export interface PageParams {
  limit?: number;
  nextToken?: string;
  syncToken?: string;
}

/**
 * The API as the providers use it. `apiHost` is recorded with every object it creates (`HostContext`), and
 * `retryPolicy` bounds the create-after-lookup loops exactly like the client's own retries.
 */
export interface CliqApi extends HostContext {
  readonly retryPolicy: RetryPolicy;
  createBot(body: BotCreateRequest): Promise<Bot>;
  listBots(params?: PageParams): Promise<BotListPage>;
  /** Follows `next_token` to the end; used to find a bot by name after an ambiguous create. */
  listAllBots(): Promise<Bot[]>;
  getBot(botId: string): Promise<Bot>;
  updateBot(botId: string, body: BotUpdateRequest): Promise<Bot>;
  deleteBot(botId: string): Promise<void>;
  sendBotMessage(
    botUniqueName: string,
    body: Record<string, unknown>,
    query?: { channelUniqueName?: string; userIds?: string[] },
  ): Promise<unknown>;
  sendIncomingWebhookMessage(
    botUniqueName: string,
    body: Record<string, string>,
    query?: { userIds?: string[] },
  ): Promise<{ user_ids?: string[] }>;
  triggerBotCall(
    botUniqueName: string,
    body: Record<string, unknown>,
  ): Promise<{ id?: string; user_ids?: string[] }>;
  createHandler(botId: string, body: HandlerCreateRequest): Promise<Handler>;
  updateHandler(
    botId: string,
    type: HandlerType,
    body: HandlerUpdateRequest,
    handlerId?: string,
  ): Promise<Handler>;
  getHandler(botId: string, type: HandlerType, handlerId?: string): Promise<Handler>;
  deleteHandler(botId: string, type: HandlerType, handlerId?: string): Promise<void>;
  associateBotToChannel(botUniqueName: string, channelUniqueName: string): Promise<void>;
  listSubscribers(botIdOrUniqueName: string, params?: PageParams): Promise<SubscriberPage>;
}
