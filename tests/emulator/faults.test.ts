import * as assert from "assert";
import { FAULT_KINDS } from "../../emulator";
import { sharedHarness } from "./harness";

describe("emulator: fault injection and the request log", () => {
  const h = sharedHarness({ rateLimits: false });

  const botCount = async () => (await h.control("GET", "/state")).body.bots.length;
  const createBody = (name: string) => ({ body: { name, description: "d" } });

  it("offers exactly the fault kinds the team interface names", () => {
    assert.deepStrictEqual([...FAULT_KINDS], ["latency", "status", "drop", "drop-after-commit", "throttle"]);
  });

  it("status: answers the given 5xx without doing the work, then behaves again", async () => {
    await h.control("POST", "/faults", { operationId: "create_a_new_bot", kind: "status", status: 503 });
    const failed = await h.call("create_a_new_bot", createBody("Faulty"));
    assert.deepStrictEqual([failed.status, failed.body.code], [503, "internal_server_error"]);
    assert.strictEqual(await botCount(), 0);
    assert.strictEqual((await h.call("create_a_new_bot", createBody("Faulty"))).status, 200);
  });

  it("status: uses the operation's own failure code by default, or the code given", async () => {
    const bot = await h.createDelugeBot("Coded");
    await h.control("POST", "/faults", { operationId: "create_a_handler_for_a_bot", kind: "status" });
    const failed = await h.call("create_a_handler_for_a_bot", {
      params: { BOT_ID: bot.id },
      body: { type: "message_handler", script: "x" },
    });
    assert.deepStrictEqual([failed.status, failed.body.code], [500, "execution_handler_create_failed"]);
    await h.control("POST", "/faults", { kind: "status", status: 502, code: "bad_gateway" });
    const custom = await h.call("list_all_bots");
    assert.deepStrictEqual([custom.status, custom.body.code], [502, "bad_gateway"]);
  });

  it("count: affects that many matching requests, and method narrows the match", async () => {
    await h.control("POST", "/faults", { method: "GET", kind: "status", count: 2 });
    assert.strictEqual((await h.call("create_a_new_bot", createBody("Posted"))).status, 200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.call("list_all_bots")).status);
    assert.deepStrictEqual(statuses, [500, 500, 200]);
  });

  it("drop: destroys the connection without doing the work", async () => {
    await h.control("POST", "/faults", { operationId: "create_a_new_bot", kind: "drop" });
    await assert.rejects(h.call("create_a_new_bot", createBody("Dropped")));
    assert.strictEqual(await botCount(), 0);
  });

  it("drop-after-commit: does the work, then destroys the connection (a lost response)", async () => {
    await h.control("POST", "/faults", { operationId: "create_a_new_bot", kind: "drop-after-commit" });
    await assert.rejects(h.call("create_a_new_bot", createBody("Committed")));
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual(
      state.bots.map((b: { name: string }) => b.name),
      ["Committed"],
    );
    const log = (await h.control("GET", "/requests")).body.requests;
    assert.deepStrictEqual(
      log.map((r: { operationId: string; status: number | null }) => [r.operationId, r.status]),
      [["create_a_new_bot", null]],
    );
  });

  it("throttle: answers as throttled and starts the operation's lock for that token", async () => {
    await h.control("POST", "/faults", { operationId: "get_details_of_a_specific_bot", kind: "throttle" });
    const bot = await h.createDelugeBot("Throttled");
    const first = await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } });
    assert.deepStrictEqual([first.status, first.body.code], [429, "request_limit_exceeded"]);
    assert.strictEqual(
      (await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } })).status,
      429,
    );
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
  });

  it("latency: delays the answer (a client timeout shorter than the delay fires), then the request completes", async () => {
    await h.control("POST", "/faults", { operationId: "list_all_bots", kind: "latency", ms: 1500 });
    await assert.rejects(
      fetch(`${h.emulator.apiUrl}/bots`, {
        headers: { Authorization: `Zoho-oauthtoken ${h.token}` },
        signal: AbortSignal.timeout(100),
      }),
      (error: Error) => error.name === "TimeoutError",
    );
    assert.deepStrictEqual((await h.control("GET", "/faults")).body.faults, []);
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
  });

  it("applies faults to the OAuth endpoint by its operation id oauth_token", async () => {
    await h.control("POST", "/faults", { operationId: "oauth_token", kind: "status", status: 500 });
    const response = await fetch(`${h.emulator.url}/oauth/v2/token`, { method: "POST" });
    assert.strictEqual(response.status, 500);
  });

  it("refuses malformed faults and clears pending ones", async () => {
    for (const body of [
      { kind: "meteor" },
      { kind: "latency" },
      { kind: "status", count: 0 },
      { kind: "status", operationId: "x" },
    ]) {
      assert.strictEqual((await h.control("POST", "/faults", body)).status, 400, JSON.stringify(body));
    }
    await h.control("POST", "/faults", { kind: "status" });
    await h.control("DELETE", "/faults");
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
  });

  it("logs API requests with operation id, status and throttling, never headers or bodies, and clears", async () => {
    await h.call("create_a_new_bot", { body: { name: "Logged", description: "secret-looking body" } });
    await h.call("list_all_bots", { query: { limit: "5" } });
    await h.raw("GET", "/api/v3/nowhere");
    await h.control("GET", "/state");
    const log = await h.control("GET", "/requests");
    assert.deepStrictEqual(log.body.requests, [
      {
        seq: 1,
        method: "POST",
        path: "/api/v3/bots",
        query: {},
        operationId: "create_a_new_bot",
        status: 200,
        throttled: false,
      },
      {
        seq: 2,
        method: "GET",
        path: "/api/v3/bots",
        query: { limit: "5" },
        operationId: "list_all_bots",
        status: 200,
        throttled: false,
      },
      {
        seq: 3,
        method: "GET",
        path: "/api/v3/nowhere",
        query: {},
        operationId: null,
        status: 404,
        throttled: false,
      },
    ]);
    assert.ok(!log.text.includes(h.token) && !log.text.includes("secret-looking"));
    await h.control("DELETE", "/requests");
    assert.deepStrictEqual((await h.control("GET", "/requests")).body.requests, []);
  });

  it("logs the credentials a query string may carry (extension_key, zapikey) as [redacted]", async () => {
    const bot = await h.createDelugeBot("Keyed");
    await h.call("send_an_incoming_webhook_message", {
      params: { BOT_UNIQUE_NAME: bot.unique_name },
      query: { extension_key: "ext-key-value", zapikey: "zapi-key-value", user_ids: "55743307" },
      body: { a: "b" },
    });
    const log = await h.control("GET", "/requests");
    const entry = log.body.requests.find(
      (r: { operationId: string }) => r.operationId === "send_an_incoming_webhook_message",
    );
    assert.deepStrictEqual(entry.query, {
      extension_key: "[redacted]",
      zapikey: "[redacted]",
      user_ids: "55743307",
    });
    assert.ok(!log.text.includes("ext-key-value") && !log.text.includes("zapi-key-value"));
  });
});
