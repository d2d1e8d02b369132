import assert from "node:assert/strict";
import { CliqClient, CliqConfigError, resolveStackSettings } from "../../provider/client";
import { apiHostOf, assertSameHost, hostMismatch, movedFromHost } from "../../provider/client/api-host";
import { resolveProfileSettings } from "../../provider/config/profiles";

describe("where objects live: the API host rule", () => {
  const eu = { apiHost: "https://cliq.zoho.eu", movedFromHosts: [] };

  it("takes the origin of an API base as its host", () => {
    assert.equal(apiHostOf("https://cliq.zoho.eu/api/v3"), "https://cliq.zoho.eu");
    assert.equal(apiHostOf("http://127.0.0.1:8787/api/v3"), "http://127.0.0.1:8787");
  });

  const rows: { when: string; recorded: unknown; movedFrom?: string[]; refused: boolean }[] = [
    { when: "the same host", recorded: "https://cliq.zoho.eu", refused: false },
    { when: "no record (state of an earlier release)", recorded: undefined, refused: false },
    { when: "another data center", recorded: "https://cliq.zoho.com", refused: true },
    { when: "another port of the same machine", recorded: "http://127.0.0.1:1", refused: true },
    {
      when: "a host the user declared moved from",
      recorded: "https://cliq.zoho.com",
      movedFrom: ["https://cliq.zoho.com"],
      refused: false,
    },
    {
      when: "a host other than the one declared moved from",
      recorded: "https://cliq.zoho.in",
      movedFrom: ["https://cliq.zoho.com"],
      refused: true,
    },
  ];
  for (const row of rows) {
    it(`${row.refused ? "refuses" : "allows"} an object recorded under ${row.when}`, () => {
      const reason = hostMismatch(
        row.recorded,
        { ...eu, movedFromHosts: row.movedFrom ?? [] },
        "Bot 1",
        "read",
      );
      assert.equal(reason !== undefined, row.refused);
      if (reason) {
        assert.ok(reason.includes(String(row.recorded)) && reason.includes(eu.apiHost), reason);
        assert.match(reason, /cliq:movedFrom/);
      }
    });
  }

  it("reads a declared move as a data center name or a URL, and nothing else", () => {
    assert.equal(movedFromHost("us"), "https://cliq.zoho.com");
    assert.equal(movedFromHost("EU"), "https://cliq.zoho.eu");
    assert.equal(movedFromHost("https://cliq.zoho.in/api/v3"), "https://cliq.zoho.in");
    assert.equal(movedFromHost("somewhere"), undefined);
  });

  it("gives a client the hosts of cliq:movedFrom, and refuses an entry that is no host", () => {
    const settings = resolveStackSettings(
      { "cliq:accessToken": "a-token-of-some-length", "cliq:movedFrom": "us, jp", "cliq:dataCenter": "eu" },
      {},
    );
    const client = new CliqClient({}, undefined, settings);
    assert.equal(client.apiHost, "https://cliq.zoho.eu");
    assert.deepEqual(client.movedFromHosts, ["https://cliq.zoho.com", "https://cliq.zoho.jp"]);
    assert.throws(
      () => new CliqClient({ accessToken: "t", movedFrom: "us,nowhere" }),
      (error: unknown) => error instanceof CliqConfigError && /"nowhere"/.test(error.message),
    );
  });

  it("names the profile's own keys when the client comes from cliq:profiles", () => {
    const settings = resolveProfileSettings("eu-org", {
      dataCenter: "eu",
      accessToken: "a-token-of-some-length",
    });
    const client = new CliqClient({}, undefined, settings);
    assert.equal(client.profile, "eu-org");
    assert.throws(
      () => assertSameHost("https://cliq.zoho.com", client, "Bot 1", "delete"),
      (error: unknown) => {
        assert.ok(error instanceof CliqConfigError);
        assert.equal(error.setting, "cliq:profiles.eu-org.apiUrl");
        assert.match(error.message, /\(cliq:profiles\.eu-org\.dataCenter \/ cliq:profiles\.eu-org\.apiUrl\)/);
        assert.match(
          error.message,
          /"movedFrom": "https:\/\/cliq\.zoho\.com" in the profile "eu-org" of cliq:profiles/,
        );
        // `config set --path` on a profiles value set as JSON text would replace every other setting of it.
        assert.doesNotMatch(error.message, /--path/);
        assert.doesNotMatch(error.message, /cliq:movedFrom|CLIQ_MOVED_FROM/);
        return true;
      },
    );
    // The top-level keys keep their names.
    assert.throws(
      () =>
        assertSameHost(
          "https://cliq.zoho.com",
          new CliqClient({ accessToken: "t", dataCenter: "eu" }),
          "Bot 1",
          "read",
        ),
      (error: unknown) => error instanceof CliqConfigError && error.setting === "cliq:apiUrl",
    );
  });
});
