import { strict as assert } from "node:assert";
import {
  botIdNeedsRecording,
  botIdProblem,
  settleBotUniqueName,
  splitBotId,
} from "../../provider/resources/channel-association/bot-identity";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { checked, useHarness, type Harness } from "./helpers";

const OLDS = { botUniqueName: "alerts", channelUniqueName: "ops", botId: "53719000002124012" };

describe("ChannelAssociation: the bot's id beside its unique name", () => {
  it("accepts a bot id in either form, or not yet known, and refuses anything else", () => {
    assert.equal(botIdProblem("53719000002124012"), undefined);
    assert.equal(botIdProblem("b-53719000002124012"), undefined);
    assert.equal(botIdProblem(UNKNOWN), undefined);
    assert.equal(botIdProblem(undefined), undefined);
    assert.match(botIdProblem("alerts") ?? "", /must be a bot id/);
    assert.match(botIdProblem(42) ?? "", /must be a bot id/);
  });

  it("takes the bot id out of the arguments in its bare form", () => {
    assert.deepEqual(splitBotId({ botUniqueName: "a", botId: "b-7" }), {
      rest: { botUniqueName: "a" },
      botId: "7",
    });
    assert.deepEqual(splitBotId({ botUniqueName: "a" }), { rest: { botUniqueName: "a" }, botId: undefined });
  });

  it("keeps the recorded unique name when it is unknown but the bot id is the recorded one", () => {
    const news = { botUniqueName: UNKNOWN, channelUniqueName: "ops", botId: OLDS.botId };
    assert.equal(settleBotUniqueName(OLDS, news).botUniqueName, "alerts");
  });

  it("leaves an unknown unique name unknown when the bot is replaced, another bot, or not identified", () => {
    const unknownName = { botUniqueName: UNKNOWN, channelUniqueName: "ops" };
    for (const news of [
      { ...unknownName, botId: UNKNOWN },
      { ...unknownName, botId: "53719000002199999" },
      unknownName,
    ]) {
      assert.equal(settleBotUniqueName(OLDS, news).botUniqueName, UNKNOWN);
    }
    const { botId: _recorded, ...plainOlds } = OLDS;
    const news = { ...unknownName, botId: OLDS.botId };
    assert.equal(settleBotUniqueName(plainOlds, news).botUniqueName, UNKNOWN);
  });

  it("records a known bot id the outputs do not hold; leaving it out asks for nothing", () => {
    const { botId: _recorded, ...plainOlds } = OLDS;
    assert.equal(botIdNeedsRecording(plainOlds, { botId: OLDS.botId }), true);
    assert.equal(botIdNeedsRecording(OLDS, { botId: OLDS.botId }), false);
    assert.equal(botIdNeedsRecording(OLDS, { botId: UNKNOWN }), false);
    assert.equal(botIdNeedsRecording(OLDS, {}), false);
  });

  describe("through the provider", () => {
    let h: Harness;
    useHarness((harness) => (h = harness), { rateLimits: false });

    it("refuses a bot id that is not one at check, naming botId", async () => {
      const { failures } = await h.channelAssociation.check(
        {},
        {
          botUniqueName: "alerts",
          channelUniqueName: "ops",
          botId: "Pipeline Alerts",
        },
      );
      assert.deepEqual(
        failures.map((f) => f.property),
        ["botId"],
      );
    });

    it("creates with the bot id recorded, and diffs an in-place bot update as no change", async () => {
      const bot = await h.bot.create(await checked(h.bot, { name: "Alerts", description: "d" }));
      const inputs = await checked(h.channelAssociation, {
        botUniqueName: bot.outs.uniqueName,
        channelUniqueName: "ops",
        botId: `b-${bot.id}`,
      });
      const { id, outs } = await h.channelAssociation.create(inputs);
      assert.equal(outs.botId, bot.id);
      const preview = { botUniqueName: UNKNOWN, channelUniqueName: "ops", botId: bot.id };
      assert.deepEqual(await h.channelAssociation.diff(id, outs, preview), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      const replaced = { ...preview, botId: UNKNOWN };
      assert.deepEqual((await h.channelAssociation.diff(id, outs, replaced)).replaces, ["botUniqueName"]);
      const read = await h.channelAssociation.read(id, outs);
      assert.equal(read.props?.botId, bot.id);
    });

    it("records the bot id of an association made without it by an update that calls nothing", async () => {
      const bot = await h.bot.create(await checked(h.bot, { name: "Recorded", description: "d" }));
      const plain = { botUniqueName: String(bot.outs.uniqueName), channelUniqueName: "ops" };
      const { id, outs } = await h.channelAssociation.create(await checked(h.channelAssociation, plain));
      assert.equal(outs.botId, undefined);
      const news = { ...plain, botId: bot.id };
      assert.deepEqual(await h.channelAssociation.diff(id, outs, news), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      await h.clearRequests();
      const updated = await h.channelAssociation.update(id, outs, news);
      assert.equal(updated.outs.botId, bot.id);
      assert.deepEqual(await h.requests(), []);
    });
  });
});
