import * as pulumi from "@pulumi/pulumi";
import type { BOT_OUTPUTS as COMPUTED, BOT_PROPERTIES } from "../provider/resources/bot/properties";
import { rememberBot } from "./bot-registry";
import { recordBotProfile } from "./bot-profile";
import { markLookedUp } from "./lookups";
import { serializableProvider } from "./shim";
import type { ArgOf, ArgOutputOf, ComputedOf } from "./table-types";

/** A Bot argument's type, its output's type and a computed output's type, from the tables' rows. */
type Arg<K extends keyof typeof BOT_PROPERTIES> = ArgOf<(typeof BOT_PROPERTIES)[K]>;
type Out<K extends keyof typeof BOT_PROPERTIES> = ArgOutputOf<(typeof BOT_PROPERTIES)[K]>;
type Computed<K extends keyof typeof COMPUTED> = ComputedOf<(typeof COMPUTED)[K]>;

/** Arguments of a {@link Bot}. */
export interface BotArgs {
  /**
   * Display name, unique in the organisation, at most 20 characters. Updated in place; Cliq keeps the
   * `uniqueName` it derived from the first name.
   */
  name: Arg<"name">;
  /** What the bot does, at most 300 characters (required by the API). Updated in place. */
  description: Arg<"description">;
  /**
   * Who can use the bot: `organization`, `team` (needs `teamIds`) or `personal`. Updated in place; when left
   * out, Cliq decides and the provider leaves it alone.
   */
  scope?: Arg<"scope">;
  // Wider than the table's digit strings: a safe-integer number is accepted and turned into one by check.
  /**
   * Teams that may use the bot: 1 to 4 team ids, only with `scope: "team"`. Digit strings (ids can exceed
   * 2^53); numbers are accepted only while they are safe integers. Cliq reads team ids as numbers, so a
   * leading zero would name another team (`"007"` is team 7) and is refused. Updated in place; removing
   * clears them.
   */
  teamIds?: pulumi.Input<pulumi.Input<string | number>[]>;
  /**
   * `deluge` (default: handlers are Deluge scripts run by Cliq) or `webhook` (Cliq posts events to
   * `executionUrl`). A change replaces the bot (the old one is deleted first when the name stays the same).
   */
  executionType?: Arg<"executionType">;
  /**
   * Required for webhook bots, refused for Deluge bots: the https endpoint Cliq posts handler events to
   * (plain http only for loopback hosts). Updated in place.
   */
  executionUrl?: Arg<"executionUrl">;
  /** Up to 10 status messages of at most 50 characters each. Updated in place; removing clears them. */
  statusMessages?: Arg<"statusMessages">;
  /** Avatar: an image URL or Base64 data, as the API accepts. Updated in place; removing clears it. */
  image?: Arg<"image">;
  /**
   * What the bot may do in channels: any of `listen_message`, `send_message`, `auto_follow_thread` (at most
   * 3, no duplicates). Updated in place; removing clears it.
   */
  channelParticipation?: Arg<"channelParticipation">;
  /**
   * Bot calls: `enabled` or `disabled` (`enable` / `disable` are accepted and stored as `enabled` /
   * `disabled`). Updated in place; when left out, Cliq's setting is left alone.
   */
  calls?: Arg<"calls">;
  /**
   * Opt-in adoption: when a bot with this name already exists, take it over (update it to these arguments)
   * instead of failing. `pulumi import` cannot reach dynamic providers; this is the way to bring an existing
   * bot under management. Only consulted on create.
   */
  adoptExisting?: Arg<"adoptExisting">;
  /**
   * The credential set (Cliq organisation) for this bot: a profile name of the stack config `cliq:profiles`.
   * Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change replaces the
   * resource: it is created in the new profile's organisation and deleted from the old one. Handlers and
   * channel associations given this `Bot` itself default to the same profile.
   */
  profile?: Arg<"profile">;
}

/** What `Bot.get` may be told about the bot before reading it: any of its arguments and outputs. */
export interface BotState extends Partial<BotArgs> {
  botId?: pulumi.Input<string>;
  uniqueName?: pulumi.Input<string>;
  apiHost?: pulumi.Input<string>;
}

/**
 * A Zoho Cliq bot. The resource id is the bot's bare numeric id (as a string).
 *
 * @example
 * const bot = new cliq.Bot("alerts", { name: "Pipeline Alerts", description: "CI/CD alerts",
 *   executionType: "webhook", executionUrl: "https://ci.example.com/cliq" });
 */
export class Bot extends pulumi.dynamic.Resource {
  /** The type token previews show: `pulumi-nodejs:dynamic/cliq:Bot`. */
  static readonly module = "cliq";
  static readonly typeName = "Bot";

