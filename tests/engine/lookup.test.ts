/** Lookup (`Bot.get`) and adoption (`adoptExisting`) through Pulumi's dynamic-provider host. */
import { strict as assert } from "assert";
import * as path from "path";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { cliqStackConfig, emptyState, installProgram, openStack, PulumiProject } from "../../engine-stand-in";
import {
  cliqApi,
  emulatorCredentials,
  emulatorGet,
  EmulatorState,
  engineProject,
  oauthCredentials,
  scanForSecrets,
  stateTexts,
} from "./fixture";

describe("engine: existing bots looked up and adopted through the host", function () {
  this.timeout(120_000);

  let emulator: RunningEmulator;
  let project: PulumiProject;
  let program: string;

  before(async function () {
    this.timeout(180_000);
    emulator = await startEmulator(emulatorCredentials);
    ({ main: project } = await engineProject());
    program = installProgram(project.dir, path.join(__dirname, "programs", "lookup.ts"), "lookup/index.js");
  });

  after(async () => {
    await emulator?.close();
  });

  it("reads a bot looked up by id without managing it, adopts another by opt-in, and destroy deletes only the adopted one", async () => {
    assert.equal(
      await cliqApi(emulator, "POST", "/bots", { name: "Legacy Alerts", description: "Made by hand" }),
      200,
    );
    assert.equal(
      await cliqApi(emulator, "POST", "/bots", { name: "Hand Made Bot", description: "Made by hand" }),
      200,
    );
    const handMade = await emulatorGet<EmulatorState>(emulator, "state");
    const legacy = handMade.bots.find((b) => b.name === "Legacy Alerts")!;
    const toAdopt = handMade.bots.find((b) => b.name === "Hand Made Bot")!;

    const s = await openStack(
      project,
      "lookup",
      cliqStackConfig(
        project.name,
        { apiUrl: emulator.apiUrl, accountsUrl: emulator.url },
        oauthCredentials,
        {
          lookupBotId: legacy.id,
          adoptName: "Hand Made Bot",
        },
      ),
    );
    try {
      const up = await s.engine.run(program, emptyState(), { preview: false });
      assert.equal(up.error, undefined);
      assert.deepEqual(up.steps.map((step) => `${step.op} ${step.name}`).sort(), [
        "create adopted-bot",
        "read legacy-bot",
      ]);
      assert.equal(up.state.outputs.legacyName, "Legacy Alerts");
      assert.equal(up.state.outputs.legacyUniqueName, legacy.unique_name);
      assert.equal(up.state.outputs.adoptedId, toAdopt.id);
      const afterUp = await emulatorGet<EmulatorState>(emulator, "state");
      assert.equal(afterUp.bots.length, 2, "adoption made no second bot");
      assert.equal(afterUp.bots.find((b) => b.id === toAdopt.id)!.description, "Now managed by Pulumi");

      const destroyed = await s.engine.destroy(up.state);
      assert.deepEqual(
        destroyed.steps.map((step) => step.name),
        ["adopted-bot"],
      );
      const left = await emulatorGet<EmulatorState>(emulator, "state");
      assert.deepEqual(
        left.bots.map((b) => b.id),
        [legacy.id],
      );
      assert.deepEqual(
        scanForSecrets([...stateTexts("lookup", up.state), { where: "host", text: s.printed() }]),
        [],
      );
    } finally {
      await s.close();
    }
  });

  /** Runs the lookup program once (up) with the given program values and returns the stand-in's result. */
  async function upWith(values: Record<string, string>) {
    const endpoint = { apiUrl: emulator.apiUrl, accountsUrl: emulator.url };
    const s = await openStack(
      project,
      "lookup",
      cliqStackConfig(project.name, endpoint, oauthCredentials, values),
    );
    try {
      return await s.engine.run(program, emptyState(), { preview: false });
    } finally {
      await s.close();
    }
  }

  it("a lookup of an id that does not exist fails the run, as the real engine's read step does", async () => {
    const up = await upWith({ lookupBotId: "53719000009999999", adoptName: "Never Made" });
    assert.match(up.error ?? "", /Bot 53719000009999999 does not exist/);
    assert.ok(!up.steps.some((step) => step.op === "read"), "no read is reported for the missing bot");
  });

  it("a create that Cliq refuses is reported as the failure it is, never as created", async () => {
    const legacy = (await emulatorGet<EmulatorState>(emulator, "state")).bots[0];
    await new EmulatorControl(emulator.url).fault({
      operationId: "create_a_new_bot",
      kind: "status",
      status: 403,
      code: "oauthtoken_invalid_scope",
    });
    const up = await upWith({ lookupBotId: legacy.id, adoptName: "Refused Bot" });
    assert.match(up.error ?? "", /oauthtoken_invalid_scope|403/);
    assert.deepEqual(
      up.steps.map((step) => `${step.op} ${step.name}`),
      ["read legacy-bot"],
    );
  });
});
