import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CHANNEL_PARTICIPATION, HANDLER_TYPES, PERMISSIONS_BY_HANDLER } from "../../cliq-api/operations";
import { useHarness, type Harness } from "./helpers";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
const TEXT = [...ALNUM, " ", "-", "!", "é", "✓"];

/** Text of `min..max` characters that does not start or end with a space (never blank). */
function text(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...ALNUM),
      fc.string({ unit: fc.constantFrom(...TEXT), minLength: min - 1, maxLength: max - 1 }),
    )
    .map(([first, rest]) => (first + rest).trimEnd());
}

const teamId = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 20n }).map(String),
  fc.integer({ min: 1, max: 2 ** 31 }),
);

const validBot = fc
  .record({
    name: text(1, 20),
    description: text(1, 300),
    scopeChoice: fc.constantFrom("organization", "personal", "team", undefined),
    teamIds: fc.uniqueArray(teamId, { minLength: 1, maxLength: 4, selector: (id) => String(id) }),
    webhook: fc.boolean(),
    statusMessages: fc.option(fc.array(text(1, 50), { maxLength: 10 }), { nil: undefined }),
    channelParticipation: fc.option(fc.subarray([...CHANNEL_PARTICIPATION]), { nil: undefined }),
    calls: fc.option(fc.constantFrom("enabled", "disabled", "enable", "disable"), { nil: undefined }),
  })
  .map(({ scopeChoice, teamIds, webhook, ...rest }) => ({
    ...rest,
    ...(scopeChoice === undefined ? {} : { scope: scopeChoice }),
    ...(scopeChoice === "team" ? { teamIds } : {}),
    ...(webhook ? { executionType: "webhook", executionUrl: "https://hooks.example.com/cliq" } : {}),
  }));

/** One broken rule applied to an otherwise valid bot. */
const botMutations: ((bot: Record<string, unknown>) => Record<string, unknown>)[] = [
  (bot) => ({ ...bot, name: "n".repeat(21) }),
  (bot) => ({ ...bot, description: "d".repeat(301) }),
  (bot) => ({ ...bot, scope: "team", teamIds: undefined }),
  (bot) => ({ ...bot, scope: "organization", teamIds: ["1"] }),
  (bot) => ({ ...bot, scope: "team", teamIds: ["1", "2", "3", "4", "5"] }),
  (bot) => ({ ...bot, executionType: "webhook", executionUrl: undefined }),
  (bot) => ({ ...bot, executionType: "deluge", executionUrl: "https://x.example.com" }),
  (bot) => ({ ...bot, executionType: "webhook", executionUrl: "http://x.example.com" }),
  (bot) => ({ ...bot, statusMessages: Array(11).fill("m") }),
  (bot) => ({ ...bot, statusMessages: ["s".repeat(51)] }),
  (bot) => ({ ...bot, channelParticipation: ["send_message", "send_message"] }),
  (bot) => ({ ...bot, calls: "maybe" }),
  (bot) => ({ ...bot, scope: "team", teamIds: [2 ** 60] }),
];

const validHandler = fc
  .record({
    type: fc.constantFrom(...HANDLER_TYPES),
    webhook: fc.boolean(),
    script: text(1, 2000),
    permissionSeed: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    name: text(1, 15),
    icon: fc.option(
      fc.tuple(
        fc.constantFrom("wand", "emoji-name", "bell"),
        fc.constantFrom("", "#"),
        fc.stringMatching(/^[0-9A-F]{6}$/),
      ),
      { nil: undefined },
    ),
    subActions: fc.option(fc.array(fc.record({ name: text(1, 15) }), { maxLength: 5 }), { nil: undefined }),
  })
  .map(({ type, webhook, script, permissionSeed, name, icon, subActions }) => {
    const row = PERMISSIONS_BY_HANDLER[type];
    const permissions = [...new Set(permissionSeed.map((n) => row[n % row.length]))];
    return {
      type,
      webhook,
      args: {
        type,
        ...(webhook ? { permissions } : { script }),
        ...(type === "menu_handler"
          ? {
              name,
              ...(icon ? { icon: `${icon[0]}/${icon[1]}${icon[2]}` } : {}),
              ...(subActions ? { subActions } : {}),
            }
          : {}),
      } as Record<string, unknown>,
    };
  });

