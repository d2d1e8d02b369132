/**
 * Every `pulumi new` template through the real CLI, from its local path (`pulumi new ./templates/<name>`), in an
 * empty folder: the stack made with the template's config (the emulator's endpoints and client id given with
 * `--config`, the secrets with `config set --secret` from stdin), then preview (no request), up (the bot, its
 * welcome script and its membership in the emulator) and destroy (one DELETE, nothing left).
 *
 * What a user does before `pulumi new` while nothing is published, and the test does likewise: the `cliq` plugin
 * installed from its archive (all but TypeScript); for TypeScript the package's `npm pack` tarball installed in
 * the folder first; for Go, after it, the README's steps that generate the SDK and require it through a `replace`.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { apiOnly, countByOperation, emulatorConfig, SECRETS, takeRequests } from "../cli/support/fixture";
import { currentInstall, repoRoot } from "../cli/support/project";
import { startPluginFixture, type PluginFixture } from "../cli/plugin/support/fixture";
import { mustExec, requireTool } from "../cli/plugin/support/toolchain";
import { describeBots } from "../examples/support";
import { expectedObjects, goReadmeSteps, TEMPLATES, templateProject, type TemplateName } from "./support";

const STACK = "dev";

/** What a user installs in the empty folder before `pulumi new` while the npm package is unpublished. */
async function beforeNew(name: TemplateName, dir: string): Promise<void> {
  if (name !== "cliq-typescript") return;
  const install = await currentInstall();
  const typescript = `typescript@${(require("typescript/package.json") as { version: string }).version}`;
  const packages = [install.tarball, `@pulumi/pulumi@${install.pulumiVersion}`, typescript];
  const args = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...packages];
  await mustExec("Installing the package tarball", "npm", args, { cwd: dir });
}

/**
 * What a Go user runs after `pulumi new` while the Go SDK is unpublished: the shell block of templates/README.md's
 * Go item, as written (gen-sdk from the installed plugin, its go.mod, the `replace`, `go mod tidy`).
 */
async function afterNew(fx: PluginFixture, name: TemplateName, dir: string): Promise<void> {
  if (name !== "cliq-go") return;
  requireTool("go", "The Go template");
  await mustExec("The Go steps of templates/README.md", "bash", ["-euo", "pipefail", "-c", goReadmeSteps()], {
    cwd: dir,
    env: fx.workspace.env,
  });
}

/** `pulumi new <local path>` with the emulator's endpoints and client id, then the secrets from stdin. */
async function pulumiNew(fx: PluginFixture, name: TemplateName, dir: string): Promise<void> {
  const { plain, secret } = emulatorConfig(fx.org.emulator);
  const config = Object.entries(plain).flatMap(([key, value]) => ["--config", `${key}=${value}`]);
  const template = path.join(repoRoot, "templates", name);
  const args = ["new", template, "--yes", "--force", "--stack", STACK, "--name", name, ...config];
  // Offline, package resolution must not ask the Pulumi registry (`packages:` of the Python template).
  await fx.workspace.ok(dir, args, { env: { PULUMI_DISABLE_REGISTRY_RESOLVE: "true" } });
  for (const [key, value] of Object.entries(secret)) {
    await fx.workspace.ok(dir, ["config", "set", "--secret", key, "--stack", STACK], { input: value });
  }
  const stackFile = fs.readFileSync(path.join(dir, `Pulumi.${STACK}.yaml`), "utf8");
  const defaults = templateProject(name).template.config;
  assert.match(
    stackFile,
    new RegExp(`${name}:botName: ${defaults.botName!.default}`),
    "template default saved",
  );
  assert.match(stackFile, /cliq:refreshToken:\s+secure: v1:/);
  assert.ok(!stackFile.includes(SECRETS.refreshToken) && !stackFile.includes(SECRETS.clientSecret));
}

/** preview (no request), up (the template's objects in the emulator), destroy (one DELETE, nothing left). */
async function previewUpDestroy(fx: PluginFixture, name: TemplateName, dir: string): Promise<void> {
  const pulumi = (args: string[]) => fx.workspace.ok(dir, [...args, "--stack", STACK]);
  const { botName, channel } = templateProject(name).template.config;
  await takeRequests(fx.org.control);
  await pulumi(["preview"]);
  assert.deepEqual(await takeRequests(fx.org.control), [], "a preview sends no request");
  await pulumi(["up", "--yes", "--skip-preview"]);
  const state = await fx.org.control.state();
  assert.deepEqual(describeBots(state), expectedObjects(botName!.default!, channel!.default!, state));
  await takeRequests(fx.org.control);
  const destroyed = await pulumi(["destroy", "--yes", "--skip-preview"]);
  assert.doesNotMatch(destroyed.output, /stays a member/);
  assert.deepEqual(describeBots(await fx.org.control.state()), []);
  assert.deepEqual(countByOperation(apiOnly(await takeRequests(fx.org.control))), {
    delete_a_specific_bot: 1,
  });
}

describe("templates: pulumi new from a local path, then preview, up and destroy against the emulator", function () {
  this.timeout(600_000);
  let fx: PluginFixture;
  const timings: string[] = [];

  before(async function () {
    this.timeout(900_000);
    fx = await startPluginFixture("templates", { languages: ["python", "go", "yaml"] });
  });
  after(async () => {
    console.log(`\n    templates (seconds per template, pulumi new to destroy): ${timings.join(", ")}`);
    await fx?.close();
  });

  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    it(`${name}: pulumi new, preview sends nothing, up makes the bot, its welcome script and its membership, destroy empties Cliq`, async () => {
      const started = Date.now();
      const dir = path.join(fx.dir, `new-${name}`);
      fs.mkdirSync(dir, { recursive: true });
      await beforeNew(name, dir);
      await pulumiNew(fx, name, dir);
      await afterNew(fx, name, dir);
      await previewUpDestroy(fx, name, dir);
      timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)}`);
    });
  }
});
