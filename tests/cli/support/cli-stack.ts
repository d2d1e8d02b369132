/**
 * The set-up every CLI suite shares, in one call: the fixture (emulator, workspace, the run's install), a
 * project running one of tests/cli/programs (or one the suite makes), and its stack initialised with the
 * emulator's OAuth config, registered as the calling `describe`'s hooks. A suite adds its own `before` for what
 * only it needs, and more stacks or projects on the same fixture with `addStack` and `addProject`.
 */
import * as path from "path";
import { emulatorConfig, initStack, programProject, startCliFixture, type CliFixture } from "./fixture";
import { makeProject, repoRoot, type CliProject } from "./project";
import type { CliResult, RunOptions } from "./pulumi";

/** `pulumi` commands run in one project against one stack (`--stack <stack>` added). */
export interface StackCommands {
  readonly stack: string;
  /** `pulumi <args> --stack <stack>` in the project; must succeed. */
  pulumi(args: string[], options?: RunOptions): Promise<CliResult>;
  /** `pulumi <args> --stack <stack>` in the project, whatever its exit code. */
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** `pulumi <args> --stack <stack>` in the project; must fail. */
  fails(args: string[], options?: RunOptions): Promise<CliResult>;
}

type StackConfig = Parameters<typeof initStack>[3];

/** A suite's stack, usable once the suite's `before` hooks ran. */
export interface CliStack extends StackCommands {
  readonly fx: CliFixture;
  readonly project: CliProject;
  /** Initialises another stack of the project (default config: the emulator's OAuth config). */
  addStack(stack: string, config?: StackConfig): Promise<StackCommands>;
  /** Another project on the same fixture, running tests/cli/programs/<program>.ts, with its stack initialised. */
  addProject(options: { dir: string; name: string; program: string; stack: string }): Promise<StackCommands>;
}

export interface CliStackOptions {
  /** The fixture's folder name. */
  suite: string;
  /** The Pulumi project name (unused when `makeProject` is given); default `cliq-<suite>`. */
  project?: string;
  /** tests/cli/programs/<program>.ts (unused when `makeProject` is given). */
  program?: string;
  /** Makes the project instead, for a program that is not one of tests/cli/programs. */
  makeProject?: (fx: CliFixture) => Promise<CliProject>;
  /** Default: the suite's name. */
  stack?: string;
  /** The stack's config; default: the emulator's OAuth config. */
  config?: (fx: CliFixture) => StackConfig;
  fixture?: Parameters<typeof startCliFixture>[1];
  /** The set-up's timeout, in ms; default 300 s. */
  setupTimeout?: number;
}

/** Registers the hooks that build (before all) and close (after all) a suite's stack; see the module comment. */
export function useCliStack(options: CliStackOptions): CliStack {
  let fx: CliFixture | undefined;
  let project: CliProject | undefined;
  const ready = () => {
    if (fx === undefined || project === undefined)
      throw new Error("the CLI stack is used before its before()");
    return { fx, project };
  };
  const config = options.config ?? defaultConfig;
  const stack = options.stack ?? options.suite;
  before(async function () {
    this.timeout(options.setupTimeout ?? 300_000);
    fx = await startCliFixture(options.suite, options.fixture);
    project = options.makeProject
      ? await options.makeProject(fx)
      : programProject(fx, options.project ?? `cliq-${options.suite}`, required(options.program));
    await initStack(fx.workspace, project, stack, config(fx));
  });
  after(() => fx?.close());
  const main = stackCommands(
    () => ready().fx,
    () => ready().project,
    stack,
  );
  return {
    ...main,
    get fx() {
      return ready().fx;
    },
    get project() {
      return ready().project;
    },
    async addStack(stack, stackConfig) {
      const { fx, project } = ready();
      await initStack(fx.workspace, project, stack, stackConfig ?? config(fx));
      return stackCommands(
        () => fx,
        () => project,
        stack,
      );
    },
    async addProject({ dir, name, program, stack }) {
      const { fx } = ready();
      const other = makeProject(fx.install, {
        dir: path.join(fx.dir, dir),
        name,
        source: path.join(repoRoot, "tests", "cli", "programs", `${program}.ts`),
      });
      await initStack(fx.workspace, other, stack, config(fx));
      return stackCommands(
        () => fx,
        () => other,
        stack,
      );
    },
  };
}

function stackCommands(fx: () => CliFixture, project: () => CliProject, stack: string): StackCommands {
  const args = (more: string[]) => [...more, "--stack", stack];
  return {
    stack,
    pulumi: (more, run) => fx().workspace.ok(project().dir, args(more), run),
    run: (more, run) => fx().workspace.run(project().dir, args(more), run),
    fails: (more, run) => fx().workspace.fails(project().dir, args(more), run),
  };
}

function required(program: string | undefined): string {
  if (program === undefined) throw new Error("useCliStack needs `program` or `makeProject`");
  return program;
}

function defaultConfig(fx: CliFixture) {
  return emulatorConfig(fx.emulator);
}
