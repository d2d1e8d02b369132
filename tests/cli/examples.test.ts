/**
 * The examples project through the real `pulumi` CLI, as a user runs it: stacks dev and prod, the OAuth set as
 * secrets, an exact preview that calls no API, `up`, no-noise preview and refresh, drift made by hand, a change
 * applied with --diff, a destroy with the program deleted, and every backend file and printed line scanned for
 * credentials. The scenarios run in order, each from the state the previous one left.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { readStackFileValues, programAndProviderValues, EXAMPLES_PROJECT } from "../../engine-stand-in";
import { cliqApi } from "../engine/fixture";
import {
  apiOnly,
  countByOperation,
  emulatorConfig,
  Figures,
  initStack,
  mints,
  startCliFixture,
  takeRequests,
  workspaceLeaks,
  type CliFixture,
} from "./support/fixture";
import { parsePreview, planLines } from "./support/plan";
import { makeProject, repoRoot, type CliProject } from "./support/project";

/** The examples' stack values (Pulumi.<stack>.yaml) minus the provider keys, which point at the emulator here. */
function programValues(stack: string): Record<string, string> {
  const { program } = programAndProviderValues(readStackFileValues(repoRoot, stack), EXAMPLES_PROJECT);
  return Object.fromEntries(
    Object.entries(program).map(([key, value]) => [`${EXAMPLES_PROJECT}:${key}`, value]),
  );
}

const EXAMPLES_PLAN = [
  "create cliq:Bot ci-alerts",
  "create cliq:Bot support-desk",
  "create cliq:BotHandler ci-alerts-deploy-menu",
  "create cliq:BotHandler ci-alerts-messages",
  "create cliq:BotHandler ci-alerts-webhook",
  "create cliq:BotHandler ci-alerts-welcome",
  "create cliq:BotHandler support-mentions",
  "create cliq:BotHandler support-messages",
  "create cliq:BotHandler support-open-ticket",
  "create cliq:BotHandler support-welcome",
  "create cliq:ChannelAssociation ci-alerts-in-channel",
  "create cliq:ChannelAssociation support-desk-in-channel",
  "create pulumi:pulumi:Stack pulumi-zoho-cliq-examples-dev",
];

