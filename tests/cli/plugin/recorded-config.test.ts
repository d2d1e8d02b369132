/**
 * Where `refresh` gets its configuration, with the plugin (a YAML program), through the real CLI. The plugin
 * refuses a bad setting at CheckConfig, before the engine records the provider's new configuration, so after a
 * failed `up` the state still holds the last configuration an `up` accepted and `refresh` quietly uses it. When
 * the recorded configuration itself is refused (credentials that came from the shell of the last `up`), the
 * refusal says that refresh used the recorded configuration and names the way out. One message, no stack trace.
 */
import { strict as assert } from "assert";
import { emulatorConfig, initStack } from "../support/fixture";
import { startPluginFixture, type PluginFixture } from "./support/fixture";
import { yamlProject, type PluginProject } from "./support/projects";

const STACK = "recorded";
const STACK_FRAME = /^\s+at .+[(\s]\S+:\d+:\d+\)?$/m;

describe("CLI, plugin (YAML): refresh uses the configuration recorded in the state, and says so when it is refused", function () {
  this.timeout(300_000);
  let fx: PluginFixture;
  let project: PluginProject;
  const run = (args: string[], env?: Record<string, string | undefined>) =>
    fx.workspace.run(project.dir, [...args, "--stack", STACK], { env });
  const pulumi = (args: string[], env?: Record<string, string | undefined>) =>
    fx.workspace.ok(project.dir, [...args, "--stack", STACK], { env });

  before(async function () {
    this.timeout(300_000);
    fx = await startPluginFixture("recorded-config", { languages: ["yaml"] });
    project = yamlProject(fx, "cliq-recorded", "yaml/lifecycle.yaml");
    const config = emulatorConfig(fx.org.emulator);
    const plain = { ...config.plain, [`${project.name}:description`]: "recorded" };
    await initStack(fx.workspace, { ...project, main: "" }, STACK, { ...config, plain });
    await pulumi(["up", "--yes", "--skip-preview"]);
  });
  after(() => fx?.close());

  it("a refused cliq:dataCenter fails up at CheckConfig, is not recorded, and refresh after `config rm` uses the last accepted configuration", async () => {
    await pulumi(["config", "set", "cliq:dataCenter", "europe"]);
    const up = await run(["up", "--yes", "--skip-preview"]);
    assert.notEqual(up.code, 0, up.output);
    assert.match(up.output, /cliq:dataCenter is not a Zoho data center \(got "europe"\)/);
    assert.doesNotMatch(up.output, STACK_FRAME, up.output);
    await pulumi(["config", "rm", "cliq:dataCenter"]);
    await pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  });

  it("a recorded configuration that is refused at refresh says where it came from and the way out", async () => {
    // The last up took its credentials from the shell; the refresh runs in a shell without them.
    const { clientId, clientSecret, refreshToken } = {
      clientId: emulatorConfig(fx.org.emulator).plain["cliq:clientId"]!,
      clientSecret: emulatorConfig(fx.org.emulator).secret["cliq:clientSecret"]!,
      refreshToken: emulatorConfig(fx.org.emulator).secret["cliq:refreshToken"]!,
    };
    for (const key of ["cliq:clientId", "cliq:clientSecret", "cliq:refreshToken"])
      await pulumi(["config", "rm", key]);
    const shell = {
      CLIQ_CLIENT_ID: clientId,
      CLIQ_CLIENT_SECRET: clientSecret,
      CLIQ_REFRESH_TOKEN: refreshToken,
    };
    await pulumi(["up", "--yes", "--skip-preview"], shell);
    const refresh = await run(["refresh", "--yes", "--skip-preview"]);
    console.log(refresh.output);
    assert.notEqual(refresh.code, 0, refresh.output);
    assert.match(refresh.output, /no Cliq credentials/);
    assert.match(refresh.output, /recorded in the stack's state by the last `pulumi up` that accepted it/);
    assert.match(refresh.output, /`pulumi refresh --run-program`/);
    assert.doesNotMatch(refresh.output, STACK_FRAME, refresh.output);
    // The way out it names: the credentials back in the config, and an up that records them.
    await pulumi(["config", "set", "cliq:clientId", clientId]);
    await fx.workspace.ok(project.dir, ["config", "set", "--secret", "cliq:clientSecret", "--stack", STACK], {
      input: clientSecret,
    });
    await fx.workspace.ok(project.dir, ["config", "set", "--secret", "cliq:refreshToken", "--stack", STACK], {
      input: refreshToken,
    });
    await pulumi(["up", "--yes", "--skip-preview"]);
    await pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  });
});
