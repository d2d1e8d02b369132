/**
 * The examples' multi-environment program (examples/index.ts with Pulumi.dev.yaml / Pulumi.prod.yaml), run under
 * setMocks from a project that installed the npm tarball, with every registration checked by the real provider
 * host against the emulator.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { configKey, SETTING_NAMES } from "../../provider/config";
import {
  cliqStackConfig,
  emptyState,
  EXAMPLES_PROJECT,
  installExamples,
  openStack,
  programAndProviderValues,
  PulumiProject,
  readStackFileValues,
  Registration,
  RunResult,
  StackSession,
} from "../../engine-stand-in";
import {
  clearRequestLog,
  emulatorCredentials,
  emulatorGet,
  EmulatorRequests,
  EmulatorState,
  engineProject,
  oauthCredentials,
  repoRoot,
  scanForSecrets,
  stateTexts,
} from "./fixture";

const BOT = "pulumi-nodejs:dynamic/cliq:Bot";
const HANDLER = "pulumi-nodejs:dynamic/cliq:BotHandler";
const ASSOCIATION = "pulumi-nodejs:dynamic/cliq:ChannelAssociation";
const STACKS = ["dev", "prod"] as const;

function script(file: string): string {
  return fs.readFileSync(path.join(repoRoot, "examples", "scripts", file), "utf8");
}

/** The stack file's program values (bare keys), with overrides. */
function programValues(stack: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...programAndProviderValues(readStackFileValues(repoRoot, stack), EXAMPLES_PROJECT).program,
    ...overrides,
  };
}

