import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createClient } from "@redis/client";
import { CliqClient } from "../../provider/client";
import { RATE_WINDOW_DIR_ENV } from "../../provider/client/window-store";
import { CliqConfigError, resolveStackSettings } from "../../provider/config";
import { captureLogger, SECRETS, useEmulator } from "../client/helpers";
import { freePort, startRedisServer, type RedisServer } from "../../bench/redis-server";

describe("cliq:rateLimitStore / CLIQ_RATE_LIMIT_STORE", function () {
  this.timeout(60_000);
  const context = useEmulator({ timeScale: 0.01, rateLimits: true });
  let redis: RedisServer;
  let windowDir: string;
  const previousDir = process.env[RATE_WINDOW_DIR_ENV];

  before(async () => {
    redis = await startRedisServer({ password: "setting-redis-pass" });
    windowDir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-store-setting-"));
    process.env[RATE_WINDOW_DIR_ENV] = windowDir;
  });
  after(async () => {
    await redis?.stop();
    if (previousDir === undefined) delete process.env[RATE_WINDOW_DIR_ENV];
    else process.env[RATE_WINDOW_DIR_ENV] = previousDir;
    fs.rmSync(windowDir, { recursive: true, force: true });
  });

  function client(rateLimitStore: string, logger = captureLogger()): CliqClient {
    return new CliqClient({
      apiUrl: context.emulator.apiUrl,
      accessToken: SECRETS.accessToken,
      timeScale: 0.01,
      sharedRateLimits: true,
      rateLimitStore,
      logger,
    });
  }

  it("refuses a URL that is not redis:// or rediss://, naming the key without quoting the value", () => {
    const env = { CLIQ_ACCESS_TOKEN: "tok", CLIQ_RATE_LIMIT_STORE: "http://user:hunter2@redis.example.com" };
    assert.throws(
      () => resolveStackSettings({}, env),
      (error: unknown) =>
        error instanceof CliqConfigError &&
        error.setting === "CLIQ_RATE_LIMIT_STORE" &&
        /redis:\/\/ or rediss:\/\//.test(error.message) &&
        !error.message.includes("hunter2"),
    );
    // A bare password pasted into the key is short and plain: it must not be quoted as a harmless word would be.
    assert.throws(
      () => resolveStackSettings({}, { CLIQ_ACCESS_TOKEN: "tok", CLIQ_RATE_LIMIT_STORE: "Hunter2Secret_99" }),
      (error: unknown) =>
        error instanceof CliqConfigError &&
        /16 characters/.test(error.message) &&
        !error.message.includes("Hunter2Secret_99"),
    );
    const accepted = resolveStackSettings(
      { "cliq:rateLimitStore": "rediss://:pw@redis.example.com:6380" },
      env,
    );
    assert.equal(
      accepted.rateLimitStore,
      "rediss://:pw@redis.example.com:6380",
      "config wins over the environment",
    );
  });

  it("keeps a configured client's windows in the Redis it names", async () => {
    const api = client(redis.url);
    await Promise.all([1, 2, 3].map((i) => api.createBot({ name: `Store ${i}`, description: "store" })));
    await new Promise((resolve) => setTimeout(resolve, 100)); // answers are published within 30 ms here
    const inspect = createClient({ url: redis.url });
    await inspect.connect();
    try {
      const keys = await inspect.keys("cliq:rate-windows:*:create_a_new_bot");
      assert.equal(keys.length, 1, `keys: ${JSON.stringify(await inspect.keys("*"))}`);
      const stored = JSON.parse((await inspect.get(keys[0]!))!) as { entries: unknown[] };
      assert.equal(stored.entries.length, 3);
    } finally {
      await inspect.flushAll();
      inspect.destroy();
    }
  });

  it("warns once, without the password, and completes every call through the file when Redis is unreachable", async () => {
    const logger = captureLogger();
    const api = client(`redis://:unreachable-pass@127.0.0.1:${await freePort()}`, logger);
    const bots = await Promise.all(
      [1, 2, 3, 4].map((i) => api.createBot({ name: `Fallback ${i}`, description: "fallback" })),
    );
    assert.equal(bots.length, 4);
    const warnings = logger.lines.filter((line) => line.includes("rate-limit store"));
    assert.equal(warnings.length, 1, logger.lines.join("\n"));
    assert.ok(!warnings[0]!.includes("unreachable-pass"), warnings[0]);
    assert.ok(fs.existsSync(path.join(windowDir, "rate-windows.json")), "the windows went to the file");
    const { bots: stored } = await context.control.state<{ bots: unknown[] }>();
    assert.equal(stored.length, 4, "each bot once");
  });
});
