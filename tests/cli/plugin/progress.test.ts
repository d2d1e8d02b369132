/**
 * Progress with the plugin (a YAML program), through the real CLI at Cliq's own pace: 11 handlers pass Cliq's 10
 * handler creations per minute, so the 11th waits about a minute and says so once, on its own resource (the
 * plugin logs through the engine with the resource's URN), instead of a silent spinner.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { HANDLER_TYPES } from "../../../cliq-api/operations";
import { emulatorConfig, initStack } from "../support/fixture";
import { startPluginFixture, writeProject, type PluginFixture } from "./support/fixture";
import { yamlProjectFile } from "./support/projects";

const STACK = "progress";
/** The chat-facing handler types, one of each per bot (the menu handler, which needs a name, is added below). */
const TYPES = HANDLER_TYPES.filter(
  (type) => !["incoming_webhook_handler", "call_handler", "menu_handler"].includes(type),
);
const SCRIPT = "response = Map();\\nreturn response;";

/** Two Deluge bots: five typed handlers each, and a menu handler on the first (11 handlers). */
function program(): string {
  const lines = ["resources:"];
  for (const bot of [1, 2]) {
    lines.push(`  busy-${bot}:`, "    type: cliq:index:Bot", "    properties:");
    lines.push(`      name: Busy Bot ${bot}`, `      description: Bot ${bot} with many handlers`);
    for (const type of bot === 1 ? [...TYPES, "menu_handler"] : TYPES) {
      lines.push(`  busy-${bot}-${type}:`, "    type: cliq:index:BotHandler", "    properties:");
      lines.push(`      botId: \${busy-${bot}.id}`, `      type: ${type}`, `      script: "${SCRIPT}"`);
      if (type === "menu_handler") lines.push("      name: Help");
    }
  }
  return `${lines.join("\n")}\n`;
}

describe("CLI, plugin (YAML): a handler that waits for Cliq's rate limit says so on its resource", function () {
  this.timeout(400_000);
  let fx: PluginFixture;
  let dir: string;

  before(async function () {
    this.timeout(300_000);
    fx = await startPluginFixture("progress", { languages: ["yaml"] });
    dir = writeProject(path.join(fx.dir, "cliq-plugin-progress"), {
      "Pulumi.yaml": yamlProjectFile("cliq-plugin-progress", program()),
    });
    await initStack(
      fx.workspace,
      { dir, name: "cliq-plugin-progress", main: "" },
      STACK,
      emulatorConfig(fx.org.emulator),
    );
  });
  after(() => fx?.close());

  it("up: the handler past the tenth creation announces its wait of about a minute, once, on its own resource", async () => {
    const up = await fx.workspace.ok(dir, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    const pattern =
      /cliq:index:BotHandler \(([^)]+)\):\n\s+waiting (\d+) s: Cliq allows 10 handler creations per minute/g;
    const said = [...up.output.matchAll(pattern)];
    assert.equal(said.length, 1, `one announcement, in the waiting handler's diagnostics:\n${up.output}`);
    assert.ok(Number(said[0]![2]) > 40, said[0]![0]);
    // On the handler that waited (created after about a minute), not on one whose call moved the queue.
    const took = new RegExp(`BotHandler ${said[0]![1]} created \\((\\d+)(?:\\.\\d+)?s\\)`).exec(up.output);
    assert.ok(took && Number(took[1]) > 40, `${said[0]![1]} is the handler that waited:\n${up.output}`);
  });
});
