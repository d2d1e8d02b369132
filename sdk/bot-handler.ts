import * as pulumi from "@pulumi/pulumi";
import type { HandlerType, Permission } from "../cliq-api/operations";
import type {
  HANDLER_OUTPUTS as COMPUTED,
  HANDLER_PROPERTIES,
} from "../provider/resources/handler/properties";
import { botProfile } from "./bot-profile";
import { botIdInput, deletedWithBot, type BotReference } from "./bot-reference";
import { checkHandlerOnBot, reportDeferred } from "./handler-checks";
import { serializableProvider } from "./shim";
import type { ValueOf } from "../provider/resources/shared/property-types";
import type { ArgOf, ArgOutputOf, ComputedOf } from "./table-types";

/** Handler types Cliq knows; `menu_handler` is the only one a bot may have several of (up to 5). */
export type BotHandlerType = HandlerType;

/** Data a webhook bot's handler asks Cliq to include in the event it posts. */
export type BotHandlerPermission = Permission;

/** The fields of one of a menu handler's `subActions`, as its table row types them. */
type SubActionFields = (typeof HANDLER_PROPERTIES)["subActions"]["type"]["items"]["properties"];

/** A menu action's nested action. */
export interface BotHandlerSubAction {
  /** Label, at most 15 characters. */
  name: pulumi.Input<ValueOf<SubActionFields["name"]>>;
  /** `<icon-name>/<HEX colour>`, e.g. `wand/FF5733`. */
  icon?: pulumi.Input<ValueOf<SubActionFields["icon"]>>;
}

/** A BotHandler argument's type, its output's type and a computed output's type, from the tables' rows. */
type Arg<K extends keyof typeof HANDLER_PROPERTIES> = ArgOf<(typeof HANDLER_PROPERTIES)[K]>;
type Out<K extends keyof typeof HANDLER_PROPERTIES> = ArgOutputOf<(typeof HANDLER_PROPERTIES)[K]>;
type Computed<K extends keyof typeof COMPUTED> = ComputedOf<(typeof COMPUTED)[K]>;

/** Arguments of a {@link BotHandler}. Give exactly one of `script` (Deluge bots) or `permissions` (webhook bots). */
export interface BotHandlerArgs {
  /**
   * The bot: the `Bot` itself (recommended), or its id (`Bot.id`; the `b-` form is accepted too). Given the
   * `Bot`, the handler is deleted with it (`deletedWith` defaults to the bot: deleting a bot deletes its
   * handlers, so the handler's own delete is skipped); with a plain id, pass `{ deletedWith: bot }` for the
   * same. A change replaces the handler.
   */
  botId: BotReference;
  /** Which trigger the handler serves. A change replaces the handler. */
  type: Arg<"type">;
  /** Deluge source (Deluge bots only), at most 250 KB of UTF-8. Updated in place. */
  script?: Arg<"script">;
  /**
   * Webhook bots only: up to 5 of the data attributes allowed for this handler type (for example
   * `message_handler`: attachments, chat, location, message, user; `welcome_handler`: user). Updated in
   * place.
   */
  permissions?: Arg<"permissions">;
  /** Menu handlers only (required there): the menu label, at most 15 characters. Updated in place. */
  name?: Arg<"name">;
  /**
   * Menu handlers only: `<icon-name>/<HEX colour>`, e.g. `wand/FF5733`. Updated in place; removing clears it.
   */
  icon?: Arg<"icon">;
  /** Menu handlers only: up to 5 nested actions. Updated in place; removing clears them. */
  subActions?: Arg<"subActions">;
  /**
   * Opt-in adoption: when the bot already has this handler (for a menu handler: one with this `name`), take
   * it over and update it to these arguments instead of failing. Only consulted on create.
   */
  adoptExisting?: Arg<"adoptExisting">;
  /**
   * The credential set (Cliq organisation) for this handler: a profile name of the stack config
   * `cliq:profiles`. Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change
   * replaces the resource: it is created in the new profile's organisation and deleted from the old one.
   * Given the `Bot` itself or its `id` / `botId` output, it defaults to the bot's profile.
   */
  profile?: Arg<"profile">;
}

/** What `BotHandler.get` may be told about the handler before reading it. */
export interface BotHandlerState extends Partial<Omit<BotHandlerArgs, "botId">> {
  botId?: pulumi.Input<string>;
  handlerId?: pulumi.Input<string>;
  apiHost?: pulumi.Input<string>;
}

/**
 * A handler of a Cliq bot. Resource ids are `<botId>/<type>`, or `<botId>/menu_handler/<handlerId>` for menu
 * handlers. Destroying a default handler that Cliq refuses to delete succeeds with a warning.
 */
