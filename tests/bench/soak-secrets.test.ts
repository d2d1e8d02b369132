import assert from "node:assert/strict";
import { errorTexts, findSecretLeaks } from "../../bench/soak-secrets";

const SECRETS = [{ label: "client secret", value: "s3cr3t/value+x" }];
const MINTED = "1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210";

describe("soak secret scan", () => {
  it("finds a credential in clear, URL-encoded or base64-encoded, by label only", () => {
    const leaks = findSecretLeaks(
      [
        { where: "a", text: "body client_secret=s3cr3t/value+x" },
        { where: "b", text: `query ${encodeURIComponent("s3cr3t/value+x")}` },
        { where: "c", text: Buffer.from("s3cr3t/value+x").toString("base64") },
        { where: "d", text: "nothing here" },
      ],
      SECRETS,
    );
    assert.deepEqual(leaks, [
      { where: "a", secret: "client secret" },
      { where: "b", secret: "client secret" },
      { where: "c", secret: "client secret" },
    ]);
  });

  it("finds a minted access token, whose value is not known in advance", () => {
    assert.deepEqual(
      findSecretLeaks([{ where: "log", text: `Authorization: Zoho-oauthtoken ${MINTED}` }], []),
      [{ where: "log", secret: "minted access token" }],
    );
  });

  it("scans an error's message, stack, printed form and JSON, including a leaking cause", () => {
    const error = new Error("create failed", { cause: { headers: { Authorization: MINTED } } });
    const texts = errorTexts("step", error);
    assert.deepEqual(texts.map((t) => t.where.split(": ")[1]).sort(), [
      "JSON",
      "inspected",
      "message",
      "stack",
    ]);
    assert.deepEqual(
      findSecretLeaks(texts, []).map((l) => l.where),
      ["step: inspected"],
    );
  });
});
