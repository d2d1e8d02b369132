import { strict as assert } from "node:assert";
import { CliqApiError } from "../../provider/client/errors";
import { apiTarget } from "../../provider/config";
import { ERROR_HINTS, hintFor, withHint } from "../../provider/resources/shared/hints";
import { specOperations } from "../spec/spec-support";

const EU = { target: apiTarget({ dataCenter: "eu" }), credentials: "oauth" as const };

function apiError(status: number, code?: string): CliqApiError {
  return new CliqApiError({
    message: `Cliq create_a_new_bot (POST /bots) failed with HTTP ${status}`,
    operationId: "create_a_new_bot",
    method: "POST",
    path: "/bots",
    status,
    ...(code === undefined ? {} : { code }),
  });
}

describe("error hints", () => {
  it("has an actionable sentence for every code in the spec's x-error-codes", () => {
    const codes = new Set(
      specOperations().flatMap((o) =>
        ((o.op["x-error-codes"] ?? []) as { code: string }[]).map((e) => e.code),
      ),
    );
    assert.ok(codes.size > 20);
    for (const code of codes) {
      const hint = hintFor({ status: 400, code }, EU);
      assert.ok(hint !== undefined && hint.length > 20, `no hint for ${code}`);
      assert.ok(code in ERROR_HINTS, code);
    }
  });

  it("names the profile's settings, not the top-level ones, when the call used a profile", () => {
    const hint = hintFor({ status: 401 }, { ...EU, profile: "eu-org" })!;
    assert.match(hint, /cliq:profiles\.eu-org\.dataCenter/);
    assert.match(hint, /cliq:profiles\.eu-org\.refreshToken/);
    assert.doesNotMatch(hint, /cliq:(dataCenter|refreshToken)\b/);
  });

  it("names the data center and the API and accounts hosts in the 401 hint", () => {
    for (const failure of [{ status: 401 }, { status: 401, code: "oauthtoken_invalid" }]) {
      const hint = hintFor(failure, EU)!;
      assert.match(hint, /Cliq at cliq\.zoho\.eu \(data center "eu", accounts host accounts\.zoho\.eu\)/);
      assert.match(hint, /cliq:dataCenter/);
    }
  });

  it("tells a static-token user to refresh cliq:accessToken, an OAuth user to renew the OAuth set", () => {
    assert.match(hintFor({ status: 401 }, { ...EU, credentials: "accessToken" })!, /fresh cliq:accessToken/);
    assert.match(
      hintFor({ status: 401 }, EU)!,
      /renew cliq:clientId, cliq:clientSecret and cliq:refreshToken/,
    );
  });

  it("falls back on the status for answers without a known code, and adds nothing to a plain 400", () => {
    assert.match(hintFor({ status: 503 })!, /run pulumi up again later/);
    assert.match(hintFor({ status: 404 }, EU)!, /cliq:apiUrl/);
    assert.equal(hintFor({ status: 400, code: "something_new" }), undefined);
  });

  it("appends the hint to a CliqApiError once, keeping its class and code, and leaves other errors alone", () => {
    const error = apiError(400, "bot_name_already_exists");
    const hinted = withHint(withHint(error, EU), EU) as CliqApiError;
    assert.equal(hinted, error);
    assert.ok(hinted instanceof CliqApiError);
    assert.equal(hinted.code, "bot_name_already_exists");
    assert.equal(hinted.message.split("adoptExisting: true").length, 2, hinted.message);
    const plain = new Error("not from Cliq");
    assert.equal((withHint(plain, EU) as Error).message, "not from Cliq");
  });
});
