import { strict as assert } from "node:assert";
import {
  createOrAdopt,
  lookUpAfterLostCreate,
  type CreateOrAdopt,
} from "../../provider/resources/shared/create-or-adopt";

const policy = { maxAttempts: 3, delayMs: () => 0 };

/** A kind whose Cliq holds `existing` (or nothing), recording what the protocol did. */
function kind(
  existing: string | undefined,
  overrides: Partial<CreateOrAdopt<string, string>> = {},
): CreateOrAdopt<string, string> & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    send: async () => (calls.push("send"), "created"),
    find: async () => (calls.push("find"), existing),
    isFromRequest: (found) => found === "ours",
    use: (found) => `used ${found}`,
    adopt: async (found) => (calls.push("adopt"), `adopted ${found}`),
    adoptExisting: false,
    mayAlreadyExist: () => true,
    conflict: (found) => new Error(`conflict with ${found}`),
    ...overrides,
  };
}

describe("create protocol after a lost answer (bots and handlers)", () => {
  it("asks for the create again when the lookup finds nothing", async () => {
    assert.equal(await lookUpAfterLostCreate(kind(undefined), new Error("lost")), undefined);
  });

  it("uses the object the lost request made", async () => {
    assert.equal(await lookUpAfterLostCreate(kind("ours"), new Error("lost")), "used ours");
  });

  it("takes an older object over only with adoptExisting, and otherwise names the conflict", async () => {
    assert.equal(
      await lookUpAfterLostCreate(kind("older", { adoptExisting: true }), new Error("lost")),
      "adopted older",
    );
    await assert.rejects(lookUpAfterLostCreate(kind("older"), new Error("lost")), /conflict with older/);
  });

  it("adopts before sending anything when the kind asks for it", async () => {
    const menu = kind("older", { adoptExisting: true, adoptBeforeCreate: true });
    assert.equal(await createOrAdopt(menu, policy), "adopted older");
    assert.deepEqual(menu.calls, ["find", "adopt"]);
  });

  it("adopts after Cliq refuses the create because the object exists, only with adoptExisting", async () => {
    const refused = { send: async () => Promise.reject(new Error("exists")) };
    assert.equal(
      await createOrAdopt(kind("older", { ...refused, adoptExisting: true }), policy),
      "adopted older",
    );
    await assert.rejects(createOrAdopt(kind("older", refused), policy), /exists/);
    const other = kind("older", { ...refused, adoptExisting: true, mayAlreadyExist: () => false });
    await assert.rejects(createOrAdopt(other, policy), /exists/);
    assert.deepEqual(other.calls, []);
  });

  it("creates without any lookup when the first answer arrives", async () => {
    const plain = kind("older", { adoptExisting: true });
    assert.equal(await createOrAdopt(plain, policy), "created");
    assert.deepEqual(plain.calls, ["send"]);
  });
});
