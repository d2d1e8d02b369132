import * as pulumi from "@pulumi/pulumi";
import { botProfile } from "./bot-profile";
import { associationBotInputs, deletedWithBot, type BotReference } from "./bot-reference";
import type { CHANNEL_ASSOCIATION_PROPERTIES } from "../provider/resources/channel-association/properties";
import { serializableProvider } from "./shim";
import type { ArgOf, ArgOutputOf } from "./table-types";

/** A ChannelAssociation argument's type and its output's type, from the table's rows. */
type Arg<K extends keyof typeof CHANNEL_ASSOCIATION_PROPERTIES> = ArgOf<
  (typeof CHANNEL_ASSOCIATION_PROPERTIES)[K]
>;
type Out<K extends keyof typeof CHANNEL_ASSOCIATION_PROPERTIES> = ArgOutputOf<
  (typeof CHANNEL_ASSOCIATION_PROPERTIES)[K]
>;

/** Arguments of a {@link ChannelAssociation}. */
export interface ChannelAssociationArgs {
  /**
   * The bot: the `Bot` itself (recommended), or its unique name (`Bot.uniqueName`, not its display name).
   * Given the `Bot`, the membership is deleted with it (`deletedWith` defaults to the bot: deleting a bot
   * ends its memberships, so no delete and no "stays a member" warning), and a preview of an in-place update
   * of the bot does not show the association as replaced. With a plain unique name, pass
   * `{ deletedWith: bot }` for the former. A change replaces the association.
   */
  botUniqueName: BotReference;
  /** The channel's unique name. A change replaces the association. */
  channelUniqueName: Arg<"channelUniqueName">;
  /**
   * The credential set (Cliq organisation) for this membership: a profile name of the stack config
   * `cliq:profiles`. Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change
   * replaces the resource: it is created in the new profile's organisation and deleted from the old one.
   * Given the `Bot` itself or its `uniqueName` output, it defaults to the bot's profile.
   */
  profile?: Arg<"profile">;
}

/** What `ChannelAssociation.get` may be told about the membership before reading it. */
export interface ChannelAssociationState {
  botUniqueName?: pulumi.Input<string>;
  channelUniqueName?: pulumi.Input<string>;
  profile?: pulumi.Input<string>;
  apiHost?: pulumi.Input<string>;
}

/**
 * A bot's membership in a channel; id `<botUniqueName>/<channelUniqueName>`. Creating it when the bot is
 * already a member succeeds (adoption). The Bots API cannot remove a bot from a channel: destroying the
 * resource succeeds with a warning and the bot stays in the channel until removed in Cliq or deleted.
 */
export class ChannelAssociation extends pulumi.dynamic.Resource {
  /** The type token previews show: `pulumi-nodejs:dynamic/cliq:ChannelAssociation`. */
  static readonly module = "cliq";
  static readonly typeName = "ChannelAssociation";

  /**
   * The bot: the `Bot` itself (recommended), or its unique name (`Bot.uniqueName`, not its display name).
   * Given the `Bot`, the membership is deleted with it (`deletedWith` defaults to the bot: deleting a bot
   * ends its memberships, so no delete and no "stays a member" warning), and a preview of an in-place update
   * of the bot does not show the association as replaced. With a plain unique name, pass
   * `{ deletedWith: bot }` for the former. A change replaces the association.
   */
  declare readonly botUniqueName: Out<"botUniqueName">;
  /** The channel's unique name. A change replaces the association. */
  declare readonly channelUniqueName: Out<"channelUniqueName">;
  /**
   * The credential set (Cliq organisation) for this membership: a profile name of the stack config
   * `cliq:profiles`. Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change
   * replaces the resource: it is created in the new profile's organisation and deleted from the old one.
   * Given the `Bot` itself or its `uniqueName` output, it defaults to the bot's profile.
   */
  declare readonly profile: Out<"profile">;
  /**
   * Where the object lives: the origin of the Cliq API it was created through (e.g. `https://cliq.zoho.eu`).
   * Reading, updating or deleting it through another host is refused; see the `movedFrom` setting.
   */
  declare readonly apiHost: pulumi.Output<string>;

  constructor(name: string, args: ChannelAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    // With an `id` (as `get` passes it) the engine reads the membership, and `args` is the optional state the
    // read starts from (Pulumi's argsOrState convention).
    const lookup = opts?.id !== undefined;
    const props =
      lookup || args === undefined
        ? { ...ASSOCIATION_OUTPUTS, ...(args as ChannelAssociationState | undefined) }
        : {
            ...ASSOCIATION_OUTPUTS,
            ...args,
            ...associationBotInputs(args.botUniqueName),
            profile: args.profile ?? botProfile(args.botUniqueName),
          };
    super(
      serializableProvider("channelAssociation"),
      name,
      props,
      lookup ? opts : deletedWithBot(args?.botUniqueName, opts),
      ChannelAssociation.module,
      ChannelAssociation.typeName,
    );
  }

  /**
   * Looks up an existing membership by id `<botUniqueName>/<channelUniqueName>`, in Pulumi's
   * `get(name, id, state?, opts?)` shape: `state` holds known outputs the read starts from.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: ChannelAssociationState,
    opts?: pulumi.CustomResourceOptions,
  ): ChannelAssociation {
    return new ChannelAssociation(name, state as ChannelAssociationArgs, { ...opts, id });
  }
}

const ASSOCIATION_OUTPUTS = {
  botUniqueName: undefined,
  channelUniqueName: undefined,
  profile: undefined,
  apiHost: undefined,
};
