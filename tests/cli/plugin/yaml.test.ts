/**
 * The plugin through the real CLI from a YAML program, which needs no SDK: types come from the plugin's schema.
 */
import { describeLifecycle } from "./support/lifecycle";
import { yamlProject } from "./support/projects";

describeLifecycle("yaml", async (fx) => yamlProject(fx, "cliq-yaml", "yaml/lifecycle.yaml"));
