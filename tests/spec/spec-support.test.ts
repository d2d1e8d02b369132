import * as assert from "assert";
import { declaredResponseSchema, responseProblems } from "./spec-support";

/** The conformance checks are only as good as the validator: it must reject what the spec rules out. */
describe("spec response validation (the checker the conformance tests rely on)", () => {
  it("resolves an operation's declared schema through $ref, and knows undeclared statuses", () => {
    assert.strictEqual(
      declaredResponseSchema("get_details_of_a_specific_bot", 200).$ref,
      "#/components/schemas/BotGetResponse",
    );
    assert.strictEqual(declaredResponseSchema("associate_bot_to_channel", 400), undefined);
  });

  it("rejects a body whose fields have the wrong types", () => {
    assert.deepStrictEqual(
      responseProblems("get_details_of_a_specific_bot", 200, { data: { id: "1", name: "n" } }),
      [],
    );
    assert.strictEqual(responseProblems("get_details_of_a_specific_bot", 200, { data: { id: 1 } }).length, 1);
    assert.strictEqual(
      responseProblems("create_a_new_bot", 200, { data: { team_ids: ["12345678"] } }).length,
      1,
      "team_ids items are integers in the spec",
    );
    assert.strictEqual(responseProblems("list_all_bots", 200, { data: {} }).length, 1);
  });

  it("rejects an error body without a code and a success status the operation does not declare", () => {
    assert.strictEqual(responseProblems("list_all_bots", 400, { message: "m" }).length, 1);
    assert.deepStrictEqual(
      responseProblems("list_all_bots", 400, { message: "m", code: "invalid_inputs" }),
      [],
    );
    assert.strictEqual(responseProblems("list_all_bots", 201, {}).length, 1);
  });
});
