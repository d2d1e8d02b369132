import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { CliqApiError, isAlreadyExists, isNotFound } from "../../provider/client";
import {
  credentialsFrom,
  resolveStackSettings,
  resolveClientSettings,
  type CredentialName,
  type CredentialNaming,
} from "../../provider/config";
import { configErrorFrom as thrown } from "./helpers";

const OPTIONS: CredentialNaming = {
  keys: (name) => name,
  sources: [{ keys: (name) => name, where: "the client options" }],
};

describe("credentialsFrom: the one rule for a credential set", () => {
  const rows: {
    when: string;
    given: Partial<Record<CredentialName, string>>;
    kind?: "oauth" | "accessToken";
    setting?: string;
    message?: RegExp;
  }[] = [
    { when: "a static token alone", given: { accessToken: "t" }, kind: "accessToken" },
    {
      when: "the complete OAuth set",
      given: { clientId: "i", clientSecret: "s", refreshToken: "r" },
      kind: "oauth",
    },
    {
      when: "the complete OAuth set beside a static token (it renews itself)",
      given: { clientId: "i", clientSecret: "s", refreshToken: "r", accessToken: "t" },
      kind: "oauth",
    },
    {
      when: "a partial OAuth set, naming what is missing",
      given: { clientId: "i" },
      setting: "clientSecret",
      message: /needs clientSecret and refreshToken as well as clientId/,
    },
    {
      when: "a partial OAuth set even beside a static token",
      given: { clientId: "i", refreshToken: "r", accessToken: "t" },
      setting: "clientSecret",
      message: /needs clientSecret as well as clientId and refreshToken/,
    },
    {
      when: "nothing",
      given: {},
      setting: "accessToken",
      message: /no Cliq credentials: set clientId, clientSecret and refreshToken, or accessToken/,
    },
  ];
  for (const row of rows) {
    it(`${row.kind ? "takes" : "refuses"} ${row.when}`, () => {
      if (row.kind) {
        assert.equal(credentialsFrom(row.given, OPTIONS).kind, row.kind);
        return;
      }
      const error = thrown(() => credentialsFrom(row.given, OPTIONS));
      assert.equal(error.setting, row.setting);
      assert.match(error.message, row.message!);
    });
  }

  it("gives the same verdict for the stack config as for client options, in the config's key names", () => {
    const error = thrown(() =>
      resolveStackSettings({ "cliq:refreshToken": "r", "cliq:accessToken": "t" }, {}),
    );
    assert.equal(error.setting, "cliq:clientId");
    assert.match(error.message, /needs cliq:clientId and cliq:clientSecret as well as cliq:refreshToken/);
    const direct = thrown(() => resolveClientSettings({ refreshToken: "r", accessToken: "t" }));
    assert.equal(direct.setting, "clientId");
  });
});

describe("resolveClientSettings: one resolved object per client", () => {
  it("resolves endpoints, credentials, limits and moves together", () => {
    const settings = resolveClientSettings({
      dataCenter: "eu",
      accessToken: "t",
      movedFrom: "us",
      maxAttempts: 2.7,
    });
    assert.deepEqual(settings.endpoints, {
      apiUrl: "https://cliq.zoho.eu/api/v3",
      accountsUrl: "https://accounts.zoho.eu",
    });
    assert.deepEqual(settings.credentials, { kind: "accessToken", accessToken: "t" });
    assert.deepEqual(settings.limits, {
      timeScale: 1,
      maxThrottleWaitSeconds: 1800,
      maxAttempts: 2,
      requestTimeoutMs: 30_000,
    });
    assert.deepEqual(settings.movedFromHosts, ["https://cliq.zoho.com"]);
    assert.equal(settings.tokenCache, false);
  });

  it("refuses bad limits, naming them", () => {
    assert.equal(
      thrown(() => resolveClientSettings({ accessToken: "t", timeScale: 0 })).setting,
      "timeScale",
    );
    assert.equal(
      thrown(() => resolveClientSettings({ accessToken: "t", maxThrottleWaitSeconds: -1 })).setting,
      "maxThrottleWaitSeconds",
    );
  });

  it("lives in configuration, which imports nothing from the client (no import cycle)", () => {
    const dir = path.join(__dirname, "../../provider/config");
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
      const text = readFileSync(path.join(dir, file), "utf8");
      assert.doesNotMatch(text, /from "\.\.\/client/, `${file} imports from the client`);
    }
  });
});

describe("not found and already exists: decided by CliqApiError alone", () => {
  const failure = (status: number, code?: string) =>
    new CliqApiError({
      message: "m",
      operationId: "get_details_of_a_specific_bot",
      method: "GET",
      path: "/p",
      status,
      code,
    });
  const rows: {
    code?: string;
    status: number;
    gone: [boolean, boolean, boolean];
    exists: [boolean, boolean];
  }[] = [
    // gone: [any, bot, handler]; exists: [bot, membership]
    { status: 404, code: "bot_not_found", gone: [true, true, true], exists: [false, false] },
    { status: 400, code: "bot_not_found", gone: [true, true, true], exists: [false, false] },
    { status: 404, code: "execution_handler_not_found", gone: [true, false, true], exists: [false, false] },
    { status: 404, code: "url_not_found", gone: [false, false, false], exists: [false, false] },
    { status: 404, gone: [false, false, false], exists: [false, false] },
    { status: 400, code: "bot_name_already_exists", gone: [false, false, false], exists: [true, false] },
    { status: 400, code: "bot_already_member", gone: [false, false, false], exists: [false, true] },
  ];
  for (const row of rows) {
    it(`HTTP ${row.status} ${row.code ?? "(no code)"}`, () => {
      const error = failure(row.status, row.code);
      assert.deepEqual([error.isNotFound(), error.isNotFound("bot"), error.isNotFound("handler")], row.gone);
      assert.deepEqual([error.isAlreadyExists("bot"), error.isAlreadyExists("membership")], row.exists);
      assert.equal(isNotFound(error, "handler"), row.gone[2]);
      assert.equal(isAlreadyExists(error), row.exists[0] || row.exists[1]);
    });
  }

  it("answers no for anything that is not a CliqApiError, whatever its code", () => {
    const lookalike = Object.assign(new Error("x"), { status: 404, code: "bot_not_found" });
    assert.equal(isNotFound(lookalike, "bot"), false);
    assert.equal(isAlreadyExists({ code: "bot_already_member" }), false);
  });
});
