/** What read answers when Cliq says the object is gone: refresh drops it, a lookup of a wrong id fails. */
import { strict as assert } from "assert";
import { goneFromCliq } from "../../provider/resources/shared/errors";

describe("provider: an object Cliq reports gone", () => {
  it("is dropped from state on refresh, when the engine sent what it recorded", () => {
    assert.deepEqual(
      goneFromCliq("Bot 1", "https://cliq.zoho.eu", { __provider: "p", name: "Alerts", botId: "1" }),
      {},
    );
  });

  it("fails a lookup (Bot.get), whose read carries nothing but the serialized provider", () => {
    for (const recorded of [undefined, {}, { __provider: "p" }]) {
      assert.throws(
        () => goneFromCliq("Bot 53719000009999999", "https://cliq.zoho.eu", recorded),
        /Bot 53719000009999999 does not exist in Cliq at https:\/\/cliq\.zoho\.eu/,
      );
    }
  });
});
