/**
 * The reference pages' TypeScript examples (examples/bot/typescript, examples/lookups/typescript) through the real
 * CLI, as dynamic resources of the npm package installed from its tarball, against the emulator.
 */
import * as path from "path";
import { emulatorConfig, initStack, startCliFixture, type CliFixture } from "../cli/support/fixture";
import { makeProject } from "../cli/support/project";
import { exampleDir, ExampleStack, runLanguageExamples, type ExampleName } from "./support";

describe("examples (TypeScript): the reference pages' programs run through the real CLI", function () {
  this.timeout(300_000);
  let fx: CliFixture;

  before(async function () {
    this.timeout(600_000);
    fx = await startCliFixture("reference-examples");
  });
  after(async () => fx?.close());

  /** The example's index.ts as a project of the run's install, its stack pointed at the emulator. */
  async function stackOf(example: ExampleName): Promise<ExampleStack> {
    const project = makeProject(fx.install, {
      dir: path.join(fx.dir, example),
      name: `cliq-${example}-typescript`,
      source: path.join(exampleDir(example, "typescript"), "index.ts"),
    });
    await initStack(fx.workspace, project, "dev", emulatorConfig(fx.emulator));
    return new ExampleStack(fx.workspace, project.dir, "dev");
  }

  it("examples/bot makes two bots, three handlers and a membership; examples/lookups finds them; destroy empties Cliq", async () => {
    await runLanguageExamples(fx.control, await stackOf("bot"), await stackOf("lookups"));
  });
});
