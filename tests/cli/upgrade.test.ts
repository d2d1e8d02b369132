/**
 * Upgrade safety through the real CLI: a stack written by the previous release of this package is refreshed,
 * updated and destroyed by the current one. The serialized providers in that state `require` the package's
 * provider module paths, so those paths are a contract: this suite fails if one moves.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLES_PROJECT } from "../../engine-stand-in";
import { useCliStack } from "./support/cli-stack";
import {
  apiOnly,
  countByOperation,
  emulatorConfig,
  Figures,
  takeRequests,
  type CliFixture,
} from "./support/fixture";
import { PREVIOUS_RELEASE, previousReleaseTarball } from "./support/previous-release";
import { installTarball, makeProject, type Install } from "./support/project";

/** The module paths that serialized providers in users' state require. */
const PROVIDER_MODULES = {
  "pulumi-nodejs:dynamic/cliq:Bot": "pulumi-zoho-cliq/provider/bot",
  "pulumi-nodejs:dynamic/cliq:BotHandler": "pulumi-zoho-cliq/provider/bot-handler",
  "pulumi-nodejs:dynamic/cliq:ChannelAssociation": "pulumi-zoho-cliq/provider/channel-association",
};

const DEV_VALUES = {
  [`${EXAMPLES_PROJECT}:namePrefix`]: "Up",
  [`${EXAMPLES_PROJECT}:alertsChannel`]: "ci-alerts-up",
  [`${EXAMPLES_PROJECT}:supportChannel`]: "support-up",
  [`${EXAMPLES_PROJECT}:ciWebhookUrl`]: "https://ci.example.com/hooks/cliq",
};

describe(`CLI: a stack written by release ${PREVIOUS_RELEASE.version} is managed by this version`, function () {
  this.timeout(180_000);
  const cli = useCliStack({
    suite: "upgrade",
    makeProject: previousReleaseProject,
    config: (fx) => {
      const config = emulatorConfig(fx.emulator);
      return { plain: { ...config.plain, ...DEV_VALUES }, secret: config.secret };
    },
    setupTimeout: 600_000,
  });
  const { pulumi } = cli;
  const figures = new Figures();
  const exportState = async () => JSON.parse((await pulumi(["stack", "export"])).stdout);

  /** Points the project's node_modules at an install, as `npm install pulumi-zoho-cliq@<version>` would. */
  function useInstall(install: Install): void {
    const link = path.join(cli.project.dir, "node_modules");
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.join(install.modulesDir, "node_modules"), link, "dir");
  }

  after(() => figures.print("Figures of the upgrade suite:"));

  it("the previous release applies the examples and stores providers that require the contract's paths", async () => {
    await pulumi(["up", "--yes", "--skip-preview"]);
    figures.add(`up with ${PREVIOUS_RELEASE.version}`, await takeRequests(cli.fx.control));
    const resources: { type: string; inputs?: { __provider?: string } }[] = (await exportState()).deployment
      .resources;
    const cliq = resources.filter((r) => r.type in PROVIDER_MODULES);
    assert.equal(cliq.length, 12);
    for (const resource of cliq) {
      const module = PROVIDER_MODULES[resource.type as keyof typeof PROVIDER_MODULES];
      assert.ok(
        resource.inputs?.__provider?.includes(`require("${module}")`),
        `${resource.type} requires ${module}`,
      );
    }
  });

  it("every provider module path of the contract resolves in the current package", () => {
    const requireFromProject = require("module").createRequire(
      path.join(cli.fx.install.modulesDir, "index.js"),
    );
    for (const module of Object.values(PROVIDER_MODULES)) {
      const provider = requireFromProject(module);
      for (const method of ["check", "diff", "create", "read", "update", "delete"]) {
        assert.equal(typeof provider[method], "function", `${module} exports ${method}`);
      }
    }
  });

  it("the current version refreshes, updates and destroys that state", async () => {
    useInstall(cli.fx.install);
    await pulumi(["refresh", "--yes", "--skip-preview"]);
    figures.add("refresh with the current version", await takeRequests(cli.fx.control));
    assert.equal((await exportState()).deployment.resources.length, 14, "stack, provider and 12 objects");

    await pulumi([
      "config",
      "set",
      `${EXAMPLES_PROJECT}:ciWebhookUrl`,
      "https://ci.example.com/hooks/cliq-v2",
    ]);
    const up = await pulumi(["up", "--yes", "--skip-preview"]);
    // Besides the bot's change, the first up after the upgrade records the bot's id on the two memberships given
    // `bot.uniqueName` (now recognised as the Bot's own output), once and with no request of its own.
    assert.match(up.output, /~ 3 updated/);
    for (const membership of ["ci-alerts-in-channel", "support-desk-in-channel"]) {
      assert.match(up.output, new RegExp(`ChannelAssociation ${membership} updated .*\\[diff: \\+botId\\]`));
    }
    const upRequests = await takeRequests(cli.fx.control);
    figures.add("up of a change with the current version", upRequests);
    assert.deepEqual(countByOperation(apiOnly(upRequests)), { update_an_existing_bot: 1 });
    await pulumi(["preview", "--expect-no-changes"]);
    const bot = (await cli.fx.control.state()).bots.find((b) => b.name === "Up CI Alerts")!;
    assert.equal(bot.execution_url, "https://ci.example.com/hooks/cliq-v2");

    await pulumi(["destroy", "--yes", "--skip-preview"]);
    const requests = await takeRequests(cli.fx.control);
    figures.add("destroy with the current version", requests);
    assert.ok(apiOnly(requests).every((r) => r.status !== null && r.status < 500));
    assert.deepEqual((await cli.fx.control.state()).bots, []);
  });
});

/** The examples program as the previous release shipped it, installed from that release's tarball. */
async function previousReleaseProject(fx: CliFixture) {
  const { tarball, sourceDir } = await previousReleaseTarball();
  const previous = await installTarball(fx.install.root, "previous-install", tarball);
  return makeProject(previous, {
    dir: path.join(fx.dir, "project"),
    name: EXAMPLES_PROJECT,
    source: path.join(sourceDir, "examples", "index.ts"),
    dataDirs: ["scripts"],
  });
}
