import { strict as assert } from "assert";
import { previewUpdateOutputs } from "../../provider/plugin/diff";
import { KINDS } from "../../provider/plugin/kinds";

describe("plugin: outputs shown by a preview of an update", () => {
  const bot = KINDS["cliq:index:Bot"]!;
  const olds = {
    name: "Alerts",
    description: "old",
    calls: "enabled",
    scope: "organization",
    statusMessages: ["on call"],
    uniqueName: "alerts",
    botId: "53719000002124012",
    apiHost: "https://cliq.zoho.eu",
  };

  it("keeps what Cliq assigns and what it keeps when left out, under the new inputs", () => {
    const news = { name: "Alerts", description: "new" };
    assert.deepEqual(previewUpdateOutputs(bot, olds, news), {
      name: "Alerts",
      description: "new",
      calls: "enabled",
      scope: "organization",
      uniqueName: "alerts",
      botId: "53719000002124012",
      apiHost: "https://cliq.zoho.eu",
    });
  });

  it("drops an argument the update clears (removed from the inputs)", () => {
    const shown = previewUpdateOutputs(bot, olds, { name: "Alerts", description: "new" });
    assert.equal(shown.statusMessages, undefined);
  });
});
