/**
 * Errors a user can cause, through the real CLI: each is one clear message, never a stack trace, and an error
 * that comes from the configuration recorded in the state (refresh and destroy do not run the program) says so
 * and names the way out.
 */
import { strict as assert } from "assert";
import * as path from "path";
import {
  emulatorConfig,
  initStack,
  startCliFixture,
  type CliFixture,
  programProject,
} from "./support/fixture";
import type { CliResult } from "./support/pulumi";
import { makeProject, repoRoot, type CliProject } from "./support/project";

const PROJECT = "cliq-user-errors";
const STACK = "errors";

/** A line of a JavaScript stack trace, as Node prints frames (`    at f (file.js:1:2)`). */
const STACK_FRAME = /^\s+at .+[(\s]\S+:\d+:\d+\)?$/m;

/** The output carries no stack frame, names `text`, and does not call the error unhandled. */
function assertOneCleanMessage(result: CliResult, text: RegExp): void {
  assert.doesNotMatch(
    result.output,
    STACK_FRAME,
    `no stack trace in pulumi ${result.args[0]}:\n${result.output}`,
  );
  assert.match(result.output, text, `pulumi ${result.args[0]} names the problem:\n${result.output}`);
  assert.doesNotMatch(result.output, /CliqConfigError:/, `no error class name:\n${result.output}`);
  assert.doesNotMatch(result.output, /unhandled exception/, `not called a crash:\n${result.output}`);
}

describe("CLI: errors a user can cause are one clear message, without a stack trace", function () {
  this.timeout(240_000);
  let fx: CliFixture;
  let project: CliProject;
  const run = (args: string[]) => fx.workspace.run(project.dir, [...args, "--stack", STACK]);
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);

  before(async function () {
    this.timeout(300_000);
    fx = await startCliFixture("user-errors");
    project = programProject(fx, PROJECT, "fleet");
    await initStack(fx.workspace, project, STACK, emulatorConfig(fx.emulator));
    await pulumi(["config", "set", "count", "1"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
  });
  after(() => fx?.close());

  it("an unknown cliq:dataCenter fails preview and up with the setting named, and no stack trace", async () => {
    await pulumi(["config", "set", "cliq:dataCenter", "europe"]);
    for (const command of [["preview"], ["up", "--yes", "--skip-preview"]]) {
      const result = await run(command);
      assert.notEqual(result.code, 0, result.output);
      assertOneCleanMessage(result, /cliq:dataCenter is not a Zoho data center \(got "europe"\)/);
    }
  });

  it("refresh after `config rm` of a refused setting says the value is the one recorded in state, and the way out", async () => {
    // What a user does after the failed up above: remove the bad value, then refresh.
    await pulumi(["config", "rm", "cliq:dataCenter"]);
    const refresh = await run(["refresh", "--yes", "--skip-preview"]);
    console.log(refresh.output);
    assert.notEqual(refresh.code, 0, refresh.output);
    assertOneCleanMessage(refresh, /cliq:dataCenter is not a Zoho data center \(got "europe"\)/);
    assert.match(refresh.output, /recorded in the stack's state by the last `pulumi up`/);
    assert.match(refresh.output, /pulumi refresh --run-program/);
    // The way out it names works: refresh with the program's (current) configuration, then a plain refresh.
    await pulumi(["refresh", "--yes", "--skip-preview", "--run-program"]);
    await pulumi(["refresh", "--yes", "--skip-preview"]);
  });

  describe("a lookup the program runs itself (getBot)", () => {
    let lookup: CliProject;
    const runLookup = (args: string[]) => fx.workspace.run(lookup.dir, [...args, "--stack", STACK]);

    before(async () => {
      lookup = makeProject(fx.install, {
        dir: path.join(fx.dir, "lookup"),
        name: "cliq-lookup-errors",
        source: path.join(repoRoot, "tests", "cli", "programs", "lookup-errors.ts"),
      });
      await initStack(fx.workspace, lookup, STACK, emulatorConfig(fx.emulator));
      await fx.workspace.ok(lookup.dir, ["config", "set", "botName", "No Such Bot", "--stack", STACK]);
    });

    it("of a bot that does not exist fails preview with the query named, and no stack trace", async () => {
      const preview = await runLookup(["preview"]);
      assert.notEqual(preview.code, 0, preview.output);
      assertOneCleanMessage(preview, /No Such Bot/);
    });

    it("with an unknown cliq:dataCenter fails preview with the setting named, and no stack trace", async () => {
      await fx.workspace.ok(lookup.dir, ["config", "set", "cliq:dataCenter", "europe", "--stack", STACK]);
      const preview = await runLookup(["preview"]);
      assert.notEqual(preview.code, 0, preview.output);
      assertOneCleanMessage(preview, /cliq:dataCenter is not a Zoho data center \(got "europe"\)/);
    });
  });
});
