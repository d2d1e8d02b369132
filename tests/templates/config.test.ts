/**
 * The templates' `template.config` sections against the plugin's schema: every `cliq:*` key is a setting the
 * provider knows, secrets are marked as the schema marks them, and every key says what it is.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { SCHEMA } from "../cli/plugin/support/toolchain";
import { TEMPLATES, templateDir, templateProject, type TemplateName } from "./support";

const variables = (
  JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as {
    config: { variables: Record<string, { secret?: boolean }> };
  }
).config.variables;

describe("templates: their config sections", () => {
  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    it(`${name}: the runtime is ${TEMPLATES[name]}, cliq:* keys are the provider's settings, secrets marked as the schema marks them`, () => {
      const project = templateProject(name);
      const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime.name;
      assert.equal(runtime, TEMPLATES[name]);
      const config = project.template.config;
      for (const [key, value] of Object.entries(config)) {
        assert.ok(value.description, `${name}: ${key} has a description`);
        if (!key.startsWith("cliq:")) continue;
        const setting = variables[key.slice("cliq:".length)];
        assert.ok(setting, `${name}: ${key} is no setting of the plugin's schema`);
        assert.equal(value.secret ?? false, setting.secret ?? false, `${name}: ${key} secret flag`);
      }
      for (const key of ["cliq:clientId", "cliq:clientSecret", "cliq:refreshToken"])
        assert.ok(config[key], `${name} asks for ${key}`);
    });
  }

  it("every template holds a README line in templates/README.md", () => {
    const readme = fs.readFileSync(path.join(templateDir("cliq-yaml"), "..", "README.md"), "utf8");
    for (const name of Object.keys(TEMPLATES)) assert.ok(readme.includes(`templates/${name}`), name);
    // The reference pages link this section for what to install while nothing is published.
    assert.match(readme, /^## What to install first, until the packages are published$/m);
  });
});
