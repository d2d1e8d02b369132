/**
 * The provider's functions: `cliq:index:getBot` and `cliq:index:listBots`, over the same lookups the SDK's
 * `getBot` / `listBots` use (provider/resources/bot/find.ts). A malformed query is answered as a failure naming
 * the argument, before any request.
 */
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { checkBotQuery, findBot, listBotData } from "../resources/bot/find";
import { messageOf } from "../resources/shared/errors";
import type { PluginInstance } from "./instance";
import { fromStruct, toStruct } from "./values";

/** The function tokens the plugin serves. */
export const FUNCTIONS = ["cliq:index:getBot", "cliq:index:listBots"] as const;

function failure(reason: string): provproto.CheckFailure {
  const out = new provproto.CheckFailure();
  out.setReason(reason);
  return out;
}

/** Runs one function; an unknown token is an error naming it. */
export async function invoke(instance: PluginInstance, req: provproto.InvokeRequest) {
  const args = fromStruct(req.getArgs()).props;
  const response = new provproto.InvokeResponse();
  switch (req.getTok()) {
    case "cliq:index:getBot": {
      let query: ReturnType<typeof checkBotQuery>;
      try {
        query = checkBotQuery(args);
      } catch (error) {
        response.setFailuresList([failure(messageOf(error))]);
        return response;
      }
      response.setReturn(toStruct({ ...(await findBot(instance.api(), query)) }));
      return response;
    }
    case "cliq:index:listBots":
      response.setReturn(toStruct({ bots: await listBotData(instance.api()) }));
      return response;
    default:
      throw new Error(
        `the cliq provider has no function ${JSON.stringify(req.getTok())}; it offers ${FUNCTIONS.join(", ")}`,
      );
  }
}