describe("CLI: the examples project through the real pulumi CLI", function () {
  this.timeout(180_000);
  let fx: CliFixture;
  let project: CliProject;
  const figures = new Figures();
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, args);

  before(async function () {
    this.timeout(300_000);
    fx = await startCliFixture("examples");
    project = makeProject(fx.install, {
      dir: path.join(fx.dir, "project"),
      name: EXAMPLES_PROJECT,
      source: path.join(repoRoot, "examples", "index.ts"),
      dataDirs: ["scripts"],
    });
  });
  after(async () => {
    figures.print("Figures of the examples suite (requests per step, mints per command):");
    await fx?.close();
  });

  it("stack init dev and prod, with the OAuth set stored as secrets", async () => {
    for (const stack of ["dev", "prod"]) {
      const config = emulatorConfig(fx.emulator);
      await initStack(fx.workspace, project, stack, {
        plain: { ...config.plain, ...programValues(stack) },
        secret: config.secret,
      });
    }
    const stackFile = fs.readFileSync(path.join(project.dir, "Pulumi.dev.yaml"), "utf8");
    assert.match(stackFile, /cliq:refreshToken:\s+secure: v1:/);
    assert.match(stackFile, /cliq:clientSecret:\s+secure: v1:/);
    await takeRequests(fx.control);
  });

  it("preview shows the exact plan and calls no API", async () => {
    const result = await pulumi(["preview", "--stack", "dev", "--json"]);
    assert.deepEqual(planLines(parsePreview(result.stdout).steps), EXAMPLES_PLAN);
    const requests = await takeRequests(fx.control);
    figures.add("preview (dev, 13 creates planned)", requests);
    assert.deepEqual(requests, [], "a preview needs no Cliq request, not even a token");
  });

  it("up creates every object once, one request per object", async () => {
    const result = await pulumi(["up", "--stack", "dev", "--yes", "--skip-preview"]);
    assert.match(result.output, /\+ 13 created/);
    const requests = await takeRequests(fx.control);
    figures.add("up (dev)", requests);
    assert.deepEqual(countByOperation(apiOnly(requests)), {
      create_a_new_bot: 2,
      create_a_handler_for_a_bot: 8,
      associate_bot_to_channel: 2,
    });
    assert.ok(mints(requests) <= 1, `one token for the whole run, got ${mints(requests)} mints`);
    const state = await fx.control.state();
    assert.deepEqual(state.bots.map((b) => b.name).sort(), ["Dev CI Alerts", "Dev Support Desk"]);
    assert.equal(state.bots.flatMap((b) => b.handlers).length, 8);
    assert.equal(state.memberships.length, 2);
  });

  it("preview and refresh right after up report no changes at all", async () => {
    await pulumi(["preview", "--stack", "dev", "--expect-no-changes"]);
    figures.add("preview --expect-no-changes", await takeRequests(fx.control));
    await pulumi(["refresh", "--stack", "dev", "--yes", "--skip-preview", "--expect-no-changes"]);
    const requests = await takeRequests(fx.control);
    figures.add("refresh --skip-preview --expect-no-changes", requests);
    assert.ok(apiOnly(requests).length > 0, "a refresh reads every object from Cliq");
    assert.ok(
      apiOnly(requests).every((r) => r.method === "GET"),
      "a refresh only reads",
    );
  });

  it("drift made in Cliq by hand shows in refresh and is undone by up", async () => {
    const bot = (await fx.control.state()).bots.find((b) => b.name === "Dev CI Alerts")!;
    const editBot = { description: "Edited by hand in Cliq" };
    assert.equal(await cliqApi(fx.emulator, "PATCH", `/bots/b-${bot.id}`, editBot), 200);
    const editHandler = { permissions: ["chat"] };
    assert.equal(
      await cliqApi(fx.emulator, "PATCH", `/bots/b-${bot.id}/handlers/message_handler`, editHandler),
      200,
    );
    await takeRequests(fx.control);

    const refresh = await pulumi(["refresh", "--stack", "dev", "--yes", "--skip-preview", "--diff"]);
    assert.match(
      refresh.output,
      /~ description\s*: "Build and deployment alerts for dev" => "Edited by hand in Cliq"/,
    );
    assert.match(
      refresh.output,
      /~ pulumi-nodejs:dynamic\/cliq:BotHandler: \(update\)[^]*ci-alerts-messages/,
    );
    assert.match(refresh.output, /~ 2 updated/);
    figures.add("refresh --skip-preview after drift (12 objects read)", await takeRequests(fx.control));

    const up = await pulumi(["up", "--stack", "dev", "--yes", "--skip-preview"]);
    assert.match(up.output, /~ 2 updated/);
    const requests = await takeRequests(fx.control);
    figures.add("up undoing the drift", requests);
    assert.deepEqual(countByOperation(apiOnly(requests)), {
      update_an_existing_bot: 1,
      update_a_handler_for_a_bot: 1,
    });
    const after = (await fx.control.state()).bots.find((b) => b.id === bot.id)!;
    assert.equal(after.description, "Build and deployment alerts for dev");
    assert.deepEqual(after.handlers.find((h) => h.type === "message_handler")!.permissions, [
      "chat",
      "message",
      "user",
    ]);
    await pulumi(["preview", "--stack", "dev", "--expect-no-changes"]);
    await takeRequests(fx.control);
  });

  it("a change applied with --diff shows update and replace markers for exactly what changes", async () => {
    await pulumi([
      "config",
      "set-all",
      "--stack",
      "dev",
      "--plaintext",
      `${EXAMPLES_PROJECT}:ciWebhookUrl=https://ci.dev.example.com/hooks/cliq-v2`,
      "--plaintext",
      `${EXAMPLES_PROJECT}:alertsChannel=release-dev`,
    ]);
    const preview = parsePreview((await pulumi(["preview", "--stack", "dev", "--json"])).stdout);
    assert.deepEqual(planLines(preview.steps, ["same", "create-replacement", "delete-replaced"]), [
      "replace cliq:ChannelAssociation ci-alerts-in-channel",
      "update cliq:Bot ci-alerts",
    ]);
    // Dynamic providers report which properties changed to the engine only as a yes/no: the property-level view
    // is the CLI's --diff, checked below.
    await takeRequests(fx.control);

    const up = await pulumi(["up", "--stack", "dev", "--yes", "--diff"]);
    assert.match(up.output, /~ pulumi-nodejs:dynamic\/cliq:Bot: \(update\)/);
    assert.match(
      up.output,
      /~ executionUrl\s*: "https:\/\/ci\.dev\.example\.com\/hooks\/cliq" => "https:\/\/ci\.dev\.example\.com\/hooks\/cliq-v2"/,
    );
    assert.match(up.output, /\+-pulumi-nodejs:dynamic\/cliq:ChannelAssociation: \(replace\)/);
    assert.match(up.output, /~ channelUniqueName\s*: "ci-alerts-dev" => "release-dev"/);
    const requests = await takeRequests(fx.control);
    figures.add("up --diff (1 update, 1 replace)", requests);
    const state = await fx.control.state();
    const bot = state.bots.find((b) => b.name === "Dev CI Alerts")!;
    assert.equal(bot.execution_url, "https://ci.dev.example.com/hooks/cliq-v2");
    assert.ok(state.memberships.some((m) => m.channel_unique_name === "release-dev"));
  });

  it("the prod stack of the same program lives beside dev", async () => {
    await pulumi(["up", "--stack", "prod", "--yes", "--skip-preview"]);
    figures.add("up (prod)", await takeRequests(fx.control));
    const names = (await fx.control.state()).bots.map((b) => b.name).sort();
    assert.deepEqual(names, ["Acme CI Alerts", "Acme Support Desk", "Dev CI Alerts", "Dev Support Desk"]);
    const support = (await fx.control.state()).bots.find((b) => b.name === "Acme Support Desk")!;
    assert.deepEqual(support.team_ids, ["98765432", "9223372036854775001"]);
  });

  it("destroy works from the state alone, with the program deleted, and sends one DELETE per bot", async () => {
    // Pulumi.yaml still names the program's folder; what is gone is the code in it.
    fs.rmSync(path.join(project.dir, "program"), { recursive: true, force: true });
    fs.mkdirSync(path.join(project.dir, "program"));
    for (const stack of ["prod", "dev"]) {
      const destroy = await pulumi(["destroy", "--stack", stack, "--yes", "--skip-preview"]);
      const requests = await takeRequests(fx.control);
      figures.add(`destroy (${stack}, program deleted)`, requests);
      // The handlers and memberships were given their Bot, so their deletedWith (kept in the state) is the bot:
      // the engine skips their deletes, and no membership is left behind with a warning.
      assert.deepEqual(countByOperation(apiOnly(requests)), { delete_a_specific_bot: 2 });
      assert.doesNotMatch(destroy.output, /stays a member/);
    }
    const state = await fx.control.state();
    assert.deepEqual(state.bots, []);
  });

  it("no credential reaches the backend's files, stack export or anything the CLI printed", async () => {
    for (const stack of ["dev", "prod"]) {
      const exported = await pulumi(["stack", "export", "--stack", stack]);
      assert.ok(exported.stdout.includes('"deployment"'));
    }
    const files = fx.workspace.backendFiles();
    assert.ok(files.length > 10, `the backend holds checkpoints and history (${files.length} files)`);
    assert.deepEqual(workspaceLeaks(fx.workspace), []);
    figures.note(
      `secret scan: ${files.length} backend files and the output of ${fx.workspace.history.length} commands, 0 leaks`,
    );
  });
});
