/**
 * Times read from the shared window file are bounded: a clock stepped back, or a bad writer, can stamp entries
 * an hour ahead or a lock 30 days ahead. Neither may hold a call past `maxThrottleWaitSeconds` plus one window,
 * arm a timer beyond Node's limit (2^31-1 ms: Node fires it after 1 ms and warns, so the limiter would spin), or
 * go unsaid. Real HTTP to the emulator, the real file in a temporary directory.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliqClient } from "../../provider/client";
import { RATE_WINDOW_DIR_ENV, windowStoreKey } from "../../provider/client/window-store";
import { OPERATIONS } from "../../cliq-api/operations";
import { boundHistory, SHARER_WINDOWS, type WindowEntry } from "../../provider/client/window-plan";
import { captureLogger, SECRETS, useEmulator } from "../client/helpers";

const TIME_SCALE = 0.01;
const MAX_THROTTLE_WAIT_SECONDS = 5;
const CREATE = OPERATIONS.create_a_new_bot.rateLimit;
/** What the issue promises: no wait longer than the throttle-wait budget plus one window (in wall time). */
const BOUND_MS = (MAX_THROTTLE_WAIT_SECONDS + CREATE.perSeconds) * 1000 * TIME_SCALE;
/** Room for a loaded machine; far below the hour (or 30 days) the planted times ask for. */
const SLACK_MS = 3000;

/** Writes a window file holding `history` for bot creation under the static token's key. */
function plant(dir: string, apiUrl: string, history: unknown): void {
  const key = windowStoreKey(apiUrl, ["static", SECRETS.accessToken]);
  const file = { version: 1, accounts: { [key]: { create_a_new_bot: history } } };
  fs.writeFileSync(path.join(dir, "rate-windows.json"), JSON.stringify(file), { mode: 0o600 });
}

/** Entries filling the create window, sent and answered `aheadMs` from now by a process of another host. */
function entriesAhead(aheadMs: number): unknown[] {
  const at = Date.now() + aheadMs;
  return Array.from({ length: CREATE.requests }, (_, i) => ({
    id: `planted:${i}`,
    owner: "planted",
    pid: 1,
    host: "another-host",
    at,
    answeredAt: at,
  }));
}

/** How the call ended and how long it took; gives up (as a failure of the test) after 15 s. */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("still waiting after 15 s")), 15_000);
  });
  try {
    await Promise.race([call(), cap]);
    return { ms: Date.now() - started };
  } catch (error) {
    if (error instanceof Error && error.message === "still waiting after 15 s") throw error;
    return { ms: Date.now() - started, error };
  } finally {
    clearTimeout(timer);
  }
}

