/**
 * The plugin through the real CLI from a Go program using the SDK generated from the schema, its modules
 * resolved through the Go module proxy.
 */
import { describeLifecycle } from "./support/lifecycle";
import { goProject } from "./support/projects";

describeLifecycle("go", (fx) => goProject(fx, "cliq-go", "go/lifecycle.go"));
