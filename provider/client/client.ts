/**
 * `CliqClient`: the typed Cliq Bots API v3 client, one method per endpoint. Every call goes through one pipeline
 * (pipeline.ts): validate the request against the endpoint's schema, wait for the operation's rate limiter,
 * attach the access token, send, then decide: parse the answer, wait out a throttle lock, re-mint a refused
 * token once, retry what is safe to retry, or throw a `CliqApiError`.
 */
import { isBotId, toPathBotId, type HandlerType } from "../../cliq-api/operations";
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
import { CliqPipeline } from "./pipeline";
import { pageQuery } from "./request";

/** Page size used when following `next_token` to the end (the API's maximum). */
const LIST_ALL_PAGE_SIZE = 50;
const LIST_ALL_MAX_PAGES = 1000;

/**
 * The typed Cliq Bots API v3 client. Build one per process with `getSharedClient` (one token cache and one set
 * of rate limiters for every client of the same endpoints and credentials), or directly for tests and tools.
 * Its endpoint methods are below; every one goes through the pipeline (pipeline.ts).
 */
export class CliqClient extends CliqPipeline implements CliqApi {
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
}