export class BotHandler extends pulumi.dynamic.Resource {
  /** The type token previews show: `pulumi-nodejs:dynamic/cliq:BotHandler`. */
  static readonly module = "cliq";
  static readonly typeName = "BotHandler";

  /**
   * The bot: the `Bot` itself (recommended), or its id (`Bot.id`; the `b-` form is accepted too). Given the
   * `Bot`, the handler is deleted with it (`deletedWith` defaults to the bot: deleting a bot deletes its
   * handlers, so the handler's own delete is skipped); with a plain id, pass `{ deletedWith: bot }` for the
   * same. A change replaces the handler.
   */
  declare readonly botId: Out<"botId">;
  /** Which trigger the handler serves. A change replaces the handler. */
  declare readonly type: Out<"type">;
  /** Deluge source (Deluge bots only), at most 250 KB of UTF-8. Updated in place. */
  declare readonly script: Out<"script">;
  /**
   * Webhook bots only: up to 5 of the data attributes allowed for this handler type (for example
   * `message_handler`: attachments, chat, location, message, user; `welcome_handler`: user). Updated in
   * place.
   */
  declare readonly permissions: Out<"permissions">;
  /** Menu handlers only (required there): the menu label, at most 15 characters. Updated in place. */
  declare readonly name: Out<"name">;
  /**
   * Menu handlers only: `<icon-name>/<HEX colour>`, e.g. `wand/FF5733`. Updated in place; removing clears it.
   */
  declare readonly icon: Out<"icon">;
  /** Menu handlers only: up to 5 nested actions. Updated in place; removing clears them. */
  declare readonly subActions: Out<"subActions">;
  /**
   * Opt-in adoption: when the bot already has this handler (for a menu handler: one with this `name`), take
   * it over and update it to these arguments instead of failing. Only consulted on create.
   */
  declare readonly adoptExisting: Out<"adoptExisting">;
  /**
   * The credential set (Cliq organisation) for this handler: a profile name of the stack config
   * `cliq:profiles`. Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change
   * replaces the resource: it is created in the new profile's organisation and deleted from the old one.
   * Given the `Bot` itself or its `id` / `botId` output, it defaults to the bot's profile.
   */
  declare readonly profile: Out<"profile">;
  /** The handler's id as Cliq reports it (menu handlers are addressed by it). */
  declare readonly handlerId: Computed<"handlerId">;
  /** The menu position Cliq assigned (menu handlers). */
  declare readonly position: Computed<"position">;
  /**
   * Where the object lives: the origin of the Cliq API it was created through (e.g. `https://cliq.zoho.eu`).
   * Reading, updating or deleting it through another host is refused; see the `movedFrom` setting.
   */
  declare readonly apiHost: pulumi.Output<string>;

  constructor(name: string, args: BotHandlerArgs, opts?: pulumi.CustomResourceOptions) {
    // With an `id` (as `get` passes it) the engine reads the handler, and `args` is the optional state the read
    // starts from (Pulumi's argsOrState convention); such a handler is not checked against a bot.
    const lookup = opts?.id !== undefined;
    const props =
      lookup || args === undefined
        ? { ...HANDLER_OUTPUTS, ...(args as BotHandlerState | undefined) }
        : {
            ...HANDLER_OUTPUTS,
            ...args,
            botId: botIdInput(args.botId),
            profile: args.profile ?? botProfile(args.botId),
          };
    // Checks that need the bot and its other handlers: a problem in known values fails before registration.
    const deferred = checkHandlerOnBot(name, lookup ? undefined : args);
    const options = deletedWithBot(args?.botId, opts);
    super(serializableProvider("botHandler"), name, props, options, BotHandler.module, BotHandler.typeName);
    reportDeferred(this, deferred);
  }

  /**
   * Looks up an existing handler by resource id (`<botId>/<type>` or `<botId>/menu_handler/<handlerId>`), in
   * Pulumi's `get(name, id, state?, opts?)` shape: `state` holds known outputs the read starts from.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: BotHandlerState,
    opts?: pulumi.CustomResourceOptions,
  ): BotHandler {
    return new BotHandler(name, state as BotHandlerArgs, { ...opts, id });
  }
}

/** Every output, declared so the engine returns it; checked against the property tables. */
const HANDLER_OUTPUTS = {
  botId: undefined,
  type: undefined,
  script: undefined,
  permissions: undefined,
  name: undefined,
  icon: undefined,
  subActions: undefined,
  adoptExisting: undefined,
  profile: undefined,
  handlerId: undefined,
  position: undefined,
  apiHost: undefined,
} satisfies Record<keyof typeof HANDLER_PROPERTIES | keyof typeof COMPUTED | "apiHost", undefined>;