const handlerMutations: ((args: Record<string, unknown>) => Record<string, unknown>)[] = [
  (args) => ({ ...args, script: undefined, permissions: undefined }),
  (args) => ({ ...args, script: "return 1;", permissions: ["user"] }),
  (args) => ({
    ...args,
    script: undefined,
    permissions: ["chat", "message", "user", "location", "attachments", "chat"],
  }),
  (args) => ({ ...args, type: "welcome_handler", script: undefined, permissions: ["chat"] }),
  (args) => ({ ...args, type: "menu_handler", name: "m".repeat(16) }),
  (args) => ({ ...args, type: "menu_handler", name: "Menu", icon: "wand/12345" }),
  (args) => ({ ...args, type: "menu_handler", name: "Menu", subActions: Array(6).fill({ name: "s" }) }),
  (args) => ({ ...args, type: "message_handler", name: "Menu" }),
  (args) => ({ ...args, script: "x".repeat(250 * 1024 + 1), permissions: undefined }),
];

describe("property: check agrees with the emulator", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  it("valid generated bots pass check and the emulator accepts them", async () => {
    await fc.assert(
      fc.asyncProperty(validBot, async (news) => {
        await h.reset();
        const { inputs, failures } = await h.bot.check({}, news);
        assert.deepEqual(failures, []);
        const { id } = await h.bot.create(inputs);
        const { bots } = await h.state();
        assert.deepEqual(
          bots.map((bot) => bot.id),
          [id],
        );
      }),
      { numRuns: 40 },
    );
  });

  it("generated bots with one broken rule fail check, and no request reaches the emulator", async () => {
    await fc.assert(
      fc.asyncProperty(validBot, fc.nat({ max: botMutations.length - 1 }), async (news, which) => {
        await h.reset();
        const { failures } = await h.bot.check({}, botMutations[which](news));
        assert.ok(failures.length > 0, `mutation ${which} passed check`);
        assert.deepEqual(await h.requests(), []);
      }),
      { numRuns: 50 },
    );
  });

  it("valid generated handlers pass check and the emulator accepts them", async () => {
    await fc.assert(
      fc.asyncProperty(validHandler, async ({ webhook, args }) => {
        await h.reset();
        const { id: botId } = await h.bot.create(
          (
            await h.bot.check(
              {},
              webhook
                ? {
                    name: "W",
                    description: "d",
                    executionType: "webhook",
                    executionUrl: "https://h.example.com",
                  }
                : { name: "D", description: "d" },
            )
          ).inputs,
        );
        const { inputs, failures } = await h.botHandler.check({}, { ...args, botId });
        assert.deepEqual(failures, []);
        await h.botHandler.create(inputs);
        assert.equal((await h.state()).bots[0].handlers.length, 1);
      }),
      { numRuns: 40 },
    );
  });

  it("generated handlers with one broken rule fail check, and no request reaches the emulator", async () => {
    await fc.assert(
      fc.asyncProperty(
        validHandler,
        fc.nat({ max: handlerMutations.length - 1 }),
        async ({ args }, which) => {
          await h.reset();
          const news = handlerMutations[which]({ ...args, botId: "53719000001878011" });
          const { failures } = await h.botHandler.check({}, news);
          assert.ok(
            failures.length > 0,
            `mutation ${which} passed check: ${JSON.stringify(news).slice(0, 200)}`,
          );
          assert.deepEqual(await h.requests(), []);
        },
      ),
      { numRuns: 50 },
    );
  });
});
