/**
 * The plugin through the real CLI from a Go program using the SDK generated from the schema, its modules
 * resolved through the Go module proxy.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { describeLifecycle } from "./support/lifecycle";
import { GO_BUILD_TARGET, goProject } from "./support/projects";

describeLifecycle("go", (fx) => goProject(fx, "cliq-go", "go/lifecycle.go"), [
  [
    "builds the program where runtime.options.buildTarget says",
    (project) => {
      const binary = path.join(project.dir, GO_BUILD_TARGET);
      assert.ok(fs.statSync(binary, { throwIfNoEntry: false })?.isFile(), `no program built at ${binary}`);
    },
  ],
]);
