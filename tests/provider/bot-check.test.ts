import { strict as assert } from "node:assert";
import { checkBotInputs } from "../../provider/resources/bot/inputs";
import { UNKNOWN } from "../../provider/resources/shared/unknown";

const valid = { name: "Pipeline Alerts", description: "CI/CD alerts" };

/** Each case breaks one rule; the failure must name the property and say the limit. */
const failingCases: { rule: string; news: Record<string, unknown>; property: string; reason: RegExp }[] = [
  { rule: "name is required", news: { description: "d" }, property: "name", reason: /is required/ },
  {
    rule: "name must not be empty",
    news: { ...valid, name: "" },
    property: "name",
    reason: /must not be empty/,
  },
  {
    rule: "name must not be only whitespace",
    news: { ...valid, name: " \t " },
    property: "name",
    reason: /must not be only whitespace/,
  },
  {
    rule: "description must not be only whitespace",
    news: { ...valid, description: "   " },
    property: "description",
    reason: /must not be only whitespace/,
  },
  {
    rule: "team ids have no leading zeros",
    news: { ...valid, scope: "team", teamIds: ["007"] },
    property: "teamIds[0]",
    reason: /without leading zeros \(got "007"\)/,
  },
  {
    rule: "team id 0 is no team",
    news: { ...valid, scope: "team", teamIds: ["0"] },
    property: "teamIds[0]",
    reason: /positive number without leading zeros/,
  },
  {
    rule: "name at most 20 characters",
    news: { ...valid, name: "A bot name that is much too long" },
    property: "name",
    reason: /must be at most 20 characters \(got 32\)/,
  },
  {
    rule: "name must be a string",
    news: { ...valid, name: 42 },
    property: "name",
    reason: /must be a string/,
  },
  { rule: "description is required", news: { name: "n" }, property: "description", reason: /is required/ },
  {
    rule: "description at most 300 characters",
    news: { ...valid, description: "x".repeat(301) },
    property: "description",
    reason: /at most 300 characters \(got 301\)/,
  },
  {
    rule: "scope is an enum",
    news: { ...valid, scope: "global" },
    property: "scope",
    reason: /one of organization, team, personal/,
  },
  {
    rule: "team scope needs team ids",
    news: { ...valid, scope: "team" },
    property: "teamIds",
    reason: /required when scope is "team".*1 to 4/,
  },
  {
    rule: "team scope needs at least one team id",
    news: { ...valid, scope: "team", teamIds: [] },
    property: "teamIds",
    reason: /required when scope is "team"/,
  },
  {
    rule: "at most 4 team ids",
    news: { ...valid, scope: "team", teamIds: ["1", "2", "3", "4", "5"] },
    property: "teamIds",
    reason: /at most 4 items \(got 5\)/,
  },
  {
    rule: "team ids only with team scope",
    news: { ...valid, scope: "organization", teamIds: ["1"] },
    property: "teamIds",
    reason: /only when scope is "team" \(scope is "organization"\)/,
  },
  {
    rule: "team ids without any scope",
    news: { ...valid, teamIds: ["1"] },
    property: "teamIds",
    reason: /only when scope is "team" \(scope is not set\)/,
  },
  {
    rule: "team ids are digit strings",
    news: { ...valid, scope: "team", teamIds: ["12a"] },
    property: "teamIds[0]",
    reason: /digit string/,
  },
  {
    rule: "team id numbers must be safe integers",
    news: { ...valid, scope: "team", teamIds: ["1", 2 ** 60] },
    property: "teamIds[1]",
    reason: /below 2\^53.*quotes/,
  },
  {
    rule: "team ids must not repeat",
    news: { ...valid, scope: "team", teamIds: ["7", "7"] },
    property: "teamIds[1]",
    reason: /duplicate/,
  },
  {
    rule: "execution type is an enum",
    news: { ...valid, executionType: "lambda" },
    property: "executionType",
    reason: /one of deluge, webhook/,
  },
  {
    rule: "webhook bots need an execution URL",
    news: { ...valid, executionType: "webhook" },
    property: "executionUrl",
    reason: /required when executionType is "webhook"/,
  },
  {
    rule: "deluge bots refuse an execution URL",
    news: { ...valid, executionUrl: "https://example.com/hook" },
    property: "executionUrl",
    reason: /not allowed when executionType is "deluge"/,
  },
  {
    rule: "execution URL must be https",
    news: { ...valid, executionType: "webhook", executionUrl: "http://example.com/hook" },
    property: "executionUrl",
    reason: /must use https/,
  },
  {
    rule: "execution URL must be a URL",
    news: { ...valid, executionType: "webhook", executionUrl: "not a url" },
    property: "executionUrl",
    reason: /absolute https URL/,
  },
  {
    rule: "at most 10 status messages",
    news: { ...valid, statusMessages: Array.from({ length: 11 }, (_, i) => `m${i}`) },
    property: "statusMessages",
    reason: /at most 10 items \(got 11\)/,
  },
  {
    rule: "status messages at most 50 characters",
    news: { ...valid, statusMessages: ["ok", "y".repeat(51)] },
    property: "statusMessages[1]",
    reason: /at most 50 characters \(got 51\)/,
  },
  {
    rule: "channel participation values",
    news: { ...valid, channelParticipation: ["listen_message", "shout"] },
    property: "channelParticipation[1]",
    reason: /one of listen_message, send_message, auto_follow_thread/,
  },
  {
    rule: "channel participation without duplicates",
    news: { ...valid, channelParticipation: ["send_message", "send_message"] },
    property: "channelParticipation[1]",
    reason: /duplicate/,
  },
  {
    rule: "channel participation at most 3",
    news: {
      ...valid,
      channelParticipation: ["send_message", "listen_message", "auto_follow_thread", "send_message"],
    },
    property: "channelParticipation",
    reason: /at most 3 items \(got 4\)/,
  },
  {
    rule: "calls values",
    news: { ...valid, calls: "on" },
    property: "calls",
    reason: /one of enabled, disabled, enable, disable/,
  },
  { rule: "image is a string", news: { ...valid, image: 5 }, property: "image", reason: /must be a string/ },
  {
    rule: "adoptExisting is a boolean",
    news: { ...valid, adoptExisting: "yes" },
    property: "adoptExisting",
    reason: /true or false/,
  },
  {
    rule: "unknown argument names are refused",
    news: { ...valid, executionURL: "https://x" },
    property: "executionURL",
    reason: /not an argument/,
  },
];

