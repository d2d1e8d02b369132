/**
 * One stack, two Cliq organisations (two emulators), through the real CLI: a Python program with an explicit
 * `cliq.Provider` for each (programs/python/two_orgs.py). Objects land in their own organisation, and removing
 * one organisation's resources from the program deletes them there and leaves the other organisation alone.
 */
import { strict as assert } from "assert";
import { SECRETS } from "../../engine/fixture";
import { Figures, initStack, takeRequests, workspaceLeaks } from "../support/fixture";
import { cliqPlan, describeOrganisation } from "./support/lifecycle";
import { startPluginFixture, type Organisation, type PluginFixture } from "./support/fixture";
import { pythonProject, type PluginProject } from "./support/projects";

const STACK = "two-orgs";

/** `<org>:*` settings for one organisation's provider: no `cliq:*` config, so no default provider could work. */
function organisationConfig(org: string, { emulator }: Organisation) {
  return {
    plain: {
      [`${org}:apiUrl`]: emulator.apiUrl,
      [`${org}:accountsUrl`]: emulator.url,
      [`${org}:clientId`]: SECRETS.clientId,
    },
    secret: { [`${org}:clientSecret`]: SECRETS.clientSecret, [`${org}:refreshToken`]: SECRETS.refreshToken },
  };
}

const organisationHolding = (letter: string) => [
  `bot Pipeline Alerts: Alerts of organisation ${letter}`,
  "member pipelinealerts of ops",
  "menu Help of Pipeline Alerts",
];

/** Two emulators, the Python project and its stack, configured with one provider setting set per organisation. */
async function startTwoOrganisations(): Promise<{ fx: PluginFixture; project: PluginProject }> {
  const fx = await startPluginFixture("two-orgs", { languages: ["python"], organisations: 2 });
  const project = await pythonProject(fx, "cliq-two-orgs", "python/two_orgs.py");
  const [a, b] = [organisationConfig("orgA", fx.orgs[0]!), organisationConfig("orgB", fx.orgs[1]!)];
  await initStack(fx.workspace, { ...project, main: "" }, STACK, {
    plain: { ...a.plain, ...b.plain },
    secret: { ...a.secret, ...b.secret },
  });
  return { fx, project };
}

describe("plugin: one stack managing two Cliq organisations through two explicit providers", function () {
  this.timeout(300_000);
  let fx: PluginFixture;
  let project: PluginProject;
  let orgA: Organisation;
  let orgB: Organisation;
  const figures = new Figures();
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);
  const organisation = async (org: Organisation) => describeOrganisation(await org.control.state());

  before(async function () {
    this.timeout(900_000);
    ({ fx, project } = await startTwoOrganisations());
    [orgA, orgB] = fx.orgs as [Organisation, Organisation];
  });
  after(async () => {
    figures.print("plugin, two organisations");
    await fx?.close();
  });

  it("preview plans both organisations' resources and sends nothing to either", async () => {
    const preview = await pulumi(["preview", "--json"]);
    assert.deepEqual(
      cliqPlan(preview.stdout),
      ["Bot %s-alerts", "BotHandler %s-help", "ChannelAssociation %s-in-ops"].flatMap((line) =>
        ["orgA", "orgB"].map((org) => `create cliq:index:${line.replace("%s", org)}`),
      ),
    );
    assert.deepEqual(await takeRequests(orgA.control), []);
    assert.deepEqual(await takeRequests(orgB.control), []);
  });

  it("up puts each organisation's bot, menu and membership into that organisation only", async () => {
    await pulumi(["up", "--yes", "--skip-preview"]);
    figures.add("up, organisation A", await takeRequests(orgA.control));
    figures.add("up, organisation B", await takeRequests(orgB.control));
    assert.deepEqual(await organisation(orgA), organisationHolding("A"));
    assert.deepEqual(await organisation(orgB), organisationHolding("B"));
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.orgABotId, (await orgA.control.state()).bots[0]!.id);
    assert.equal(outputs.orgBBotId, (await orgB.control.state()).bots[0]!.id);
  });

  it("refresh reads each resource from its own organisation and finds nothing changed", async () => {
    await pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    for (const [name, org] of [
      ["A", orgA],
      ["B", orgB],
    ] as const) {
      const reads = await takeRequests(org.control);
      figures.add(`refresh, organisation ${name}`, reads);
      assert.ok(
        reads.some((r) => r.operationId === "get_details_of_a_specific_bot"),
        `no read in ${name}`,
      );
      assert.deepEqual(
        reads.filter((r) => r.method !== "GET" && r.operationId !== "oauth_token"),
        [],
      );
    }
  });

  it("removing organisation B's resources from the program deletes them there and leaves A untouched", async () => {
    await pulumi(["config", "set", `${project.name}:withOrgB`, "false"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
    const inB = await takeRequests(orgB.control);
    figures.add("up without B, organisation B", inB);
    assert.deepEqual(await takeRequests(orgA.control), [], "organisation A hears nothing");
    assert.ok(
      inB.some((r) => r.operationId === "delete_a_specific_bot"),
      JSON.stringify(inB),
    );
    assert.deepEqual(await organisation(orgB), []);
    assert.deepEqual(await organisation(orgA), organisationHolding("A"));
  });

  it("destroy empties organisation A too", async () => {
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    figures.add("destroy, organisation A", await takeRequests(orgA.control));
    assert.deepEqual(await organisation(orgA), []);
    assert.deepEqual(await takeRequests(orgB.control), []);
  });

  it("no credential of either organisation reaches the state or anything printed", async () => {
    await pulumi(["stack", "export"]);
    assert.deepEqual(workspaceLeaks(fx.workspace), []);
  });
});
