/**
 * The plugin's resource types and what it needs to know about each beyond the provider object: its token, its
 * argument table and computed outputs (for detailed diffs, previews and import).
 */
import type { ProviderKind } from "../resources/providers";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../resources/channel-association/properties";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../resources/handler/properties";
import type { PropertyTable } from "../resources/shared/properties";

/** One resource type of the plugin. */
export interface PluginKind {
  kind: ProviderKind;
  table: PropertyTable;
  /** Outputs Cliq assigns (unknown in a preview of a create). */
  computed: readonly string[];
}

/** Resource type token -> its kind. */
export const KINDS: Readonly<Record<string, PluginKind>> = {
  "cliq:index:Bot": {
    kind: "bot",
    table: BOT_PROPERTIES,
    computed: [...Object.keys(BOT_OUTPUTS), "apiHost"],
  },
  "cliq:index:BotHandler": {
    kind: "botHandler",
    table: HANDLER_PROPERTIES,
    computed: [...Object.keys(HANDLER_OUTPUTS), "apiHost"],
  },
  "cliq:index:ChannelAssociation": {
    kind: "channelAssociation",
    table: CHANNEL_ASSOCIATION_PROPERTIES,
    computed: ["apiHost"],
  },
};

/** The type token of a URN (`urn:pulumi:stack::project::parent$cliq:index:Bot::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").at(-1) ?? "";
}

/** The kind of a request: its `type` field (newer engines) or the type in its URN. */
export function kindOf(type: string, urn: string): PluginKind {
  const token = type !== "" ? type : typeOfUrn(urn);
  const kind = KINDS[token];
  if (kind === undefined) throw new Error(`the cliq provider has no resource type ${JSON.stringify(token)}`);
  return kind;
}
