/**
 * Several Cliq organisations in one stack through the real CLI: `cliq:profiles` (one secret JSON object) holds
 * two credential sets pointing at two emulators, and each resource's `profile` picks one. Objects land in the
 * right organisation, refresh reads each from its own, destroy empties both, an unknown profile fails the
 * preview on `profile`, and no credential reaches the state, its export or anything printed.
 */
import { strict as assert } from "assert";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import {
  apiOnly,
  initStack,
  programProject,
  SECRETS,
  setAllArgs,
  startCliFixture,
  takeRequests,
  TIME_SCALE,
  workspaceLeaks,
  type CliFixture,
} from "./support/fixture";
import type { CliProject } from "./support/project";

const STACK = "orgs";

describe("CLI: several organisations in one stack (cliq:profiles)", function () {
  this.timeout(180_000);
  let fx: CliFixture;
  let orgB: RunningEmulator;
  let controlB: EmulatorControl;
  let project: CliProject;
  const run = (args: string[]) => fx.workspace.run(project.dir, [...args, "--stack", STACK]);
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);
  const outputs = async () => JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);

  before(async function () {
    this.timeout(300_000);
    // Org a: the suite's emulator with the OAuth set; org b: a second emulator taking a static token.
    fx = await startCliFixture("profiles");
    orgB = await startEmulator({ tokens: [SECRETS.staticAccessToken], timeScale: TIME_SCALE });
    controlB = new EmulatorControl(orgB.url);
    project = programProject(fx, "cliq-profiles", "profiles");
    const profiles = {
      a: {
        apiUrl: fx.emulator.apiUrl,
        accountsUrl: fx.emulator.url,
        clientId: SECRETS.clientId,
        clientSecret: SECRETS.clientSecret,
        refreshToken: SECRETS.refreshToken,
      },
      b: { apiUrl: orgB.apiUrl, accessToken: SECRETS.staticAccessToken },
    };
    // No top-level cliq:* credentials at all: the profiles are the stack's only credential sets.
    await initStack(fx.workspace, project, STACK, {
      plain: {},
      secret: { "cliq:profiles": JSON.stringify(profiles) },
    });
  });
  after(async () => {
    await fx?.close();
    await orgB?.close();
  });

  it("creates each object in the organisation its profile names", async () => {
    await pulumi(["up", "--yes", "--skip-preview"]);
    const { botA, botB, profileA } = await outputs();
    assert.equal(profileA, "a");
    const stateA = await fx.control.state();
    const stateB = await controlB.state();
    assert.deepEqual(
      stateA.bots.map((bot) => [bot.id, bot.name, bot.handlers.length]),
      [[botA, "Org A Alerts", 0]],
    );
    assert.deepEqual(stateA.memberships, [
      { channel_unique_name: "ops", bot_unique_name: stateA.bots[0]!.unique_name },
    ]);
    assert.deepEqual(
      stateB.bots.map((bot) => [bot.id, bot.name, bot.handlers.map((h) => h.type)]),
      [[botB, "Org B Alerts", ["message_handler"]]],
    );
    assert.deepEqual(stateB.memberships, []);
  });

  it("refreshes each object from its own organisation, with no changes", async () => {
    await takeRequests(fx.control);
    await takeRequests(controlB);
    await pulumi(["refresh", "--yes", "--expect-no-changes"]);
    // Both emulators number their bots alike, so the kinds of reads tell the organisations apart: org a holds
    // a bot and its membership (read through the bot's subscribers), org b a bot and its handler.
    const operations = async (control: EmulatorControl) => [
      ...new Set(
        apiOnly(await takeRequests(control)).map((request) => `${request.operationId} ${request.status}`),
      ),
    ];
    assert.deepEqual((await operations(fx.control)).sort(), [
      "get_details_of_a_specific_bot 200",
      "list_all_subscribers_of_a_bot 200",
    ]);
    assert.deepEqual((await operations(controlB)).sort(), [
      "get_details_of_a_specific_bot 200",
      "get_details_of_a_specific_bot_handler 200",
    ]);
  });

  it("fails the preview of an unknown profile on `profile`, listing the defined names, with no request", async () => {
    await pulumi(setAllArgs({ orgAProfile: "apac" }).concat("--stack", STACK));
    await takeRequests(fx.control);
    const preview = await run(["preview"]);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /profile/);
    assert.match(
      preview.output,
      /names the profile "apac", which cliq:profiles does not define; defined: "a", "b"/,
    );
    assert.deepEqual(await takeRequests(fx.control), []);
    await pulumi(["config", "rm", "orgAProfile"]);
  });

  it("records the profiles encrypted: the state's export holds no credential", async () => {
    const exported = JSON.parse((await pulumi(["stack", "export"])).stdout);
    // The default provider records the stack's cliq:* config it ran with, cliq:profiles as a secret.
    const recorded = (exported.deployment.resources as { inputs?: Record<string, unknown> }[])
      .map((resource) => resource.inputs?.["cliq:profiles"])
      .filter((value) => value !== undefined);
    assert.ok(recorded.length > 0, "the configuration is recorded for refresh and destroy");
    for (const value of recorded) assert.ok((value as { ciphertext?: string }).ciphertext, String(value));
    assert.deepEqual(workspaceLeaks(fx.workspace), []);
  });

  it("destroys each object in its own organisation, leaving both empty", async () => {
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await fx.control.state(), { bots: [], memberships: [] });
    assert.deepEqual(await controlB.state(), { bots: [], memberships: [] });
  });

  it("keeps every credential of both profiles out of the backend's files and everything printed", async () => {
    await pulumi(["stack", "export"]);
    assert.deepEqual(workspaceLeaks(fx.workspace), []);
  });
});
