import { strict as assert } from "node:assert";
import { checkChannelAssociationInputs } from "../../provider/resources/channel-association/inputs";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { checked, useHarness, type Harness } from "./helpers";

describe("ChannelAssociation check", () => {
  const failingCases: { rule: string; news: Record<string, unknown>; property: string; reason: RegExp }[] = [
    {
      rule: "bot unique name is required",
      news: { channelUniqueName: "ops" },
      property: "botUniqueName",
      reason: /is required/,
    },
    {
      rule: "channel unique name is required",
      news: { botUniqueName: "alerts" },
      property: "channelUniqueName",
      reason: /is required/,
    },
    {
      rule: "unique names have no spaces (a display name was given)",
      news: { botUniqueName: "Pipeline Alerts", channelUniqueName: "ops" },
      property: "botUniqueName",
      reason: /has spaces \(use the unique name, not the display name\)/,
    },
    {
      rule: "unique names have no slash",
      news: { botUniqueName: "alerts", channelUniqueName: "ops/dev" },
      property: "channelUniqueName",
      reason: /contains "\/", which separates the bot from the channel in the membership's id/,
    },
    ...[".", "..", "a\\b", "ops?x=1", "ops#top", "%2e%2e"].map((name) => ({
      rule: `unique names never change the request path (${JSON.stringify(name)})`,
      news: { botUniqueName: name, channelUniqueName: "ops" },
      property: "botUniqueName",
      reason: /request's path|names a directory/,
    })),
    {
      rule: "names are strings",
      news: { botUniqueName: 5, channelUniqueName: "ops" },
      property: "botUniqueName",
      reason: /unique name/,
    },
  ];
  for (const { rule, news, property, reason } of failingCases) {
    it(`refuses input breaking "${rule}" and names ${property}`, () => {
      const match = checkChannelAssociationInputs(news).failures.find((f) => f.property === property);
      assert.ok(match);
      assert.match(match.reason, reason);
    });
  }

  it("accepts an unknown bot unique name during preview", () => {
    assert.deepEqual(
      checkChannelAssociationInputs({ botUniqueName: UNKNOWN, channelUniqueName: "ops" }).failures,
      [],
    );
  });
});

describe("ChannelAssociation provider against the emulator", () => {
  let h: Harness;
  let botId: string;
  useHarness((started) => (h = started));
  beforeEach(async () => {
    ({ id: botId } = await h.bot.create(await checked(h.bot, { name: "Alerts", description: "d" })));
  });

  it("runs the lifecycle: check, create, read, diff, delete with a warning that the bot stays", async () => {
    const inputs = await checked(h.channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops" });
    const { id, outs } = await h.channelAssociation.create(inputs);
    assert.equal(id, "alerts/ops");
    assert.deepEqual((await h.state()).memberships, [
      { channel_unique_name: "ops", bot_unique_name: "alerts" },
    ]);

    const read = await h.channelAssociation.read(id, outs);
    assert.equal(read.id, id);
    assert.equal((await h.channelAssociation.diff(id, read.props!, inputs)).changes, false);
    assert.deepEqual(
      await h.channelAssociation.diff(id, read.props!, { ...inputs, channelUniqueName: "dev" }),
      {
        changes: true,
        replaces: ["channelUniqueName"],
        deleteBeforeReplace: false,
      },
    );

    await h.channelAssociation.delete(id, outs);
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0], /no call to remove a bot from a channel/);
    assert.match(h.warnings[0], /stays a member of channel "ops"/);
    assert.match(h.warnings[0], /remove the bot; or delete the bot/);
  });

  it("adopts a membership that already exists (bot_already_member is success)", async () => {
    await h.api.associateBotToChannel("alerts", "ops");
    const { id } = await h.channelAssociation.create(
      await checked(h.channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops" }),
    );
    assert.equal(id, "alerts/ops");
    assert.equal((await h.state()).memberships.length, 1);
  });

  it("succeeds once when the association response is lost", async () => {
    await h.fault({ operationId: "associate_bot_to_channel", kind: "drop-after-commit" });
    await h.channelAssociation.create(
      await checked(h.channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops" }),
    );
    assert.equal((await h.state()).memberships.length, 1);
  });

  it("drops the membership on read once its bot is gone", async () => {
    const { id, outs } = await h.channelAssociation.create(
      await checked(h.channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops" }),
    );
    await h.api.deleteBot(botId);
    assert.deepEqual(await h.channelAssociation.read(id, outs), {});
  });

  it("makes no API call from check or diff, even with unknown values", async () => {
    await h.clearRequests();
    const unknown = UNKNOWN;
    const pair = { botUniqueName: "alerts", channelUniqueName: "ops" };
    await h.channelAssociation.check({}, { ...pair, botUniqueName: unknown });
    await h.channelAssociation.diff("alerts/ops", pair, { ...pair, botUniqueName: unknown });
    assert.deepEqual(await h.requests(), []);
  });

  it("fails to associate a bot that does not exist", async () => {
    await assert.rejects(
      h.channelAssociation.create(
        await checked(h.channelAssociation, { botUniqueName: "nobot", channelUniqueName: "ops" }),
      ),
      (error: { code?: string }) => error.code === "bot_not_found",
    );
  });
});