describe("times from the shared window file are bounded", function () {
  this.timeout(30_000);
  const context = useEmulator({ timeScale: TIME_SCALE, rateLimits: true });
  let dir: string;
  let previousDir: string | undefined;
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-hostile-windows-"));
    previousDir = process.env[RATE_WINDOW_DIR_ENV];
    process.env[RATE_WINDOW_DIR_ENV] = dir;
    warnings.length = 0;
    process.on("warning", onWarning);
  });
  afterEach(() => {
    process.off("warning", onWarning);
    if (previousDir === undefined) delete process.env[RATE_WINDOW_DIR_ENV];
    else process.env[RATE_WINDOW_DIR_ENV] = previousDir;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function client() {
    const logger = captureLogger();
    const cliq = new CliqClient({
      apiUrl: context.emulator.apiUrl,
      accessToken: SECRETS.accessToken,
      timeScale: TIME_SCALE,
      sharedRateLimits: true,
      maxThrottleWaitSeconds: MAX_THROTTLE_WAIT_SECONDS,
      logger,
    });
    return { cliq, logger };
  }

  it("holds a create no longer than maxThrottleWaitSeconds plus one window when entries are stamped an hour ahead", async () => {
    plant(dir, context.emulator.apiUrl, { entries: entriesAhead(3_600_000), lockedUntil: 0 });
    const { cliq, logger } = client();
    const first = await timed(() => cliq.createBot({ name: "Ahead one", description: "x" }));
    const second = await timed(() => cliq.createBot({ name: "Ahead two", description: "x" }));
    assert.equal(first.error, undefined, String(first.error));
    assert.equal(second.error, undefined, String(second.error));
    console.log(
      `      entries an hour ahead: the creates took ${first.ms} ms and ${second.ms} ms (bound ${BOUND_MS} ms)`,
    );
    assert.ok(first.ms <= BOUND_MS + SLACK_MS, `the first create waited ${first.ms} ms`);
    const distrust = logger.lines.filter(
      (line) => line.startsWith("warn:") && line.includes("rate-windows.json"),
    );
    assert.equal(distrust.length, 1, `one warning naming the file: ${logger.lines.join("\n")}`);
    assert.match(distrust[0], /ahead|future|clock/);
  });

  it("refuses at once, with the reason, a create behind a lock 30 days ahead: no timer overflow, no spin", async () => {
    plant(dir, context.emulator.apiUrl, { entries: [], lockedUntil: Date.now() + 30 * 86_400_000 });
    const { cliq, logger } = client();
    const cpuBefore = process.cpuUsage();
    const result = await timed(() => cliq.createBot({ name: "Locked", description: "x" }));
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`      lock 30 days ahead: answered in ${result.ms} ms, ${cpuMs.toFixed(0)} ms of CPU`);
    assert.ok(result.ms <= BOUND_MS + SLACK_MS, `the create waited ${result.ms} ms`);
    assert.ok(result.error instanceof Error, "a lock beyond the throttle-wait budget fails the call");
    assert.match(result.error.message, /maxThrottleWaitSeconds/);
    assert.deepEqual(
      warnings.filter((line) => line.includes("TimeoutOverflowWarning")),
      [],
      "no timer beyond Node's limit",
    );
    assert.equal(
      logger.lines.filter((line) => line.startsWith("warn:") && line.includes("rate-windows.json")).length,
      1,
    );
    assert.equal(
      (await context.control.requests()).filter((entry) => entry.operationId === "create_a_new_bot").length,
      0,
    );
  });
});

describe("boundHistory (times read from a shared store)", () => {
  const now = 1_000_000_000;
  const limits = { requests: 10, windowMs: 60_000 };
  const longestLockMs = 1_800_000;
  const entry = (at: number, answeredAt?: number): WindowEntry => ({
    id: `e${at}`,
    owner: "other",
    pid: 1,
    host: "h",
    at,
    ...(answeredAt === undefined ? {} : { answeredAt }),
  });
  const table: Array<[string, WindowEntry[], number, WindowEntry[], number]> = [
    [
      "keeps what is within bounds",
      [entry(now - 5, now), entry(now + 60_000)],
      now + 1_800_000,
      [entry(now - 5, now), entry(now + 60_000)],
      now + 1_800_000,
    ],
    [
      "takes an entry sent more than a window ahead as sent and answered now",
      [entry(now + 60_001)],
      0,
      [{ ...entry(now + 60_001), at: now, answeredAt: now }],
      0,
    ],
    [
      "takes an entry answered more than a window ahead as answered now",
      [entry(now, now + 3_600_000)],
      0,
      [{ ...entry(now), answeredAt: now }],
      0,
    ],
    [
      "ends a lock later than the longest Cliq lock at the longest lock",
      [],
      now + 30 * 86_400_000,
      [],
      now + longestLockMs,
    ],
  ];
  for (const [behaviour, entries, lockedUntil, expectedEntries, expectedLock] of table) {
    it(behaviour, () => {
      const history = { entries, lockedUntil };
      const bounded = boundHistory(history, now, limits, longestLockMs);
      assert.deepEqual(bounded, { entries: expectedEntries, lockedUntil: expectedLock });
      if (behaviour.startsWith("keeps"))
        assert.equal(bounded, history, "the same object: nothing to warn about");
    });
  }

  it("ends a lowered budget (sharer) stamped far ahead after the windows that follow the longest lock", () => {
    const until = now + longestLockMs + SHARER_WINDOWS * limits.windowMs;
    const far = { since: now, budget: 1, until: now + 30 * 86_400_000 };
    const bounded = boundHistory({ entries: [], lockedUntil: 0, sharer: far }, now, limits, longestLockMs);
    assert.deepEqual(bounded.sharer, { ...far, until });
    const fine = { entries: [], lockedUntil: 0, sharer: { ...far, until } };
    assert.equal(boundHistory(fine, now, limits, longestLockMs), fine);
  });
});
