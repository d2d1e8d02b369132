/**
 * A refused configuration value reaches no output. A secret pasted into the wrong key (`cliq:dataCenter`) is plain
 * config: if CheckConfig named the property, the engine would print the value beside it (`property dataCenter
 * value {...} has a problem`). Every setting gets a unique secret-like value, on an explicit provider and on the
 * default one (`pulumi config set cliq:<key>`), and everything the real CLI prints is scanned for it.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { SETTING_NAMES } from "../../provider/plugin/config";
import { startPluginFixture, writeProject, type PluginFixture } from "../cli/plugin/support/fixture";

/** A value that looks like a Zoho refresh token, unique to `setting` and `where`. */
const planted = (setting: string, where: string) => `1000.f0e9d8c7b6a5${where}${setting}pastedsecret`;

const BOT = (provider?: string) =>
  [
    "  bot:",
    "    type: cliq:index:Bot",
    "    properties:",
    "      name: Planted",
    "      description: planted value",
    ...(provider ? ["    options:", `      provider: \${${provider}}`] : []),
  ].join("\n");

describe("refused configuration values reach no output (real CLI, YAML program)", function () {
  this.timeout(600_000);
  let fx: PluginFixture;

  before(async () => {
    fx = await startPluginFixture("refused-config", { languages: ["yaml"] });
  });
  after(async () => fx?.close());

  async function preview(name: string, program: string, config: Record<string, string>): Promise<string> {
    const dir = writeProject(path.join(fx.dir, name), {
      "Pulumi.yaml": `name: ${name}\nruntime: yaml\nresources:\n${program}\n`,
    });
    await fx.workspace.ok(dir, ["stack", "init", "dev"]);
    for (const [key, value] of Object.entries(config)) {
      // --plaintext: as pasted by a user who did not take it for a secret (the CLI asks when a value looks like one).
      await fx.workspace.ok(dir, ["config", "set", "--plaintext", key, value]);
    }
    const result = await fx.workspace.run(dir, ["preview", "--diff"]);
    return result.output;
  }

  for (const setting of SETTING_NAMES) {
    it(`prints no value planted in ${setting} of an explicit provider`, async () => {
      const value = planted(setting, "explicit");
      // Through a plain config value of the project: a typed setting (a boolean, a number) in the program's own
      // text would be refused by the YAML host, which quotes the user's Pulumi.yaml, before the plugin sees it.
      const program = [
        "  org:",
        "    type: pulumi:providers:cliq",
        "    properties:",
        `      ${setting}: \${pasted}`,
        BOT("org"),
      ];
      const output = await preview(`explicit-${setting.toLowerCase()}`, program.join("\n"), {
        pasted: value,
      });
      assert.ok(!output.includes(value), `the planted value was printed:\n${output}`);
      assert.ok(!output.includes("f0e9d8c7b6a5"), `part of the planted value was printed:\n${output}`);
    });
  }

  // `cliq:profiles` too: a stack setting of its own (named credential sets), read by the same providers.
  for (const setting of [...SETTING_NAMES, "profiles"]) {
    it(`prints no value planted in cliq:${setting} of the default provider`, async () => {
      const value = planted(setting, "default");
      const output = await preview(`default-${setting.toLowerCase()}`, BOT(), { [`cliq:${setting}`]: value });
      assert.ok(!output.includes(value), `the planted value was printed:\n${output}`);
      assert.ok(!output.includes("f0e9d8c7b6a5"), `part of the planted value was printed:\n${output}`);
    });
  }

  it("still names the refused key and why", async () => {
    const output = await preview("named-key", BOT(), { "cliq:dataCenter": planted("dataCenter", "named") });
    assert.match(output, /cliq:dataCenter/);
    assert.match(output, /has a problem/);
  });
});
