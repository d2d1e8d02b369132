/**
 * The plugin's pure translations: wire values to plain records (secrets, resource references, unknowns) and
 * back, property diff kinds, the type of a URN, and the engine address among the plugin's arguments.
 */
import { strict as assert } from "assert";
import { PropertyDiff } from "@pulumi/pulumi/proto/provider_pb";
import { propertyDiffKind } from "../../provider/plugin/diff";
import { typeOfUrn } from "../../provider/plugin/kinds";
import { engineAddressOf } from "../../provider/plugin/main";
import { fromStruct, RESOURCE_SIG, SECRET_SIG, SIG_KEY, toStruct } from "../../provider/plugin/values";
import { UNKNOWN } from "../../provider/resources/shared/unknown";

describe("plugin: wire values", () => {
  it("unwraps secrets at any depth and remembers the top-level keys that held one", () => {
    const struct = toStruct({
      name: "A",
      description: { [SIG_KEY]: SECRET_SIG, value: "hidden" },
      subActions: [{ name: { [SIG_KEY]: SECRET_SIG, value: "inner" } }],
    });
    const { props, secretKeys } = fromStruct(struct);
    assert.deepEqual(props, { name: "A", description: "hidden", subActions: [{ name: "inner" }] });
    assert.deepEqual([...secretKeys].sort(), ["description", "subActions"]);
  });

  it("reads a resource reference as its id, or its URN when it has none", () => {
    const ref = (id?: string) => ({ [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::cliq:index:Bot::b", id });
    const { props } = fromStruct(toStruct({ withId: ref("42"), withoutId: ref() }));
    assert.deepEqual(props, { withId: "42", withoutId: "urn:pulumi:s::p::cliq:index:Bot::b" });
  });

  it("passes the engine's unknown sentinel through as the value the resource code knows", () => {
    assert.deepEqual(fromStruct(toStruct({ teamIds: ["1", UNKNOWN] })).props, { teamIds: ["1", UNKNOWN] });
  });

  it("wraps the requested keys as secrets and drops undefined fields", () => {
    const out = toStruct({ a: "x", b: undefined, c: { d: undefined, e: 1 } }, new Set(["a"])).toJavaScript();
    assert.deepEqual(out, { a: { [SIG_KEY]: SECRET_SIG, value: "x" }, c: { e: 1 } });
  });

  it("reads an absent Struct as an empty record", () => {
    assert.deepEqual(fromStruct(undefined), { props: {}, secretKeys: new Set() });
  });
});

describe("plugin: diff kinds, URNs and arguments", () => {
  it("calls an added, removed and changed property ADD, DELETE and UPDATE, _REPLACE when it replaces", () => {
    const { Kind } = PropertyDiff;
    assert.equal(propertyDiffKind(undefined, "x", false), Kind.ADD);
    assert.equal(propertyDiffKind([], ["x"], true), Kind.ADD_REPLACE);
    assert.equal(propertyDiffKind("x", undefined, false), Kind.DELETE);
    assert.equal(propertyDiffKind("x", "", true), Kind.DELETE_REPLACE);
    assert.equal(propertyDiffKind("x", "y", false), Kind.UPDATE);
    assert.equal(propertyDiffKind("x", "y", true), Kind.UPDATE_REPLACE);
  });

  it("takes a resource's type from its URN, parent types included", () => {
    assert.equal(typeOfUrn("urn:pulumi:dev::proj::cliq:index:Bot::alerts"), "cliq:index:Bot");
    assert.equal(
      typeOfUrn("urn:pulumi:dev::proj::my:Component$cliq:index:BotHandler::h"),
      "cliq:index:BotHandler",
    );
  });

  it("finds the engine address after the engine's flags", () => {
    assert.equal(engineAddressOf(["127.0.0.1:4321"]), "127.0.0.1:4321");
    assert.equal(
      engineAddressOf(["--logtostderr", "-v=9", "--tracing", "file:/t", "127.0.0.1:1"]),
      "127.0.0.1:1",
    );
    assert.equal(engineAddressOf([]), undefined);
  });
});
