/**
 * Ids and names checked to the API's shape and length, and check, emulator and reference pages agreeing.
 *
 * Decisions, from spec/cliq-bots-v3.yaml: bot, handler and team ids are Zoho's numeric ids (`team_ids` items and
 * `handler_id` are `integer`; the bot id is "a unique numeric identifier", examples 17 and 19 digits): 64-bit
 * integers, so a bot or handler id has at most 19 digits. Team ids travel as JSON integers, which have no leading
 * zeros, and no Zoho id is 0: `"0"` and `"007"` stay refused (the emulator, as Cliq, reads `"007"` as team 7). A channel's
 * unique name travels in the JSON body of associate_bot_to_channel (`channel_unique_name`, a plain string), not
 * in a path: only what breaks the membership's own id (`/`, its separator) or is a display name (spaces) is
 * refused, so `#`, `?` and `%` are accepted. A bot's unique name is a path segment and keeps the path rules.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { isBotId } from "../../cliq-api/operations";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { checkBotInputs } from "../../provider/resources/bot/inputs";
import { parseBotResourceId } from "../../provider/resources/bot/mapping";
import { checkChannelAssociationInputs } from "../../provider/resources/channel-association/inputs";
import { parseChannelAssociationId } from "../../provider/resources/channel-association/mapping";
import { checkHandlerInputs } from "../../provider/resources/handler/inputs";
import { parseHandlerResourceId } from "../../provider/resources/handler/mapping";

const REPO = path.resolve(__dirname, "../..");
const LONGEST = "9".repeat(19);
const TOO_LONG = "9".repeat(20);
const HUGE = "1".repeat(5000);

const failuresOf = (outcome: { failures: { property: string }[] }) => outcome.failures.map((f) => f.property);

describe("ids checked to the API's shape and length", () => {
  it("accepts bot ids of up to 19 digits (a 64-bit id), bare or b-prefixed, and refuses longer ones", () => {
    assert.equal(isBotId(LONGEST), true);
    assert.equal(isBotId(`b-${LONGEST}`), true);
    for (const id of [TOO_LONG, HUGE, `b-${HUGE}`]) {
      assert.equal(isBotId(id), false, `${id.length} characters`);
      assert.throws(() => parseBotResourceId(id), /is not a Bot id/);
    }
  });

  it("refuses a 5,000-digit bot id in every place one is taken: Bot.get, BotHandler botId and id", () => {
    assert.throws(() => parseBotResourceId(HUGE), /at most 19 digits/);
    const handler = checkHandlerInputs({ botId: HUGE, type: "message_handler" });
    assert.ok(failuresOf(handler).includes("botId"), JSON.stringify(handler.failures));
    assert.throws(() => parseHandlerResourceId(`${HUGE}/message_handler`), /is not a BotHandler id/);
    assert.throws(() => parseHandlerResourceId(`1/menu_handler/${HUGE}`), /is not a BotHandler id/);
  });

  it("team ids: positive, without leading zeros", () => {
    const bot = (teamIds: unknown[]) =>
      failuresOf(checkBotInputs({ name: "T", description: "d", scope: "team", teamIds }));
    assert.deepEqual(bot([LONGEST]), []);
    for (const id of ["0", "007"]) assert.deepEqual(bot([id]), ["teamIds[0]"], id);
  });

  it("channel unique names: #, ? and % are accepted (they travel in a JSON body); / and spaces are not", () => {
    const association = (channelUniqueName: string) =>
      failuresOf(checkChannelAssociationInputs({ botUniqueName: "alerts", channelUniqueName }));
    for (const name of ["c#1", "what?", "100%", "a%2Fb"]) {
      assert.deepEqual(association(name), [], name);
      assert.deepEqual(parseChannelAssociationId(`alerts/${name}`), {
        botUniqueName: "alerts",
        channelUniqueName: name,
      });
    }
    for (const name of ["a/b", "two words"]) assert.deepEqual(association(name), ["channelUniqueName"], name);
    // The bot's unique name is a path segment: the path rules stay.
    assert.deepEqual(
      failuresOf(checkChannelAssociationInputs({ botUniqueName: "a?b", channelUniqueName: "ops" })),
      ["botUniqueName"],
    );
  });

  it("the reference pages state the same rules", () => {
    const association = fs.readFileSync(path.join(REPO, "docs/channel-association.md"), "utf8");
    assert.match(association, /`#`, `\?` and `%` are accepted/);
    const bot = fs.readFileSync(path.join(REPO, "docs/bot.md"), "utf8");
    assert.match(bot, /no leading zeros \(`"0"` and `"007"` are refused\)/);
  });
});

describe("the emulator agrees with check", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0, tokens: ["t"], rateLimits: false });
  });
  after(() => emulator.close());

  async function post(pathname: string, body: unknown): Promise<{ status: number; text: string }> {
    const response = await fetch(`${emulator.apiUrl}${pathname}`, {
      method: "POST",
      headers: { Authorization: "Zoho-oauthtoken t", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  it("refuses team id 0, as check does", async () => {
    for (const id of ["0"]) {
      const answer = await post("/bots", {
        name: `Team ${id.length}`,
        description: "d",
        scope: "team",
        team_ids: [id],
      });
      assert.equal(answer.status, 400, `${id}: ${answer.text}`);
    }
    const ok = await post("/bots", { name: "Team ok", description: "d", scope: "team", team_ids: [LONGEST] });
    assert.equal(ok.status, 200, ok.text);
  });

  it("associates a bot with a channel whose unique name has #, ? or %", async () => {
    await new EmulatorControl(emulator.url).reset();
    const bot = await post("/bots", { name: "Member", description: "d" });
    const uniqueName = (JSON.parse(bot.text) as { data: { unique_name: string } }).data.unique_name;
    for (const channel of ["c#1", "what?", "100%"]) {
      const answer = await post(`/bots/${uniqueName}/associate`, { channel_unique_name: channel });
      assert.equal(answer.status, 200, `${channel}: ${answer.text}`);
    }
  });
});
