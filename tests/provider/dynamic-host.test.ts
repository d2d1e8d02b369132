import { strict as assert } from "node:assert";
import { currentWaitReporter } from "../../provider/client/progress";
import { CliqConfigError } from "../../provider/config";
import { createSubject, forDynamicHost } from "../../provider/resources/shared/dynamic-host";
import { recordedConfigNote } from "../../provider/resources/shared/hints";
import type { CliqResourceProvider } from "../../provider/resources/shared/provider-deps";

const REFUSAL = 'cliq:dataCenter is not a Zoho data center (got "europe")';

/** A provider whose every call fails with `error()` (a fresh error each time), and whose create waits. */
function failing(error: () => Error): CliqResourceProvider {
  const fail = async (): Promise<never> => {
    throw error();
  };
  return {
    configure: fail,
    check: fail,
    diff: fail,
    create: async () => {
      currentWaitReporter()?.("waiting 42 s: Cliq allows 10 handler creations per minute");
      return { id: "1/message_handler", outs: {} };
    },
    read: fail,
    update: fail,
    delete: fail,
  };
}

/** What the host does with a failed check, read or delete: `console.error(`${e}: ${e.stack}`)`; returns stderr. */
async function asTheHost(call: () => Promise<unknown>): Promise<{ error: Error; stderr: string }> {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof write;
  try {
    await call();
  } catch (e) {
    const error = e as Error;
    console.error(`${error}: ${error.stack}`);
    return { error, stderr: written.join("") };
  } finally {
    process.stderr.write = write;
  }
  throw new Error("the call did not fail");
}

describe("the providers inside Pulumi's dynamic-provider host", () => {
  it("a refused setting reaches the user once: the host's echo with stack frames is dropped", async () => {
    const provider = forDynamicHost(
      "bot",
      failing(() => new CliqConfigError("cliq:dataCenter", REFUSAL)),
    );
    const { error, stderr } = await asTheHost(() => provider.check({}, {}));
    assert.equal(error.message, REFUSAL, "the engine shows this on the resource");
    assert.equal(stderr, "");
  });

  it("a bug keeps its echo with the stack, which a bug report needs; other lines pass through", async () => {
    const provider = forDynamicHost(
      "bot",
      failing(() => new TypeError("x is not a function")),
    );
    const { stderr } = await asTheHost(() => provider.diff("1", {}, {}));
    assert.match(stderr, /^TypeError: x is not a function: TypeError: x is not a function\n\s+at /);
    const other = await asTheHost(async () => {
      throw new Error("another dynamic provider's failure");
    });
    assert.match(other.stderr, /another dynamic provider's failure/);
  });

  it("refresh and destroy add where their configuration came from and the way out; check does not", async () => {
    const provider = forDynamicHost(
      "botHandler",
      failing(() => new CliqConfigError("cliq:dataCenter", REFUSAL)),
    );
    const note = recordedConfigNote("dynamic");
    assert.match(
      note,
      /recorded in the stack's state by the last `pulumi up` \(a failed one records it too\)/,
    );
    assert.match(note, /`pulumi refresh --run-program`/);
    for (const call of [
      () => provider.read("1/message_handler", {}),
      () => provider.delete("1/message_handler", {}),
    ]) {
      const { error, stderr } = await asTheHost(call);
      assert.equal(error.message, `${REFUSAL}\n${note}`);
      assert.equal(stderr, "");
    }
    assert.equal((await asTheHost(() => provider.check({}, {}))).error.message, REFUSAL);
  });

  it("configure keeps a refused setting for the calls to raise, and throws anything else", async () => {
    const refused = forDynamicHost(
      "bot",
      failing(() => new CliqConfigError("cliq:dataCenter", REFUSAL)),
    );
    await refused.configure({ config: { get: () => undefined } });
    const broken = forDynamicHost(
      "bot",
      failing(() => new Error("cannot load")),
    );
    await assert.rejects(broken.configure({ config: { get: () => undefined } }), /cannot load/);
  });

  it("a wait is announced on a line that names the resource, since the host gives no URN", async () => {
    const lines: string[] = [];
    const provider = forDynamicHost(
      "botHandler",
      failing(() => new Error("unused")),
      (line) => lines.push(line),
    );
    await provider.create({ botId: "53719000002124013", type: "message_handler" });
    assert.deepEqual(lines, [
      "cliq:BotHandler 53719000002124013/message_handler: waiting 42 s: Cliq allows 10 handler creations per minute",
    ]);
    // Free text may be a secret the host handed over unmarked: a new bot or menu is named by ids and enums only.
    assert.equal(createSubject("bot", { name: "Ops Bot" }), "(being created)");
    assert.equal(
      createSubject("botHandler", { botId: "53719000002124013", type: "menu_handler", name: "Secret Menu" }),
      "53719000002124013/menu_handler",
    );
    assert.equal(
      createSubject("channelAssociation", { botUniqueName: "opsbot", channelUniqueName: "ops" }),
      "opsbot/ops",
    );
  });
});
