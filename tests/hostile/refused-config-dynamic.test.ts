/**
 * The dynamic provider's side of "a refused configuration value reaches no output": a TypeScript program whose
 * stack config has a unique secret-like value pasted, in plain text, into one `cliq:` key at a time. The refusal
 * comes from the dynamic provider's `configure` (a thrown error, no property for the engine to print); everything
 * the real CLI prints is scanned for the value.
 */
import assert from "node:assert/strict";
import { SETTING_NAMES } from "../../provider/plugin/config";
import {
  emulatorConfig,
  initStack,
  programProject,
  startCliFixture,
  type CliFixture,
} from "../cli/support/fixture";
import type { CliProject } from "../cli/support/project";

const STACK = "pasted";

describe("refused configuration values reach no output (real CLI, dynamic provider)", function () {
  this.timeout(900_000);
  let fx: CliFixture;
  let project: CliProject;
  let config: ReturnType<typeof emulatorConfig>;
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);

  before(async function () {
    this.timeout(300_000);
    fx = await startCliFixture("refused-config-dynamic");
    project = programProject(fx, "cliq-refused-config", "fleet");
    config = emulatorConfig(fx.emulator);
    await initStack(fx.workspace, project, STACK, config);
    await pulumi(["config", "set", "count", "1"]);
  });
  after(() => fx?.close());

  // `cliq:profiles` too: the named credential sets are a stack setting of their own.
  for (const setting of [...SETTING_NAMES, "profiles"]) {
    it(`prints no value pasted into cliq:${setting}`, async () => {
      const key = `cliq:${setting}`;
      const value = `1000.f0e9d8c7b6a5dynamic${setting}pastedsecret`;
      await pulumi(["config", "set", "--plaintext", key, value]);
      try {
        const result = await fx.workspace.run(project.dir, ["preview", "--diff", "--stack", STACK]);
        assert.ok(!result.output.includes("f0e9d8c7b6a5"), `the pasted value was printed:\n${result.output}`);
      } finally {
        // Back to the working configuration for the next key.
        const original = config.plain[key];
        if (original !== undefined) await pulumi(["config", "set", "--plaintext", key, original]);
        else if (config.secret[key] !== undefined)
          await fx.workspace.ok(project.dir, ["config", "set", "--secret", key, "--stack", STACK], {
            input: config.secret[key],
          });
        else await pulumi(["config", "rm", key]);
      }
    });
  }
});
