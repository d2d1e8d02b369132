/**
 * The life of one stack through the real CLI, the same in every language: a webhook bot, its menu handler and
 * its channel membership (programs/<language>/lifecycle.*), previewed without a request, created, refreshed
 * without drift, updated by a changed description (one PATCH, shown property by property), destroyed. Invalid
 * input stops at preview, and no credential shows anywhere. Each language's suite calls `describeLifecycle`.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import type { StateDump } from "../../../../emulator";
import {
  apiOnly,
  emulatorConfig,
  Figures,
  SECRETS,
  initStack,
  takeRequests,
  workspaceLeaks,
} from "../../support/fixture";
import { parsePreview } from "../../support/plan";
import { startPluginFixture, type PluginFixture } from "./fixture";
import type { PluginProject } from "./projects";
import type { Language } from "./toolchain";

const STACK = "dev";
export const FIRST_DESCRIPTION = "CI/CD alerts";
export const SECOND_DESCRIPTION = "Build and deploy alerts";
/** 21 characters: one over the bot name limit. */
export const TOO_LONG_NAME = "Pipeline Alerts Bot 2";
/** A refresh token the emulator does not know. */
const WRONG_REFRESH_TOKEN = "1000.f00dfeed5eed.not-a-known-refresh-token";

/** Plan lines of the program's own resources (the stack and provider resources left out). */
export function cliqPlan(stdout: string): string[] {
  return parsePreview(stdout)
    .steps.filter((step) => step.type.startsWith("cliq:index:"))
    .map((step) => `${step.op} ${step.type} ${step.name}`)
    .sort();
}

/** The emulator's bots, handlers and memberships in a few comparable lines. */
export function describeOrganisation(state: StateDump): string[] {
  return [
    ...state.bots.flatMap((bot) => [
      `bot ${bot.name}: ${bot.description}`,
      ...bot.handlers
        .filter((handler) => handler.type === "menu_handler")
        .map((handler) => `menu ${handler.name} of ${bot.name}`),
    ]),
    ...state.memberships.map((m) => `member ${m.bot_unique_name} of ${m.channel_unique_name}`),
  ].sort();
}

/** One language's lifecycle stack: the fixture, the project, and the commands and checks of each step. */
class LifecycleStack {
  readonly figures = new Figures();
  constructor(
    readonly fx: PluginFixture,
    readonly project: PluginProject,
  ) {}

