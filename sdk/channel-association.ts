import * as pulumi from "@pulumi/pulumi";
import { associationBotInputs, deletedWithBot, type BotReference } from "./bot-reference";
import { serializableProvider } from "./shim";

/** Arguments of a {@link ChannelAssociation}. */
export interface ChannelAssociationArgs {
  /**
   * The bot: the `Bot` itself (recommended), or its unique name (`Bot.uniqueName`, not its display name). Given
   * the `Bot`, the membership is deleted with it (`deletedWith` defaults to the bot: deleting a bot ends its
   * memberships, so no delete and no "stays a member" warning), and a preview of an in-place update of the bot
   * does not show the association as replaced. With a plain unique name, pass `{ deletedWith: bot }` for the
   * former. A change replaces the association.
   */
  botUniqueName: BotReference;
  /** The channel's unique name. A change replaces the association. */
  channelUniqueName: pulumi.Input<string>;
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

  declare readonly botUniqueName: pulumi.Output<string>;
  declare readonly channelUniqueName: pulumi.Output<string>;
  /**
   * Where the object lives: the origin of the Cliq API it was created through (e.g. `https://cliq.zoho.eu`).
   * Reading, updating or deleting it through another host is refused; see `cliq:movedFrom`.
   */
  declare readonly apiHost: pulumi.Output<string>;

  constructor(name: string, args: ChannelAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    const props =
      args === undefined
        ? { ...ASSOCIATION_OUTPUTS }
        : { ...ASSOCIATION_OUTPUTS, ...args, ...associationBotInputs(args.botUniqueName) };
    super(
      serializableProvider("channelAssociation"),
      name,
      props,
      deletedWithBot(args?.botUniqueName, opts),
      ChannelAssociation.module,
      ChannelAssociation.typeName,
    );
  }

  /** Looks up an existing membership by id `<botUniqueName>/<channelUniqueName>`. */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    opts?: pulumi.CustomResourceOptions,
  ): ChannelAssociation {
    return new ChannelAssociation(name, undefined as unknown as ChannelAssociationArgs, { ...opts, id });
  }
}

const ASSOCIATION_OUTPUTS = { botUniqueName: undefined, channelUniqueName: undefined, apiHost: undefined };
