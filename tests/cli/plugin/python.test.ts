/**
 * The plugin through the real CLI from a Python program using the SDK generated from the schema.
 */
import { describeLifecycle } from "./support/lifecycle";
import { pythonProject } from "./support/projects";

describeLifecycle("python", (fx) => pythonProject(fx, "cliq-python", "python/lifecycle.py"));
