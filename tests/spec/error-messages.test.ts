import * as assert from "assert";
import { SPEC_ERROR_MESSAGES, SPEC_STATUS_MESSAGES, specErrorMessage } from "../../cliq-api/error-messages";
import { OPERATION_IDS } from "../../cliq-api/operations";
import { loadSpec, specOperation } from "./spec-support";

describe("cliq-api/error-messages.ts matches spec/cliq-bots-v3.yaml", () => {
  for (const id of OPERATION_IDS) {
    it(`${id}: one message per x-error-codes entry, its description verbatim, in order`, () => {
      const fromSpec = (specOperation(id).op["x-error-codes"] ?? []) as {
        code: string;
        description: string;
      }[];
      assert.deepStrictEqual(
        Object.entries(SPEC_ERROR_MESSAGES[id]),
        fromSpec.map((entry) => [entry.code, entry.description]),
      );
    });
  }

  it("has each shared error response's example message by status", () => {
    const responses = loadSpec().components.responses as Record<
      string,
      { description: string; content: never }
    >;
    const examples = Object.values(responses).map(
      (response) =>
        (
          response.content as {
            "application/json": { schema: { properties: { message: { example: string } } } };
          }
        )["application/json"].schema.properties.message.example,
    );
    assert.deepStrictEqual(Object.values(SPEC_STATUS_MESSAGES).sort(), [...examples].sort());
  });

  it("prefers the operation's own text, else the first operation's that lists the code", () => {
    assert.strictEqual(
      specErrorMessage("update_an_existing_bot", "bot_name_already_exists"),
      "Another bot with this name already exists.",
    );
    assert.strictEqual(
      specErrorMessage("update_an_existing_bot", "invalid_inputs"),
      "Request body validation failed.",
    );
    assert.strictEqual(specErrorMessage(undefined, "no_such_code"), undefined);
  });
});