  static async start(language: Language, makeProject: (fx: PluginFixture) => Promise<PluginProject>) {
    const started = Date.now();
    const fx = await startPluginFixture(`lifecycle-${language}`, { languages: [language] });
    const stack = new LifecycleStack(fx, await makeProject(fx));
    const config = emulatorConfig(fx.org.emulator);
    const plain = { ...config.plain, [`${stack.project.name}:description`]: FIRST_DESCRIPTION };
    await initStack(fx.workspace, { ...stack.project, main: "" }, STACK, { ...config, plain });
    stack.figures.note(
      `setup (plugin install, SDK, project): ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return stack;
  }

  run = (args: string[]) => this.fx.workspace.run(this.project.dir, [...args, "--stack", STACK]);
  pulumi = (args: string[]) => this.fx.workspace.ok(this.project.dir, [...args, "--stack", STACK]);
  requests = () => takeRequests(this.fx.org.control);
  organisation = async () => describeOrganisation(await this.fx.org.control.state());
  setConfig = (key: string, value: string) =>
    this.pulumi(["config", "set", `${this.project.name}:${key}`, value]);

  async invalidNameFailsAtPreview(): Promise<void> {
    await this.setConfig("botName", TOO_LONG_NAME);
    await this.requests();
    const preview = await this.run(["preview"]);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /\bname\b[^\n]*20 characters/, preview.output);
    assert.deepEqual(await this.requests(), [], "no request, not even a token");
    await this.pulumi(["config", "rm", `${this.project.name}:botName`]);
  }

  /** Sets the stack's refresh token, from stdin as a user would. */
  setRefreshToken = (value: string) => {
    const args = ["config", "set", "--secret", "cliq:refreshToken", "--stack", STACK];
    return this.fx.workspace.ok(this.project.dir, args, { input: value });
  };

  /** Run before any token is minted (and cached): a wrong refresh token stops `up`, leaving no trace of itself. */
  async refusedCredentialIsNotEchoed(): Promise<void> {
    await this.setRefreshToken(WRONG_REFRESH_TOKEN);
    const up = await this.run(["up", "--yes", "--skip-preview"]);
    this.figures.add("up with a refused refresh token", await this.requests());
    assert.notEqual(up.code, 0, up.output);
    assert.match(up.output, /refused the token refresh \(invalid_code\)[^\n]*refused cliq:refreshToken/);
    const texts = [
      up.output,
      ...this.fx.workspace.backendFiles().map((file) => fs.readFileSync(file, "utf8")),
    ];
    assert.deepEqual(
      texts.filter((text) => text.includes(WRONG_REFRESH_TOKEN)),
      [],
      "the refused token shows nowhere",
    );
    assert.deepEqual(await this.organisation(), []);
    await this.setRefreshToken(SECRETS.refreshToken);
  }

  async previewSendsNothing(): Promise<void> {
    const preview = await this.pulumi(["preview", "--json"]);
    assert.deepEqual(cliqPlan(preview.stdout), [
      "create cliq:index:Bot alerts",
      "create cliq:index:BotHandler help-menu",
      "create cliq:index:ChannelAssociation alerts-in-ops",
    ]);
    const seen = await this.requests();
    this.figures.add("preview", seen);
    assert.deepEqual(seen, []);
  }

  async upThenRefresh(): Promise<void> {
    // The engine's log with the plugin's output in it (-v=9), for the final secret scan.
    await this.pulumi(["up", "--yes", "--skip-preview", "-v=9", "--logtostderr", "--logflow"]);
    this.figures.add("up", await this.requests());
    assert.deepEqual(await this.organisation(), [
      `bot Pipeline Alerts: ${FIRST_DESCRIPTION}`,
      "member pipelinealerts of ops",
      "menu Help of Pipeline Alerts",
    ]);
    const outputs = JSON.parse((await this.pulumi(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.uniqueName, "pipelinealerts");
    await this.pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    const reads = await this.requests();
    this.figures.add("refresh", reads);
    assert.deepEqual(
      apiOnly(reads).filter((r) => r.method !== "GET"),
      [],
      "a refresh only reads",
    );
  }

  async updateDescription(): Promise<void> {
    await this.setConfig("description", SECOND_DESCRIPTION);
    const preview = await this.pulumi(["preview", "--diff"]);
    assert.match(preview.stdout, /~ cliq:index:Bot: \(update\)/);
    assert.match(preview.stdout, /~ description\s*:\s*"CI\/CD alerts" => "Build and deploy alerts"/);
    assert.match(preview.stdout, /1 to update/);
    assert.deepEqual(await this.requests(), [], "a preview sends nothing");
    await this.pulumi(["up", "--yes", "--skip-preview"]);
    const update = await this.requests();
    this.figures.add("update", update);
    assert.deepEqual(
      apiOnly(update).map((r) => `${r.method} ${r.operationId} ${r.status}`),
      ["PATCH update_an_existing_bot 200"],
    );
    assert.ok((await this.organisation()).includes(`bot Pipeline Alerts: ${SECOND_DESCRIPTION}`));
  }

  async destroy(): Promise<void> {
    assert.equal((await this.organisation()).length, 3, "the stack's three objects are there to destroy");
    await this.pulumi(["stack", "export"]);
    await this.pulumi(["destroy", "--yes", "--skip-preview"]);
    this.figures.add("destroy", await this.requests());
    assert.deepEqual(await this.organisation(), []);
  }
}

const STEPS: [string, (stack: LifecycleStack) => Promise<void> | void][] = [
  [
    "refuses a 21-character bot name at preview, naming the property and its 20-character limit, before any request",
    (stack) => stack.invalidNameFailsAtPreview(),
  ],
  [
    "a refused refresh token fails up with the reason, never the token",
    (stack) => stack.refusedCredentialIsNotEchoed(),
  ],
  [
    "previews the bot, its menu handler and its channel membership without a request to Cliq",
    (stack) => stack.previewSendsNothing(),
  ],
  [
    "up creates them in the organisation, and refresh finds nothing changed",
    (stack) => stack.upThenRefresh(),
  ],
  [
    "a changed description shows as that one property in preview --diff and is applied as one PATCH",
    (stack) => stack.updateDescription(),
  ],
  ["destroy leaves the organisation empty", (stack) => stack.destroy()],
  [
    "no credential reaches the state, the exported stack or anything the CLI, the host or the plugin printed",
    (stack) => assert.deepEqual(workspaceLeaks(stack.fx.workspace), []),
  ],
];

/** The lifecycle suite of one language; its steps run in order on one stack. */
export function describeLifecycle(
  language: Language,
  makeProject: (fx: PluginFixture) => Promise<PluginProject>,
  /** Checks of the language's own, run after the common steps, in order. */
  languageSteps: [string, (project: PluginProject) => void][] = [],
) {
  describe(`plugin, ${language} program: preview, up, refresh, update, destroy against the emulator`, function () {
    this.timeout(300_000);
    let stack: LifecycleStack | undefined;
    before(async function () {
      this.timeout(900_000);
      stack = await LifecycleStack.start(language, makeProject);
    });
    after(async () => {
      stack?.figures.print(`plugin lifecycle, ${language}`);
      await stack?.fx.close();
    });
    for (const [title, step] of STEPS) it(title, () => step(stack!));
    for (const [title, step] of languageSteps) it(title, () => step(stack!.project));
  });
}
