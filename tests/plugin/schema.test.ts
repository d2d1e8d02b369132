/**
 * The plugin's package schema: generated from the property tables, committed as provider/plugin/schema.json
 * (stale file = failing test), valid against Pulumi's package metaschema (copied from pulumi/pulumi
 * pkg/codegen/schema/pulumi.json at v3.274.1), and within the subset of it that Pulumi's code generators bind:
 * plain types, named object types, references that resolve.
 */
import { strict as assert } from "assert";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as path from "path";
import { SETTINGS, settingSpec, type SettingName } from "../../provider/config";
import { pluginSpecs, RESOURCE_KINDS, resourceSchema } from "../../provider/plugin/package-schema";
import { SCHEMA_FILE, schemaFileText } from "../../provider/plugin/write-schema";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import type { PropertySpec } from "../../provider/resources/shared/properties";

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const committed: Schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

/** Every property spec of the schema, with where it is. */
function allProperties(schema: Schema): [string, Schema][] {
  const out: [string, Schema][] = [];
  const add = (where: string, properties: Schema | undefined) => {
    for (const [key, value] of Object.entries(properties ?? {}))
      out.push([`${where}.${key}`, value as Schema]);
  };
  add("config", schema.config.variables);
  add("provider", schema.provider.inputProperties);
  for (const [token, resource] of Object.entries<Schema>(schema.resources)) {
    add(`${token} outputs`, resource.properties);
    add(`${token} inputs`, resource.inputProperties);
  }
  for (const [token, type] of Object.entries<Schema>(schema.types)) add(token, type.properties);
  for (const [token, fn] of Object.entries<Schema>(schema.functions)) {
    add(`${token} inputs`, fn.inputs.properties);
    add(`${token} outputs`, fn.outputs.properties);
  }
  return out;
}

describe("plugin: the package schema", () => {
  it("is committed up to date (run `npm run schema` after changing a property table)", async () => {
    assert.equal(fs.readFileSync(SCHEMA_FILE, "utf8"), await schemaFileText());
  });

  it("is valid against Pulumi's package metaschema", () => {
    const metaschema = JSON.parse(
      fs.readFileSync(path.join(__dirname, "fixtures", "pulumi-package-metaschema.json"), "utf8"),
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(metaschema);
    assert.ok(validate(committed), JSON.stringify(validate.errors, null, 2));
  });

  it("names the package cliq at package.json's version, with the SDK names of every language", () => {
    assert.equal(committed.name, "cliq");
    assert.equal(committed.version, manifest.version);
    assert.equal(committed.language.python.packageName, "pulumi_cliq");
    assert.equal(
      committed.language.go.importBasePath,
      "github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq",
    );
    assert.ok(committed.language.nodejs.packageName);
    assert.deepEqual(Object.keys(committed.resources).sort(), [
      "cliq:index:Bot",
      "cliq:index:BotHandler",
      "cliq:index:ChannelAssociation",
    ]);
    assert.deepEqual(Object.keys(committed.functions).sort(), ["cliq:index:getBot", "cliq:index:listBots"]);
  });

  it("uses only plain types, arrays and references that resolve to its own named types", () => {
    const allowed = new Set(["type", "items", "$ref", "description", "secret", "replaceOnChange", "default"]);
    for (const [where, property] of allProperties(committed)) {
      const extra = Object.keys(property).filter((key) => !allowed.has(key));
      assert.deepEqual(extra, [], `${where}: ${extra.join(", ")} is not part of a property spec`);
      let type = property;
      while (type.type === "array") type = type.items;
      if (type.$ref !== undefined) {
        const token = String(type.$ref).replace("#/types/", "");
        assert.ok(committed.types[token], `${where}: ${type.$ref} does not resolve`);
      } else {
        assert.ok(
          ["string", "boolean", "integer", "number"].includes(type.type),
          `${where}: type ${type.type}`,
        );
      }
    }
  });

  it("offers every cliq:* setting as config and provider input, credentials and the table's secrets as secrets", () => {
    const settings = Object.keys(SETTINGS).sort();
    assert.deepEqual(Object.keys(committed.config.variables).sort(), settings);
    assert.deepEqual(Object.keys(committed.provider.inputProperties).sort(), settings);
    const secrets = settings.filter((key) => committed.config.variables[key].secret === true);
    assert.deepEqual(
      secrets,
      settings.filter((key) => settingSpec(key as SettingName).secret),
    );
    for (const credential of ["accessToken", "clientSecret", "refreshToken"])
      assert.ok(secrets.includes(credential));
  });

  it("has every table argument as input and output, replacements marked, and the tables' outputs", () => {
    for (const kind of RESOURCE_KINDS) {
      const resource = committed.resources[kind.token];
      for (const [key, spec] of pluginSpecs(kind.inputs)) {
        assert.ok(resource.inputProperties[key], `${kind.token} input ${key}`);
        assert.ok(resource.properties[key], `${kind.token} output ${key}`);
        assert.equal(resource.inputProperties[key].replaceOnChange === true, spec.replaceOnChange, key);
        assert.equal(resource.requiredInputs.includes(key), spec.required, key);
      }
      for (const key of [...Object.keys(kind.outputs), "apiHost"]) assert.ok(resource.properties[key], key);
    }
  });

  it("leaves out the arguments only the dynamic resources have", () => {
    const profile = { ...BOT_PROPERTIES.description, required: false, dynamicOnly: true } as PropertySpec;
    const kind = { ...RESOURCE_KINDS[0]!, inputs: { ...BOT_PROPERTIES, profile } };
    const resource = resourceSchema(kind, {}) as Schema;
    assert.equal(resource.inputProperties.profile, undefined);
    assert.equal(resource.properties.profile, undefined);
    assert.ok(!resource.requiredInputs.includes("profile"));
    assert.ok(resource.inputProperties.name, "the other arguments stay");
  });
});
