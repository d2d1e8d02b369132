import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { applyOnMachines } from "../../bench/machines";
import { startRedisServer, type RedisServer, type RedisTlsFiles } from "../../bench/redis-server";
import { tenBotsStack } from "../../bench/workload";

/** A throw-away CA and a server certificate for 127.0.0.1 signed by it (openssl, as any operator would). */
function makeCertificates(dir: string): RedisTlsFiles {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=cliq-test-ca",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
  );
  fs.writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    file("san.ext"),
    "-out",
    file("server.pem"),
  );
  return { cert: file("server.pem"), key: file("server.key"), ca: file("ca.pem") };
}

describe("a rediss:// (TLS) rate-limit store (real redis-server with TLS only)", function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let redis: RedisServer;
  let dir: string;
  const previousCa = process.env.NODE_EXTRA_CA_CERTS;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-redis-tls-"));
    const tls = makeCertificates(dir);
    redis = await startRedisServer({ tls, password: "tls-redis-pass" });
    emulator = await startEmulator({ tokens: ["tls-token"], timeScale: 0.01, rateLimits: true });
    // The machines trust the test CA the way a CI runner trusts a private one: NODE_EXTRA_CA_CERTS.
    process.env.NODE_EXTRA_CA_CERTS = tls.ca;
  });
  after(async () => {
    if (previousCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = previousCa;
    await redis?.stop();
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("shares the windows of two machines over TLS: no throttled answer, no warning", async () => {
    assert.match(redis.url, /^rediss:\/\//);
    const setup = {
      apiUrl: emulator.apiUrl,
      token: "tls-token",
      timeScale: 0.01,
      mode: "redis" as const,
      redisUrl: redis.url,
    };
    // 20 bot creations against a threshold of 10 per window: without shared windows, the second machine's burst
    // meets the first one's and Cliq locks the operation.
    const { results } = await applyOnMachines(
      setup,
      [tenBotsStack("A"), tenBotsStack("B")],
      path.join(dir, "m"),
    );
    const requests = await new EmulatorControl(emulator.url).requests();
    assert.deepEqual(
      results.map((result) => result.warnings),
      [[], []],
    );
    assert.equal(requests.filter((request) => request.throttled).length, 0);
    assert.equal(requests.filter((request) => request.operationId === "create_a_new_bot").length, 20);
  });
});
