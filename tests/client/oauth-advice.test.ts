import assert from "node:assert/strict";
import { CliqApiError } from "../../provider/client";
import { OAUTH_ADVICE, oauthRefusalCode, type OAuthRefusalCode } from "../../provider/client/oauth-advice";
import { apiTarget } from "../../provider/config";
import { withHint } from "../../provider/resources/shared/hints";

describe("OAuth refusal advice: one wording, in the client's error and in the provider's hint", () => {
  const rows: [string, OAuthRefusalCode][] = [
    ["invalid_code", "oauth_invalid_refresh_token"],
    ["invalid_client", "oauth_invalid_client"],
    ["invalid_client_secret", "oauth_invalid_client"],
    ["Access Denied", "oauth_mint_limit_exceeded"],
    ["something_new", "oauth_error"],
  ];
  for (const [zohoError, code] of rows) {
    it(`Zoho's ${zohoError} is ${code}, and the hint does not repeat the client's advice`, () => {
      assert.equal(oauthRefusalCode(zohoError), code);
      const target = apiTarget({ dataCenter: "eu" });
      const advice = OAUTH_ADVICE[code](target.accountsHost);
      const error = new CliqApiError({
        message: `Zoho accounts refused the token refresh (${zohoError}). ${advice}`,
        code,
        operationId: "oauth_token",
        method: "POST",
        path: "/oauth/v2/token",
      });
      const hinted = withHint(error, { target, credentials: "oauth" }) as Error;
      assert.equal(hinted.message.split(advice).length - 1, 1, hinted.message);
    });
  }
});
