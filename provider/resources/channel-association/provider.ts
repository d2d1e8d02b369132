import type { CliqApi } from "../../client/api";
import { assertSameHost } from "../../client/api-host";
import { createLookingUp } from "../../client/create-retry";
import { isAlreadyExists, isNotFound } from "../../client/errors";
import { goneFromCliq } from "../shared/errors";
import type { CliqResourceProvider, ProviderDeps } from "../shared/provider-deps";
import { assertKnown } from "../shared/unknown";
import { pureProviderMethods } from "../shared/wiring";
import { diffChannelAssociation } from "./diff";
import { checkChannelAssociationInputs, type ChannelAssociationInputs } from "./inputs";
import { channelAssociationId, parseChannelAssociationId, type ChannelAssociationAddress } from "./mapping";

/** The warning given on destroy: the Bots API cannot take a bot out of a channel. */
export function membershipStaysWarning(address: ChannelAssociationAddress): string {
  return (
    `ChannelAssociation ${channelAssociationId(address)}: the Cliq Bots API has no call to remove a bot from a ` +
    `channel, so bot "${address.botUniqueName}" stays a member of channel "${address.channelUniqueName}" although ` +
    `the association was removed from the Pulumi stack. To remove it by hand: in Cliq open the channel, go to ` +
    `Members (Bots tab), and remove the bot; or delete the bot, which ends all its channel memberships.`
  );
}

/** Whether a bot with this unique name still exists (its subscriber list answers 404 when it does not). */
export async function botExists(api: CliqApi, botUniqueName: string): Promise<boolean> {
  try {
    await api.listSubscribers(botUniqueName, { limit: 1 });
    return true;
  } catch (error) {
    if (isNotFound(error, "bot")) return false;
    throw error;
  }
}

/**
 * Adds the bot to the channel; "already a member" is success (the membership is adopted). No API lists a
 * channel's bots, so a lost answer cannot be looked up; sending again is safe instead, since a second
 * association answers `bot_already_member`. It is retried with backoff within the client's attempts.
 */
async function associate(api: CliqApi, address: ChannelAssociationAddress): Promise<void> {
  await createLookingUp(
    {
      send: async () => {
        try {
          await api.associateBotToChannel(address.botUniqueName, address.channelUniqueName);
        } catch (error) {
          if (!isAlreadyExists(error, "membership")) throw error;
        }
        return true;
      },
      lookUp: async () => undefined,
    },
    api.retryPolicy,
  );
}

export function createChannelAssociationProvider(deps: ProviderDeps): CliqResourceProvider {
  return {
    ...pureProviderMethods<ChannelAssociationInputs, ChannelAssociationInputs>(
      deps,
      checkChannelAssociationInputs,
      diffChannelAssociation,
    ),

    async create(raw) {
      assertKnown(raw, "ChannelAssociation", "create");
      const address = {
        botUniqueName: String(raw.botUniqueName),
        channelUniqueName: String(raw.channelUniqueName),
      };
      const api = deps.api();
      await associate(api, address);
      return { id: channelAssociationId(address), outs: { ...address, apiHost: api.apiHost } };
    },

    async read(id, props) {
      const address = parseChannelAssociationId(id);
      const api = deps.api();
      assertSameHost(props?.apiHost, api, `ChannelAssociation ${id}`, "read");
      // No API lists a channel's bots: a membership is known gone only when its bot is gone.
      if (!(await botExists(api, address.botUniqueName))) {
        return goneFromCliq(`ChannelAssociation ${id}`, api.apiHost, props);
      }
      return { id, props: { ...address, apiHost: api.apiHost } };
    },

    async update(id, olds, news) {
      // Every property replaces, so the engine never asks for an in-place update with a real change.
      const api = deps.api();
      assertSameHost(olds.apiHost, api, `ChannelAssociation ${id}`, "update");
      return {
        outs: {
          botUniqueName: news.botUniqueName,
          channelUniqueName: news.channelUniqueName,
          apiHost: api.apiHost,
        },
      };
    },

    async delete(id, props) {
      // Nothing is sent (the API cannot remove a membership), but a destroy aimed at another data center is
      // refused like every other call, so the warning never names the wrong Cliq.
      if (props?.apiHost !== undefined) {
        assertSameHost(props.apiHost, deps.api(), `ChannelAssociation ${id}`, "delete");
      }
      deps.logger.warn(membershipStaysWarning(parseChannelAssociationId(id)));
    },
  };
}
