/** Preview-time checks across resources, and `getBot` during a preview, through the engine stand-in. */
import { strict as assert } from "assert";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { cliqStackConfig, emptyState, installProgram, openStack, PulumiProject } from "../../engine-stand-in";
import { cliqApi, emulatorCredentials, engineProject, oauthCredentials } from "./fixture";

describe("engine: preview-time checks and program-time lookups", function () {
  this.timeout(120_000);

  let emulator: RunningEmulator;
  let project: PulumiProject;
  let program: string;

  before(async function () {
    this.timeout(180_000);
    emulator = await startEmulator(emulatorCredentials);
    ({ main: project } = await engineProject());
    program = installProgram(
      project.dir,
      path.join(__dirname, "programs", "preview-checks.ts"),
      "preview-checks/index.js",
    );
    assert.equal(await cliqApi(emulator, "POST", "/bots", { name: "Ops Bot", description: "by hand" }), 200);
  });

  after(async () => {
    await emulator?.close();
  });

  async function preview(scenario: string) {
    const endpoint = { apiUrl: emulator.apiUrl, accountsUrl: emulator.url };
    const values = { scenario, existingName: "Ops Bot" };
    const s = await openStack(
      project,
      "checks",
      cliqStackConfig(project.name, endpoint, oauthCredentials, values),
    );
    try {
      return await s.engine.run(program, emptyState(), { preview: true });
    } finally {
      await s.close();
    }
  }

  it("a preview reads the existing bot with getBot and plans the program around it", async () => {
    const result = await preview("fine");
    assert.equal(result.error, undefined, result.programOutput);
    assert.deepEqual(result.steps.map((step) => `${step.op} ${step.name}`).sort(), [
      "create checked-bot",
      "create checked-messages",
      "create existing-in-ops",
    ]);
    const association = result.registrations.find((r) => r.name === "existing-in-ops")!;
    assert.equal(association.inputs.botUniqueName, "opsbot");
  });

  it("a second handler of one type on the same Bot fails the preview, naming type and the limit", async () => {
    const result = await preview("duplicate");
    assert.match(
      result.error ?? result.programOutput,
      /BotHandler "checked-messages-again": type: a bot has one handler of each type/,
    );
    assert.equal(
      result.registrations.some((r) => r.name === "checked-messages-again"),
      false,
    );
  });

  it("a script on a webhook bot's handler fails the preview, naming script", async () => {
    const result = await preview("script");
    assert.match(
      result.error ?? result.programOutput,
      /BotHandler "checked-welcome": script: bot "checked-bot" is a webhook bot/,
    );
  });
});