describe("examples: the multi-environment program under Pulumi's dynamic-provider host", function () {
  this.timeout(120_000);

  let emulator: RunningEmulator;
  let project: PulumiProject;
  let program: string;

  async function session(stack: string, overrides: Record<string, string> = {}): Promise<StackSession> {
    const config = cliqStackConfig(
      project.name,
      { apiUrl: emulator.apiUrl, accountsUrl: emulator.url },
      oauthCredentials,
      programValues(stack, overrides),
    );
    return openStack(project, stack, config);
  }

  async function preview(stack: string, overrides: Record<string, string> = {}): Promise<RunResult> {
    const s = await session(stack, overrides);
    try {
      return await s.engine.run(program, emptyState(), { preview: true });
    } finally {
      await s.close();
    }
  }

  const ofType = (registrations: Registration[], type: string) =>
    registrations.filter((r) => r.type === type);
  const named = (registrations: Registration[], name: string) => registrations.find((r) => r.name === name)!;

  before(async function () {
    this.timeout(180_000);
    emulator = await startEmulator(emulatorCredentials);
    ({ main: project } = await engineProject());
    program = installExamples(project.dir, repoRoot);
  });

  after(async () => {
    await emulator?.close();
  });

  it("stack files set every config key Pulumi.yaml requires, use only known cliq:* keys, and hold credentials only as secure values", () => {
    const projectFile = YAML.parse(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")) as {
      name: string;
      config: Record<string, { default?: unknown }>;
    };
    assert.equal(projectFile.name, EXAMPLES_PROJECT);
    const required = Object.entries(projectFile.config)
      .filter(([, declaration]) => declaration.default === undefined)
      .map(([key]) => `${EXAMPLES_PROJECT}:${key}`);
    const cliqKeys = SETTING_NAMES.map(configKey);
    for (const stack of STACKS) {
      const { config } = YAML.parse(fs.readFileSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), "utf8")) as {
        config: Record<string, unknown>;
      };
      for (const key of required) assert.ok(key in config, `${stack}: ${key} is missing`);
      for (const key of Object.keys(config)) {
        assert.ok(
          key.startsWith(`${EXAMPLES_PROJECT}:`) || cliqKeys.includes(key),
          `${stack}: ${key} is neither the project's nor a cliq:* setting`,
        );
      }
      for (const key of ["cliq:clientSecret", "cliq:refreshToken", "cliq:accessToken"]) {
        if (!(key in config)) continue;
        const value = config[key] as Record<string, unknown>;
        assert.deepEqual(Object.keys(value), ["secure"], `${stack}: ${key} must be a secure value`);
        assert.equal(typeof value.secure, "string");
      }
      assert.ok("cliq:refreshToken" in config, `${stack}: the credentials are part of the stack's config`);
    }
  });

  for (const stack of STACKS) {
    it(`registers two bots, eight handlers and two channel memberships for ${stack}, named and wired per its stack file`, async () => {
      const values = programValues(stack);
      const { registrations, error } = await preview(stack);

      assert.equal(error, undefined);
      const bots = ofType(registrations, BOT);
      assert.deepEqual(bots.map((b) => b.inputs.name).sort(), [
        `${values.namePrefix} CI Alerts`,
        `${values.namePrefix} Support Desk`,
      ]);
      const ciBot = named(registrations, "ci-alerts");
      assert.equal(ciBot.inputs.executionType, "webhook");
      assert.equal(ciBot.inputs.executionUrl, values.ciWebhookUrl);

      const handlers = ofType(registrations, HANDLER);
      assert.equal(handlers.length, 8);
      for (const handler of handlers) {
        const bot = handler.name.startsWith("ci-alerts") ? ciBot : named(registrations, "support-desk");
        assert.deepEqual(handler.dependencies, [bot.urn], `${handler.name} depends on its bot`);
        if (bot === ciBot)
          assert.ok(Array.isArray(handler.inputs.permissions) && !("script" in handler.inputs));
      }
      assert.equal(named(registrations, "support-welcome").inputs.script, script("welcome.dg"));
      assert.equal(named(registrations, "support-messages").inputs.script, script("message.dg"));
      assert.equal(named(registrations, "support-mentions").inputs.script, script("mention.dg"));
      const ticketMenu = named(registrations, "support-open-ticket").inputs;
      assert.equal(ticketMenu.script, script("open-ticket.dg"));
      assert.deepEqual(ticketMenu.subActions, [
        { name: "Low" },
        { name: "Normal" },
        { name: "Urgent", icon: "alert/E53935" },
      ]);
      assert.equal(named(registrations, "ci-alerts-deploy-menu").inputs.name, "Deploy");

      const memberships = ofType(registrations, ASSOCIATION)
        .map((r) => r.inputs.channelUniqueName)
        .sort();
      assert.deepEqual(memberships, [values.alertsChannel, values.supportChannel].sort());
    });
  }

  it("keeps prod's support-bot team ids, one above 2^53, as exact digit strings", async () => {
    const { registrations } = await preview("prod");
    const support = named(registrations, "support-desk").inputs;
    assert.equal(support.scope, "team");
    assert.deepEqual(support.teamIds, JSON.parse(programValues("prod").supportTeamIds));
    assert.ok((support.teamIds as string[]).includes("9223372036854775001"));
  });

  it("previews both stacks through the host without a Check failure or an API request: every bot name fits 20 characters", async () => {
    for (const stack of STACKS) {
      await clearRequestLog(emulator);
      const result = await preview(stack);
      assert.equal(result.error, undefined, `${stack}: ${result.error}`);
      assert.deepEqual(result.checkFailures, []);
      assert.equal(result.steps.filter((s) => s.op === "create").length, 12);
      for (const bot of ofType(result.registrations, BOT)) {
        assert.ok((bot.inputs.name as string).length <= 20, `${stack}: ${bot.inputs.name}`);
      }
      const { requests } = await emulatorGet<EmulatorRequests>(emulator, "requests");
      assert.deepEqual(requests, [], stack);
    }
  });

  it("fails the preview at Check, naming `name`, when a longer name prefix pushes a bot name past 20 characters", async () => {
    await clearRequestLog(emulator);
    const result = await preview("dev", { namePrefix: "Development" });

    assert.ok(result.error);
    const nameFailures = result.checkFailures.filter((c) => c.failures.some((f) => f.property === "name"));
    assert.ok(nameFailures.length >= 1, JSON.stringify(result.checkFailures));
    assert.ok(nameFailures.every((c) => c.urn.includes("::pulumi-nodejs:dynamic/cliq:Bot::")));
    const { requests } = await emulatorGet<EmulatorRequests>(emulator, "requests");
    assert.deepEqual(requests, []);
  });

  it("up of the dev stack creates both bots with their handlers and memberships, and destroy deletes the bots", async () => {
    const s = await session("dev");
    try {
      const up = await s.engine.run(program, emptyState(), { preview: false });
      assert.equal(up.error, undefined);
      const created = await emulatorGet<EmulatorState>(emulator, "state");
      assert.deepEqual(created.bots.map((b) => b.name).sort(), ["Dev CI Alerts", "Dev Support Desk"]);
      for (const bot of created.bots) assert.equal(bot.handlers.length, 4, bot.name);
      assert.equal(created.memberships.length, 2);
      assert.equal(up.state.outputs.ciAlertsBotId, created.bots.find((b) => b.name === "Dev CI Alerts")!.id);

      const destroyed = await s.engine.destroy(up.state);
      assert.equal(destroyed.steps.length, 12);
      assert.deepEqual((await emulatorGet<EmulatorState>(emulator, "state")).bots, []);
      assert.deepEqual(
        scanForSecrets([...stateTexts("dev", up.state), { where: "host output", text: s.printed() }]),
        [],
      );
    } finally {
      await s.close();
    }
  });
});
