/**
 * The dynamic provider's side of "a refused configuration value reaches no output": a TypeScript program whose
 * stack config has a unique secret-like value pasted, in plain text, into one `cliq:` key at a time. The refusal
 * comes from the dynamic provider's `configure` (a thrown error, no property for the engine to print); everything
 * the real CLI prints is scanned for the value.
 */
import assert from "node:assert/strict";
import { SETTING_NAMES } from "../../provider/plugin/config";
import { useCliStack } from "../cli/support/cli-stack";
import { emulatorConfig } from "../cli/support/fixture";

describe("refused configuration values reach no output (real CLI, dynamic provider)", function () {
  this.timeout(900_000);
  const cli = useCliStack({ suite: "refused-config-dynamic", program: "fleet" });
  const { pulumi } = cli;

  before(() => pulumi(["config", "set", "count", "1"]));

  // `cliq:profiles` too: the named credential sets are a stack setting of their own.
  for (const setting of [...SETTING_NAMES, "profiles"]) {
    it(`prints no value pasted into cliq:${setting}`, async () => {
      const key = `cliq:${setting}`;
      const value = `1000.f0e9d8c7b6a5dynamic${setting}pastedsecret`;
      const config = emulatorConfig(cli.fx.emulator);
      await pulumi(["config", "set", "--plaintext", key, value]);
      try {
        const result = await cli.run(["preview", "--diff"]);
        assert.ok(!result.output.includes("f0e9d8c7b6a5"), `the pasted value was printed:\n${result.output}`);
      } finally {
        // Back to the working configuration for the next key.
        const original = config.plain[key];
        if (original !== undefined) await pulumi(["config", "set", "--plaintext", key, original]);
        else if (config.secret[key] !== undefined)
          await pulumi(["config", "set", "--secret", key], { input: config.secret[key] });
        else await pulumi(["config", "rm", key]);
      }
    });
  }
});
