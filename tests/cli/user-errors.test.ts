/**
 * Errors a user can cause, through the real CLI: each is one clear message, never a stack trace, and an error
 * that comes from the configuration recorded in the state (refresh and destroy do not run the program) says so
 * and names the way out.
 */
import { strict as assert } from "assert";
import { useCliStack, type StackCommands } from "./support/cli-stack";
import type { CliResult } from "./support/pulumi";

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
  const cli = useCliStack({ suite: "user-errors", program: "fleet" });
  const { pulumi, run } = cli;

  before(async function () {
    this.timeout(300_000);
    await pulumi(["config", "set", "count", "1"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
  });

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
    let lookup: StackCommands;

    before(async () => {
      lookup = await cli.addProject({
        dir: "lookup",
        name: "cliq-lookup-errors",
        program: "lookup-errors",
        stack: cli.stack,
      });
      await lookup.pulumi(["config", "set", "botName", "No Such Bot"]);
    });

    it("of a bot that does not exist fails preview with the query named, and no stack trace", async () => {
      const preview = await lookup.run(["preview"]);
      assert.notEqual(preview.code, 0, preview.output);
      assertOneCleanMessage(preview, /No Such Bot/);
    });

    it("with an unknown cliq:dataCenter fails preview with the setting named, and no stack trace", async () => {
      await lookup.pulumi(["config", "set", "cliq:dataCenter", "europe"]);
      const preview = await lookup.run(["preview"]);
      assert.notEqual(preview.code, 0, preview.output);
      assertOneCleanMessage(preview, /cliq:dataCenter is not a Zoho data center \(got "europe"\)/);
    });
  });
});
