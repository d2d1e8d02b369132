/**
 * The set-up every single-stack CLI suite shares, in one call: the fixture (emulator, workspace, the run's
 * install), a project running one of tests/cli/programs, and its stack initialised with the emulator's OAuth
 * config, registered as the calling `describe`'s hooks. A suite adds its own `before` for what only it needs.
 */
import { emulatorConfig, initStack, programProject, startCliFixture, type CliFixture } from "./fixture";
import type { CliProject } from "./project";
import type { CliResult, RunOptions } from "./pulumi";

/** A suite's stack, usable once the suite's `before` hooks ran. */
export interface CliStack {
  readonly fx: CliFixture;
  readonly project: CliProject;
  readonly stack: string;
  /** `pulumi <args> --stack <stack>` in the project; must succeed. */
  pulumi(args: string[], options?: RunOptions): Promise<CliResult>;
  /** `pulumi <args> --stack <stack>` in the project, whatever its exit code. */
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** `pulumi <args> --stack <stack>` in the project; must fail. */
  fails(args: string[], options?: RunOptions): Promise<CliResult>;
}

export interface CliStackOptions {
  /** The fixture's folder name. */
  suite: string;
  /** The Pulumi project name. */
  project: string;
  /** tests/cli/programs/<program>.ts. */
  program: string;
  stack: string;
  /** The stack's config; default: the emulator's OAuth config. */
  config?: (fx: CliFixture) => Parameters<typeof initStack>[3];
  fixture?: Parameters<typeof startCliFixture>[1];
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
  const args = (more: string[]) => [...more, "--stack", options.stack];
  before(async function () {
    this.timeout(300_000);
    fx = await startCliFixture(options.suite, options.fixture);
    project = programProject(fx, options.project, options.program);
    await initStack(fx.workspace, project, options.stack, (options.config ?? defaultConfig)(fx));
  });
  after(() => fx?.close());
  return {
    get fx() {
      return ready().fx;
    },
    get project() {
      return ready().project;
    },
    stack: options.stack,
    pulumi: (more, run) => ready().fx.workspace.ok(ready().project.dir, args(more), run),
    run: (more, run) => ready().fx.workspace.run(ready().project.dir, args(more), run),
    fails: (more, run) => ready().fx.workspace.fails(ready().project.dir, args(more), run),
  };
}

function defaultConfig(fx: CliFixture) {
  return emulatorConfig(fx.emulator);
}