  /**
   * Display name, unique in the organisation, at most 20 characters. Updated in place; Cliq keeps the
   * `uniqueName` it derived from the first name.
   */
  declare readonly name: Out<"name">;
  /** What the bot does, at most 300 characters (required by the API). Updated in place. */
  declare readonly description: Out<"description">;
  /**
   * Who can use the bot: `organization`, `team` (needs `teamIds`) or `personal`. Updated in place; when left
   * out, Cliq decides and the provider leaves it alone.
   */
  declare readonly scope: Out<"scope">;
  /**
   * Teams that may use the bot: 1 to 4 team ids, only with `scope: "team"`. Digit strings (ids can exceed
   * 2^53); numbers are accepted only while they are safe integers. Cliq reads team ids as numbers, so a
   * leading zero would name another team (`"007"` is team 7) and is refused. Updated in place; removing
   * clears them.
   */
  declare readonly teamIds: Out<"teamIds">;
  /**
   * `deluge` (default: handlers are Deluge scripts run by Cliq) or `webhook` (Cliq posts events to
   * `executionUrl`). A change replaces the bot (the old one is deleted first when the name stays the same).
   */
  declare readonly executionType: Out<"executionType">;
  /**
   * Required for webhook bots, refused for Deluge bots: the https endpoint Cliq posts handler events to
   * (plain http only for loopback hosts). Updated in place.
   */
  declare readonly executionUrl: Out<"executionUrl">;
  /** Up to 10 status messages of at most 50 characters each. Updated in place; removing clears them. */
  declare readonly statusMessages: Out<"statusMessages">;
  /** Avatar: an image URL or Base64 data, as the API accepts. Updated in place; removing clears it. */
  declare readonly image: Out<"image">;
  /**
   * What the bot may do in channels: any of `listen_message`, `send_message`, `auto_follow_thread` (at most
   * 3, no duplicates). Updated in place; removing clears it.
   */
  declare readonly channelParticipation: Out<"channelParticipation">;
  // Narrower than the accepted spellings: check stores `enable` / `disable` as `enabled` / `disabled`.
  /**
   * Bot calls: `enabled` or `disabled` (`enable` / `disable` are accepted and stored as `enabled` /
   * `disabled`). Updated in place; when left out, Cliq's setting is left alone.
   */
  declare readonly calls: pulumi.Output<"enabled" | "disabled" | undefined>;
  /**
   * Opt-in adoption: when a bot with this name already exists, take it over (update it to these arguments)
   * instead of failing. `pulumi import` cannot reach dynamic providers; this is the way to bring an existing
   * bot under management. Only consulted on create.
   */
  declare readonly adoptExisting: Out<"adoptExisting">;
  /**
   * The credential set (Cliq organisation) for this bot: a profile name of the stack config `cliq:profiles`.
   * Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change replaces the
   * resource: it is created in the new profile's organisation and deleted from the old one. Handlers and
   * channel associations given this `Bot` itself default to the same profile.
   */
  declare readonly profile: Out<"profile">;
  /** The bare bot id (same as `id`); handlers take it as `botId`. */
  declare readonly botId: Computed<"botId">;
  /** Permanent identifier Cliq assigned; channel associations and messages use it. */
  declare readonly uniqueName: Computed<"uniqueName">;
  /** Cliq's status of the bot, e.g. `enabled`. */
  declare readonly status: Computed<"status">;
  /** Who created the bot. */
  declare readonly creator: Computed<"creator">;
  /** How many users subscribed to the bot. */
  declare readonly subscriberCount: Computed<"subscriberCount">;
  /** Cliq's bot category (`custom` for bots made through the API). */
  declare readonly botType: Computed<"botType">;
  /**
   * Handler types the bot has, from the summary Cliq returns with the bot, as of the last create, update or
   * refresh (so handlers made after the bot show up at the next refresh). Informational: never causes a diff.
   */
  declare readonly handlerTypes: Computed<"handlerTypes">;
  /**
   * Where the object lives: the origin of the Cliq API it was created through (e.g. `https://cliq.zoho.eu`).
   * Reading, updating or deleting it through another host is refused; see the `movedFrom` setting.
   */
  declare readonly apiHost: pulumi.Output<string>;

  constructor(name: string, args: BotArgs, opts?: pulumi.CustomResourceOptions) {
    // With an `id` (as `get` passes it) the engine reads the bot instead of creating it, and `args` is the
    // optional state the read starts from (Pulumi's argsOrState convention).
    const declared = opts?.id === undefined ? args : undefined;
    const props =
      declared === undefined
        ? { ...BOT_OUTPUTS, name: undefined, description: undefined, ...(args as BotState | undefined) }
        : { ...BOT_OUTPUTS, ...declared };
    super(serializableProvider("bot"), name, props, opts, Bot.module, Bot.typeName);
    // Handlers given this bot are checked against its executionType and each other at preview (handler-checks).
    rememberBot(this, name, declared);
    recordBotProfile(this, args?.profile);
  }

  /**
   * Looks up an existing bot by its id (bare or `b-` form) without managing it: the bot is read, never
   * changed or deleted by this program. Pulumi's `get(name, id, state?, opts?)` shape: `state` holds known
   * outputs the read starts from (e.g. `apiHost`); usually left out.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: BotState,
    opts?: pulumi.CustomResourceOptions,
  ): Bot {
    return markLookedUp(new Bot(name, state as BotArgs, { ...opts, id }));
  }
}

/**
 * Every output, declared so the engine returns it (an undefined input is an output placeholder). Checked
 * against the property tables: an argument or computed output missing here fails to compile.
 */
const BOT_OUTPUTS = {
  scope: undefined,
  teamIds: undefined,
  executionType: undefined,
  executionUrl: undefined,
  statusMessages: undefined,
  image: undefined,
  channelParticipation: undefined,
  calls: undefined,
  adoptExisting: undefined,
  profile: undefined,
  botId: undefined,
  uniqueName: undefined,
  status: undefined,
  creator: undefined,
  subscriberCount: undefined,
  botType: undefined,
  handlerTypes: undefined,
  apiHost: undefined,
} satisfies Record<
  Exclude<keyof typeof BOT_PROPERTIES, "name" | "description"> | keyof typeof COMPUTED | "apiHost",
  undefined
>;
