import type { CliqApi } from "../../client/api";
import { errorCode, isAmbiguous, isGone } from "../shared/errors";
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
    if (isGone(error, ["bot_not_found"])) return false;
    throw error;
  }
}

/** Adds the bot to the channel; "already a member" is success (the membership is adopted). */
async function associate(api: CliqApi, address: ChannelAssociationAddress): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.associateBotToChannel(address.botUniqueName, address.channelUniqueName);
      return;
    } catch (error) {
      if (errorCode(error) === "bot_already_member") return;
      // A lost answer: repeating is safe, since a second association answers bot_already_member.
      if (isAmbiguous(error) && attempt < 3) continue;
      throw error;
    }
  }
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
      await associate(deps.api(), address);
      return { id: channelAssociationId(address), outs: { ...address } };
    },

    async read(id) {
      const address = parseChannelAssociationId(id);
      // No API lists a channel's bots: a membership is known gone only when its bot is gone.
      if (!(await botExists(deps.api(), address.botUniqueName))) return {};
      return { id, props: { ...address } };
    },

    async update(_id, _olds, news) {
      // Every property replaces, so the engine never asks for an in-place update with a real change.
      return { outs: { botUniqueName: news.botUniqueName, channelUniqueName: news.channelUniqueName } };
    },

    async delete(id) {
      deps.logger.warn(membershipStaysWarning(parseChannelAssociationId(id)));
    },
  };
}
