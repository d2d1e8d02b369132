/**
 * Which generated blocks each reference page (docs/*.md) holds, and how to regenerate a page: every block sits
 * between `<!-- args:<block> -->` and `<!-- /args:<block> -->` (the README's marker syntax, written by the same
 * `replaceBetweenMarkers`), and the hand-written text around the blocks is left as it is.
 * `npm run docs:args` rewrites them; tests/docs/reference.test.ts fails when one is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../provider/resources/channel-association/properties";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../provider/resources/handler/properties";
import { replaceBetweenMarkers } from "../provider/resources/shared/properties";
import {
  errorsBlock,
  operationsBlock,
  scopesOf,
  type LifecycleStep,
  type ProviderHandling,
} from "./docs-api";
import { examplesBlock, resourceTokens } from "./docs-examples";
import { functionInputsBlock, functionOutputsBlock } from "./docs-functions";
import { inputsBlock, outputsBlock, type CommonOutput } from "./docs-properties";

export const DOCS_DIR = path.join(__dirname, "..", "docs");

const API_HOST: CommonOutput = {
  name: "apiHost",
  type: "string",
  description:
    "The origin of the Cliq API the object was created through (e.g. `https://cliq.zoho.eu`); reading, " +
    "updating or deleting it through another host is refused (see `cliq:movedFrom`).",
};

/** The calls each resource's steps make (what the providers in provider/resources/<kind>/provider.ts send). */
export const BOT_STEPS: readonly LifecycleStep[] = [
  { when: "create", operations: ["create_a_new_bot"] },
  {
    when: "create, after a lost answer or with `adoptExisting`",
    operations: ["list_all_bots", "get_details_of_a_specific_bot", "update_an_existing_bot"],
  },
  { when: "refresh, `Bot.get`", operations: ["get_details_of_a_specific_bot"] },
  { when: "update", operations: ["update_an_existing_bot"] },
  { when: "delete (also ends handlers and memberships)", operations: ["delete_a_specific_bot"] },
  { when: "`getBot` / `listBots`", operations: ["list_all_bots", "get_details_of_a_specific_bot"] },
];

export const HANDLER_STEPS: readonly LifecycleStep[] = [
  { when: "create", operations: ["create_a_handler_for_a_bot"] },
  {
    when: "create, after a lost answer or with `adoptExisting`",
    operations: [
      "get_details_of_a_specific_bot_handler",
      "get_details_of_a_specific_bot",
      "update_a_handler_for_a_bot",
    ],
  },
  { when: "refresh, `BotHandler.get`", operations: ["get_details_of_a_specific_bot_handler"] },
  { when: "update", operations: ["update_a_handler_for_a_bot"] },
  { when: "delete (skipped when deleted with its bot)", operations: ["delete_a_handler_from_a_bot"] },
];

export const ASSOCIATION_STEPS: readonly LifecycleStep[] = [
  { when: "create (repeated after a lost answer)", operations: ["associate_bot_to_channel"] },
  { when: "refresh, `ChannelAssociation.get`", operations: ["list_all_subscribers_of_a_bot"] },
];

/** The calls of the functions (provider/resources/bot/find.ts): a paged list, and one bot's read by id. */
export const GET_BOT_STEPS: readonly LifecycleStep[] = [
  { when: "by `name` or `uniqueName`", operations: ["list_all_bots"] },
  { when: "then, or at once by `id`", operations: ["get_details_of_a_specific_bot"] },
];
export const LIST_BOTS_STEPS: readonly LifecycleStep[] = [{ when: "always", operations: ["list_all_bots"] }];

/** What the providers do with a code themselves, before the hint (see each kind's provider.ts). */
const HANDLING: ProviderHandling = {
  bot_not_found:
    "On delete: success (already gone). On refresh: the object is dropped from the stack, when the host " +
    "that made it says so.",
  bot_name_already_exists: "With `adoptExisting: true` the existing bot is taken over instead.",
  execution_handler_not_found:
    "On delete: success (already gone). On refresh: the handler is dropped from the stack.",
  default_handler_delete_not_allowed:
    "On delete: success with a warning; the handler stays until its bot is deleted.",
  bot_already_member: "On create: success; the membership is adopted.",
  request_limit_exceeded:
    "Waits out the operation's lock and retries, up to `maxThrottleWaitSeconds` in all; this code is what is " +
    "left when the wait would exceed it.",
  network_error:
    "GET, PATCH and DELETE are retried with backoff (8 attempts); a create is looked up before it is sent again.",
  timeout: "As `network_error`: each request waits 30 s for an answer.",
};

/** A reference page: its file and the blocks it holds. */
export interface ReferencePage {
  file: string;
  blocks: Readonly<Record<string, () => string>>;
}

const ALL_STEPS = [...BOT_STEPS, ...HANDLER_STEPS, ...ASSOCIATION_STEPS];

