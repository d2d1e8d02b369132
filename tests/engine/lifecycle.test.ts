/**
 * The package inside Pulumi's own dynamic-provider host, driven over gRPC the way `pulumi preview/up/refresh/destroy`
 * drive it: the host runs from a Pulumi project that installed the npm tarball, every resource's `__provider` comes
 * from the SDK serializing it while the program runs under setMocks, and the API is the emulator over HTTP.
 * The scenarios run in order, each one starting from the stack state the previous one left.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  cliqStackConfig,
  emptyState,
  installProgram,
  openStack,
  PulumiProject,
  RunResult,
  StackSession,
  StackState,
  UNKNOWN,
} from "../../engine-stand-in";
import {
  accessTokenCredentials,
  clearRequestLog,
  cliqApi,
  emulatorCredentials,
  emulatorGet,
  EmulatorRequests,
  EmulatorState,
  engineProject,
  oauthCredentials,
  otherMachineProject,
  repoRoot,
  scanForSecrets,
  stateTexts,
} from "./fixture";
import {
  ASSOCIATION,
  botUrn,
  HANDLER,
  initial,
  PROJECT,
  type ProgramConfig,
  urnOf,
} from "./lifecycle-config";

describe("engine: pulumi-zoho-cliq inside Pulumi's dynamic-provider host", function () {
  this.timeout(120_000);

  let emulator: RunningEmulator;
  let project: PulumiProject;
  let program: string;
  let state: StackState = emptyState();
  /** Every state the stack went through and everything printed, for the final secret scan. */
  const states: { label: string; state: StackState }[] = [];
  const printed: { where: string; text: string }[] = [];

  /** A session of the stack with the program configured as given (each test opens what it needs). */
  async function stack(
    config: ProgramConfig,
    credentials = oauthCredentials,
    on = project,
  ): Promise<StackSession> {
    const values = { ...config } as unknown as Record<string, string>;
    return openStack(
      on,
      "engine",
      cliqStackConfig(PROJECT, { apiUrl: emulator.apiUrl, accountsUrl: emulator.url }, credentials, values),
    );
  }

  async function runProgram(
    config: ProgramConfig,
    preview: boolean,
  ): Promise<{ result: RunResult; s: StackSession }> {
    const s = await stack(config);
    try {
      const result = await s.engine.run(program, state, { preview });
      printed.push({ where: `program output (${preview ? "preview" : "up"})`, text: result.programOutput });
      if (!preview && !result.error) {
        state = result.state;
        states.push({ label: `after up (${config.executionType}, ${config.description})`, state });
      }
      return { result, s };
    } finally {
      printed.push({ where: "host output and engine log", text: s.printed() });
      await s.close();
    }
  }

  before(async function () {
    this.timeout(180_000);
    emulator = await startEmulator(emulatorCredentials);
    ({ main: project } = await engineProject());
    program = installProgram(
      project.dir,
      path.join(__dirname, "programs", "lifecycle.ts"),
      "lifecycle/index.js",
    );
  });

  after(async () => {
    await emulator?.close();
  });

  it("the project runs the package installed from its npm pack tarball, not a link to the source tree", () => {
    const installed = path.join(project.dir, "node_modules", "pulumi-zoho-cliq");
    assert.equal(fs.lstatSync(installed).isSymbolicLink(), false);
    assert.ok(!fs.realpathSync(installed).startsWith(repoRoot + path.sep));
    const lock = JSON.parse(fs.readFileSync(path.join(project.dir, "package-lock.json"), "utf8"));
    assert.match(
      lock.packages["node_modules/pulumi-zoho-cliq"].resolved,
      /^file:.*pulumi-zoho-cliq-[\d.]+\.tgz$/,
    );
    assert.ok(fs.existsSync(path.join(installed, "dist", "provider", "kinds", "bot.js")));
    assert.ok(!fs.existsSync(path.join(installed, "tests")), "only the files the package publishes");
  });

  it("preview of a new stack only checks: unknown ids reach Check as the engine's placeholder and no API request is made", async () => {
    await clearRequestLog(emulator);
    const { result, s } = await runProgram(initial, true);

    assert.equal(result.error, undefined);
    assert.deepEqual(
      result.steps.map((step) => `${step.op} ${step.name}`).sort(),
      ["engine-bot", "engine-bot-in-channel", "engine-bot-menu", "engine-bot-messages"]
        .map((n) => `create ${n}`)
        .sort(),
    );
    assert.deepEqual([...new Set(s.engine.calls.map((c) => c.method))], ["check"]);
    const handlerCheck = s.engine.calls.find((c) => c.urn === urnOf(HANDLER, "engine-bot-messages"));
    assert.equal(handlerCheck?.news?.botId, UNKNOWN);
    const membershipCheck = s.engine.calls.find((c) => c.urn === urnOf(ASSOCIATION, "engine-bot-in-channel"));
    assert.equal(membershipCheck?.news?.botUniqueName, UNKNOWN);
    const { requests } = await emulatorGet<EmulatorRequests>(emulator, "requests");
    assert.deepEqual(requests, []);
  });

  it("up creates the bot first, then its handlers and channel membership, and records ids and outputs in state", async () => {
    const { result, s } = await runProgram(initial, false);

    assert.equal(result.error, undefined);
    const creates = s.engine.calls.filter((c) => c.method === "create").map((c) => c.urn);
    assert.equal(creates.length, 4);
    assert.equal(creates[0], botUrn, "the bot is created before anything that needs its id");
    const bot = result.state.resources.find((r) => r.urn === botUrn)!;
    const emulated = await emulatorGet<EmulatorState>(emulator, "state");
    assert.equal(emulated.bots.length, 1);
    assert.equal(bot.id, emulated.bots[0].id);
    assert.equal(bot.outputs.uniqueName, emulated.bots[0].unique_name);
    assert.deepEqual(emulated.bots[0].handlers.map((h) => h.type).sort(), [
      "menu_handler",
      "message_handler",
    ]);
    assert.deepEqual(emulated.memberships, [
      { channel_unique_name: "engine-ops", bot_unique_name: emulated.bots[0].unique_name },
    ]);
    assert.equal(result.state.outputs.botId, bot.id);
    assert.equal(result.state.outputs.membershipId, `${emulated.bots[0].unique_name}/engine-ops`);
  });

  it("preview of the unchanged program reports no changes", async () => {
    await clearRequestLog(emulator);
    const { result } = await runProgram(initial, true);

    assert.deepEqual(
      result.steps.map((step) => step.op),
      result.steps.map(() => "same"),
    );
    assert.equal(result.steps.length, 4);
    const { requests } = await emulatorGet<EmulatorRequests>(emulator, "requests");
    assert.deepEqual(requests, []);
  });

  it("a description change updates the bot in place, keeping its id", async () => {
    const before = state.resources.find((r) => r.urn === botUrn)!;
    const changed = { ...initial, description: "Updated by the engine suite" };
    const { result, s } = await runProgram(changed, false);

    assert.equal(result.error, undefined);
    assert.deepEqual(
      s.engine.calls.filter((c) => c.method !== "check" && c.method !== "diff"),
      [{ method: "update", urn: botUrn }],
    );
    const after = result.state.resources.find((r) => r.urn === botUrn)!;
    assert.equal(after.id, before.id);
    const emulated = await emulatorGet<EmulatorState>(emulator, "state");
    assert.equal(emulated.bots[0].description, "Updated by the engine suite");
  });

  it("an executionType change replaces the bot: Diff asks for delete-before-replace and the old bot goes before the new one is created", async () => {
    const oldId = state.resources.find((r) => r.urn === botUrn)!.id;
    const deluge: ProgramConfig = {
      ...initial,
      description: "Updated by the engine suite",
      executionType: "deluge",
    };

    const preview = (await runProgram(deluge, true)).result;
    const planned = preview.steps.find((step) => step.urn === botUrn)!;
    assert.equal(planned.op, "replace");
    assert.ok(
      planned.diff!.replaces.includes("executionType"),
      `replaces: ${planned.diff!.replaces.join(", ")}`,
    );
    assert.equal(planned.deleteBeforeReplace, true);
    // What the engine relies on to delete dependents ahead of the bot: with the bot's id and unique name unknown,
    // their Diff asks for replacement too.
    assert.deepEqual(
      preview.steps
        .filter((step) => step.urn !== botUrn)
        .map((step) => `${step.op} ${step.name}`)
        .sort(),
      ["replace engine-bot-in-channel", "replace engine-bot-menu", "replace engine-bot-messages"],
    );

    const { result, s } = await runProgram(deluge, false);
    assert.equal(result.error, undefined);
    const order = s.engine.calls.filter((c) => c.method === "delete" || c.method === "create");
    const deleteBot = order.findIndex((c) => c.method === "delete" && c.urn === botUrn);
    const createBot = order.findIndex((c) => c.method === "create" && c.urn === botUrn);
    assert.ok(
      deleteBot >= 0 && createBot > deleteBot,
      `order: ${order.map((c) => `${c.method} ${c.urn}`).join(", ")}`,
    );
    const emulated = await emulatorGet<EmulatorState>(emulator, "state");
    assert.equal(emulated.bots.length, 1);
    assert.equal(emulated.bots[0].execution_type, "deluge");
    assert.notEqual(emulated.bots[0].id, oldId);
    assert.ok(emulated.bots[0].handlers.every((h) => h.script?.includes("pong")));
    assert.equal(result.state.resources.find((r) => r.urn === botUrn)!.id, emulated.bots[0].id);
  });

  it("refresh after an out-of-band edit shows the drift, and the next up puts the program's value back", async () => {
    const bot = state.resources.find((r) => r.urn === botUrn)!;
    assert.equal(
      await cliqApi(emulator, "PATCH", `/bots/b-${bot.id}`, { description: "Edited in the Cliq UI" }),
      200,
    );

    const s = await stack({
      ...initial,
      description: "Updated by the engine suite",
      executionType: "deluge",
    });
    try {
      const refreshed = await s.engine.refresh(state);
      const botStep = refreshed.steps.find((step) => step.urn === botUrn)!;
      assert.equal(botStep.op, "refresh");
      const arguments_ = ["name", "description", "executionType", "executionUrl", "channelParticipation"];
      assert.deepEqual(
        botStep.changed!.filter((key) => arguments_.includes(key)),
        ["description"],
      );
      state = refreshed.state;
      assert.equal(
        state.resources.find((r) => r.urn === botUrn)!.outputs.description,
        "Edited in the Cliq UI",
      );
    } finally {
      printed.push({ where: "host output and engine log (refresh)", text: s.printed() });
      await s.close();
    }

    const { result } = await runProgram(
      { ...initial, description: "Updated by the engine suite", executionType: "deluge" },
      false,
    );
    assert.equal(result.steps.find((step) => step.urn === botUrn)!.op, "update");
    const emulated = await emulatorGet<EmulatorState>(emulator, "state");
    assert.equal(emulated.bots[0].description, "Updated by the engine suite");
  });

  it("destroy from another directory, with other credentials and only the saved state, deletes everything and warns that the bot stays in the channel", async () => {
    const elsewhere = await otherMachineProject();
    const saved: StackState = JSON.parse(JSON.stringify(state));
    const s = await stack(initial, accessTokenCredentials, elsewhere);
    try {
      const destroyed = await s.engine.destroy(saved);
      assert.deepEqual(
        destroyed.steps.map((step) => step.urn),
        [...saved.resources].reverse().map((r) => r.urn),
      );
      const emulated = await emulatorGet<EmulatorState>(emulator, "state");
      assert.deepEqual(emulated.bots, []);
      assert.match(s.printed(), /stays a member of channel "engine-ops"/);
      state = destroyed.state;
    } finally {
      printed.push({ where: "host output and engine log (destroy elsewhere)", text: s.printed() });
      await s.close();
    }
  });

  it("refresh after the bot was deleted out of band drops the bot and its handlers from state", async () => {
    const { result } = await runProgram({ ...initial, channel: "engine-ops-2" }, false);
    assert.equal(result.error, undefined);
    const bot = state.resources.find((r) => r.urn === botUrn)!;
    assert.equal(await cliqApi(emulator, "DELETE", `/bots/b-${bot.id}`), 200);

    const s = await stack({ ...initial, channel: "engine-ops-2" });
    try {
      const refreshed = await s.engine.refresh(state);
      const dropped = refreshed.steps.filter((step) => step.op === "drop").map((step) => step.name);
      assert.ok(dropped.includes("engine-bot"), `dropped: ${dropped.join(", ")}`);
      assert.ok(dropped.includes("engine-bot-messages") && dropped.includes("engine-bot-menu"));
      assert.equal(
        refreshed.state.resources.find((r) => r.urn === botUrn),
        undefined,
      );
      const rest = await s.engine.destroy(refreshed.state);
      assert.equal(rest.steps.length, refreshed.state.resources.length);
      state = rest.state;
    } finally {
      printed.push({ where: "host output and engine log (refresh after delete)", text: s.printed() });
      await s.close();
    }
  });

  it("invalid input fails at Check with the property named, before any API request", async () => {
    const failuresOf = (result: RunResult) =>
      result.checkFailures.flatMap((rejection) =>
        rejection.failures.map((f) => ({ urn: rejection.urn, ...f })),
      );
    await clearRequestLog(emulator);

    const longBotName = (await runProgram({ ...initial, botName: "Engine Alerts For Everyone" }, true))
      .result;
    assert.ok(longBotName.error, "the preview fails");
    const name = failuresOf(longBotName).find((f) => f.urn === botUrn && f.property === "name");
    assert.ok(name, `failures: ${JSON.stringify(failuresOf(longBotName))}`);
    assert.match(name.reason, /20/);

    // The bot is fine this time, so the menu handler is checked (with the bot's id still unknown) and fails alone.
    const longMenuName = (await runProgram({ ...initial, menuName: "A menu name too long" }, true)).result;
    assert.ok(longMenuName.error, "the preview fails");
    assert.deepEqual(
      failuresOf(longMenuName).map((f) => `${f.urn} ${f.property}`),
      [`${urnOf(HANDLER, "engine-bot-menu")} name`],
    );
    assert.match(failuresOf(longMenuName)[0].reason, /15/);

    // `pulumi up` without a preview: the same Check stops the run, which ends with the error instead of hanging.
    const up = (await runProgram({ ...initial, botName: "Engine Alerts For Everyone" }, false)).result;
    assert.match(up.error ?? "", /name/);
    assert.deepEqual(
      failuresOf(up).map((f) => `${f.urn} ${f.property}`),
      [`${botUrn} name`],
    );
    assert.deepEqual(up.state.resources, []);

    const { requests } = await emulatorGet<EmulatorRequests>(emulator, "requests");
    assert.deepEqual(requests, []);
  });

  it("no access token, refresh token or client secret appears in any state, __provider, or anything the host printed", () => {
    assert.ok(states.length >= 4 && printed.length >= 8);
    const texts = [...states.flatMap(({ label, state: s }) => stateTexts(label, s)), ...printed];
    const providers = new Set(states.flatMap(({ state: s }) => s.resources.map((r) => r.inputs.__provider)));
    assert.ok(providers.size >= 1);
    for (const provider of providers) {
      assert.ok(
        !String(provider).includes(project.dir),
        "the stored provider names no path of the up machine",
      );
    }
    assert.deepEqual(scanForSecrets(texts), []);
  });

  it("stores each kind's provider as one require of its package module, under 1 KB", () => {
    const byType = new Map<string, string>();
    for (const { state: s } of states) {
      for (const r of s.resources) byType.set(r.type, String(r.inputs.__provider));
    }
    const expected: Record<string, string> = {
      "pulumi-nodejs:dynamic/cliq:Bot": "pulumi-zoho-cliq/provider/bot",
      "pulumi-nodejs:dynamic/cliq:BotHandler": "pulumi-zoho-cliq/provider/bot-handler",
      "pulumi-nodejs:dynamic/cliq:ChannelAssociation": "pulumi-zoho-cliq/provider/channel-association",
    };
    assert.deepEqual([...byType.keys()].sort(), Object.keys(expected).sort());
    for (const [type, provider] of byType) {
      const bytes = Buffer.byteLength(provider, "utf8");
      console.log(`      ${type}: __provider ${bytes} bytes`);
      assert.ok(bytes < 1024, `${type}: ${bytes} bytes`);
      assert.deepEqual(provider.match(/require\("[^"]+"\)/g), [`require("${expected[type]}")`]);
    }
  });
});