describe("Bot check", () => {
  for (const { rule, news, property, reason } of failingCases) {
    it(`refuses input breaking "${rule}" and names ${property}`, () => {
      const { failures } = checkBotInputs(news);
      const match = failures.find((failure) => failure.property === property);
      assert.ok(match, `no failure for ${property}; got ${JSON.stringify(failures)}`);
      assert.match(match.reason, reason);
    });
  }

  it("accepts the README's webhook bot and normalises it", () => {
    const { inputs, failures } = checkBotInputs({
      name: "Pipeline Alerts",
      description: "CI/CD alerts",
      scope: "team",
      teamIds: ["98765432", 1234],
      executionType: "webhook",
      executionUrl: "https://ci.example.com/cliq",
      channelParticipation: ["listen_message", "send_message"],
      statusMessages: ["Watching your pipelines"],
      calls: "enable",
      __provider: "serialized",
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.teamIds, ["98765432", "1234"]);
    assert.equal(inputs.calls, "enabled");
    assert.equal(inputs.executionType, "webhook");
  });

  it("defaults executionType to deluge and keeps big team ids exact", () => {
    const { inputs, failures } = checkBotInputs({
      ...valid,
      scope: "team",
      teamIds: ["90071992547409931234"],
    });
    assert.deepEqual(failures, []);
    assert.equal(inputs.executionType, "deluge");
    assert.deepEqual(inputs.teamIds, ["90071992547409931234"]);
  });

  it("normalises calls disable to disabled", () => {
    assert.equal(checkBotInputs({ ...valid, calls: "disable" }).inputs.calls, "disabled");
  });

  it("accepts http execution URLs for loopback hosts only", () => {
    const loopback = checkBotInputs({
      ...valid,
      executionType: "webhook",
      executionUrl: "http://127.0.0.1:8080/h",
    });
    assert.deepEqual(loopback.failures, []);
  });

  it("refuses removing scope from a team-scoped bot, naming scope and the ways out", () => {
    const olds = { ...valid, scope: "team", teamIds: ["98765432"] };
    const { failures } = checkBotInputs({ ...valid }, olds);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["scope"],
    );
    assert.match(failures[0].reason, /"organization" or "personal".*1 to 4 teamIds/);
  });

  it("accepts moving a team-scoped bot to another scope, and removing scope from a non-team bot", () => {
    const team = { ...valid, scope: "team", teamIds: ["98765432"] };
    assert.deepEqual(checkBotInputs({ ...valid, scope: "organization" }, team).failures, []);
    assert.deepEqual(checkBotInputs({ ...valid }, { ...valid, scope: "personal" }).failures, []);
    assert.deepEqual(checkBotInputs({ ...valid, scope: UNKNOWN }, team).failures, []);
  });

  it("reports every broken rule at once, not only the first", () => {
    const { failures } = checkBotInputs({ name: "x".repeat(21), description: "", executionType: "webhook" });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["description", "executionUrl", "name"]);
  });

  describe("with unknown values during preview", () => {
    it("accepts an unknown name and description", () => {
      const { failures, inputs } = checkBotInputs({ name: UNKNOWN, description: UNKNOWN });
      assert.deepEqual(failures, []);
      assert.equal(inputs.name, UNKNOWN);
    });

    it("accepts unknown team ids under team scope, whole or element-wise", () => {
      assert.deepEqual(checkBotInputs({ ...valid, scope: "team", teamIds: UNKNOWN }).failures, []);
      assert.deepEqual(checkBotInputs({ ...valid, scope: "team", teamIds: [UNKNOWN, "5"] }).failures, []);
    });

    it("skips the team-id rule when the scope is unknown", () => {
      assert.deepEqual(checkBotInputs({ ...valid, scope: UNKNOWN, teamIds: ["1"] }).failures, []);
    });

    it("skips the execution URL rules when the execution type is unknown", () => {
      assert.deepEqual(
        checkBotInputs({ ...valid, executionType: UNKNOWN, executionUrl: "https://x.test" }).failures,
        [],
      );
      assert.deepEqual(checkBotInputs({ ...valid, executionType: UNKNOWN }).failures, []);
    });

    it("accepts an unknown execution URL for a Deluge bot, since it may resolve to nothing", () => {
      assert.deepEqual(checkBotInputs({ ...valid, executionUrl: UNKNOWN }).failures, []);
    });

    it("accepts an unknown execution URL for a webhook bot", () => {
      assert.deepEqual(
        checkBotInputs({ ...valid, executionType: "webhook", executionUrl: UNKNOWN }).failures,
        [],
      );
    });

    it("still applies the rules that do not depend on the unknown value", () => {
      const { failures } = checkBotInputs({ name: UNKNOWN, description: "x".repeat(301) });
      assert.deepEqual(
        failures.map((f) => f.property),
        ["description"],
      );
    });

    it("still counts list length when an element is unknown", () => {
      const { failures } = checkBotInputs({ ...valid, statusMessages: [...Array(10).fill("m"), UNKNOWN] });
      assert.equal(failures[0]?.property, "statusMessages");
    });
  });
});