/** The scopes as a list for a page. */
function scopesBlock(steps: readonly LifecycleStep[]): string {
  return scopesOf(steps)
    .map((scope) => `- \`${scope}\``)
    .join("\n");
}

export const REFERENCE_PAGES: readonly ReferencePage[] = [
  {
    file: "bot.md",
    blocks: {
      "bot-examples": () => examplesBlock("bot", resourceTokens("Bot")),
      "bot-inputs": () => inputsBlock(BOT_PROPERTIES),
      "bot-outputs": () =>
        outputsBlock(
          { name: "id", type: "string", description: "The bare bot id (digits), the same as `botId`." },
          BOT_OUTPUTS,
          [API_HOST],
        ),
      "bot-scopes": () => scopesBlock(BOT_STEPS),
      "bot-operations": () => operationsBlock(BOT_STEPS),
      "bot-errors": () => errorsBlock(BOT_STEPS, HANDLING),
    },
  },
  {
    file: "bot-handler.md",
    blocks: {
      "handler-examples": () => examplesBlock("bot", resourceTokens("BotHandler")),
      "handler-inputs": () => inputsBlock(HANDLER_PROPERTIES),
      "handler-outputs": () =>
        outputsBlock(
          {
            name: "id",
            type: "string",
            description: "`<botId>/<type>`, or `<botId>/menu_handler/<handlerId>` for menu handlers.",
          },
          HANDLER_OUTPUTS,
          [API_HOST],
        ),
      "handler-scopes": () => scopesBlock(HANDLER_STEPS),
      "handler-operations": () => operationsBlock(HANDLER_STEPS),
      "handler-errors": () => errorsBlock(HANDLER_STEPS, HANDLING),
    },
  },
  {
    file: "channel-association.md",
    blocks: {
      "association-examples": () => examplesBlock("bot", resourceTokens("ChannelAssociation")),
      "association-inputs": () => inputsBlock(CHANNEL_ASSOCIATION_PROPERTIES),
      "association-outputs": () =>
        outputsBlock(
          { name: "id", type: "string", description: "`<botUniqueName>/<channelUniqueName>`." },
          {},
          [API_HOST],
        ),
      "association-scopes": () => scopesBlock(ASSOCIATION_STEPS),
      "association-operations": () => operationsBlock(ASSOCIATION_STEPS),
      "association-errors": () => errorsBlock(ASSOCIATION_STEPS, HANDLING),
    },
  },
  {
    file: "get-bot.md",
    blocks: {
      "getbot-inputs": () => functionInputsBlock("cliq:index:getBot"),
      "getbot-outputs": () => functionOutputsBlock("cliq:index:getBot"),
      "getbot-examples": () =>
        examplesBlock("lookups", {
          label: "Function",
          names: { typescript: "getBot", python: "get_bot", go: "LookupBot", yaml: "cliq:index:getBot" },
        }),
      "getbot-operations": () => operationsBlock(GET_BOT_STEPS),
    },
  },
  {
    file: "list-bots.md",
    blocks: {
      "listbots-inputs": () => functionInputsBlock("cliq:index:listBots"),
      "listbots-outputs": () => functionOutputsBlock("cliq:index:listBots"),
      "listbots-examples": () =>
        examplesBlock("lookups", {
          label: "Function",
          names: { typescript: "listBots", python: "list_bots", go: "ListBots", yaml: "cliq:index:listBots" },
        }),
      "listbots-operations": () => operationsBlock(LIST_BOTS_STEPS),
    },
  },
  {
    file: "_index.md",
    blocks: {
      "overview-example": () => examplesBlock("bot", resourceTokens("Bot")),
      "all-scopes": () =>
        `${scopesBlock(ALL_STEPS)}\n\nComma-separated, as the Zoho API console's Self Client asks for them:\n` +
        `\`${scopesOf(ALL_STEPS).join(",")}\`.`,
    },
  },
  {
    file: "troubleshooting.md",
    blocks: { "all-errors": () => errorsBlock(ALL_STEPS, HANDLING) },
  },
];

/** A page's text with every generated block rewritten; throws when a block's markers are missing. */
export function withReferenceBlocks(text: string, page: ReferencePage): string {
  let out = text;
  for (const [name, render] of Object.entries(page.blocks)) out = replaceBetweenMarkers(out, name, render());
  return out;
}

/** Rewrites every reference page whose blocks are stale; returns the files rewritten. */
export function writeReferencePages(dir: string = DOCS_DIR): string[] {
  const written: string[] = [];
  for (const page of REFERENCE_PAGES) {
    const file = path.join(dir, page.file);
    const before = fs.readFileSync(file, "utf8");
    const after = withReferenceBlocks(before, page);
    if (after !== before) {
      fs.writeFileSync(file, after);
      written.push(page.file);
    }
  }
  return written;
}
