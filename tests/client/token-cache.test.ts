import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliqClient } from "../../provider/client";
import {
  isStaleLock,
  nextCacheFile,
  TOKEN_CACHE_DIR_ENV,
  TokenFileCache,
  tokenCacheDir,
  tokenCacheKey,
  usableEntry,
} from "../../provider/client/token-cache";
import { captureLogger, SECRETS, useEmulator } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");

describe("token cache rules", () => {
  it("places the cache in the platform's per-user cache directory, or the override", () => {
    const home = "/home/ada";
    assert.equal(tokenCacheDir({}, "linux", home), "/home/ada/.cache/pulumi-zoho-cliq");
    assert.equal(tokenCacheDir({ XDG_CACHE_HOME: "/xdg" }, "linux", home), "/xdg/pulumi-zoho-cliq");
    assert.equal(
      tokenCacheDir({ XDG_CACHE_HOME: "relative/dir" }, "linux", home),
      "/home/ada/.cache/pulumi-zoho-cliq",
      "the XDG spec says a relative XDG_CACHE_HOME is ignored",
    );
    assert.equal(tokenCacheDir({}, "darwin", "/Users/ada"), "/Users/ada/Library/Caches/pulumi-zoho-cliq");
    assert.equal(
      tokenCacheDir({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", "C:\\Users\\ada"),
      "C:\\Users\\ada\\AppData\\Local\\pulumi-zoho-cliq",
    );
    assert.equal(tokenCacheDir({ [TOKEN_CACHE_DIR_ENV]: "/tmp/x" }, "darwin", home), "/tmp/x");
  });

  it("keys entries by client id, refresh token and accounts host, without containing any of them", () => {
    const key = tokenCacheKey(SECRETS.clientId, SECRETS.refreshToken, "https://accounts.zoho.eu");
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.notEqual(key, tokenCacheKey(SECRETS.clientId, SECRETS.refreshToken, "https://accounts.zoho.com"));
    assert.notEqual(key, tokenCacheKey(SECRETS.clientId, "1000.another", "https://accounts.zoho.eu"));
  });

  it("reuses an entry until its refresh time and ignores malformed ones", () => {
    const file = {
      tokens: { k: { accessToken: "t", expiresAt: 2000, refreshAt: 1500 }, bad: { accessToken: 5 } },
    };
    assert.equal(usableEntry(file, "k", 1499)?.accessToken, "t");
    assert.equal(usableEntry(file, "k", 1500), undefined);
    assert.equal(usableEntry(file, "bad", 0), undefined);
    assert.equal(usableEntry("not json at all", "k", 0), undefined);
  });

  it("drops expired entries when it writes", () => {
    const next = nextCacheFile(
      { tokens: { old: { accessToken: "o", expiresAt: 10, refreshAt: 5 }, junk: 7 } },
      100,
      (tokens) => (tokens.fresh = { accessToken: "f", expiresAt: 500, refreshAt: 400 }),
    );
    assert.deepEqual(Object.keys(next.tokens), ["fresh"]);
  });

  it("takes over a lock whose owner died or that is older than any mint, not a live one", () => {
    const host = os.hostname();
    const alive = (pid: number) => pid === 1;
    assert.equal(isStaleLock({ pid: 1, host, at: 1000 }, 2000, alive), false);
    assert.equal(isStaleLock({ pid: 999999, host, at: 1000 }, 2000, alive), true);
    assert.equal(isStaleLock({ pid: 1, host, at: 1000 }, 1000 + 121_000, alive), true);
    assert.equal(
      isStaleLock({ at: 1000 }, 2000, alive),
      false,
      "a lock still being written is judged by age",
    );
  });
});

describe("token cache files against the emulator", () => {
  const env = useEmulator();
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-token-cache-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function cachedClient(extra: { tokenCache?: boolean } = {}): CliqClient {
    return new CliqClient(
      {
        apiUrl: env.emulator.apiUrl,
        accountsUrl: env.emulator.url,
        clientId: SECRETS.clientId,
        clientSecret: SECRETS.clientSecret,
        refreshToken: SECRETS.refreshToken,
        tokenCache: true,
        logger: captureLogger(),
        ...extra,
      },
      undefined,
    );
  }

  function withCacheDir<T>(run: () => Promise<T>): Promise<T> {
    const before = process.env[TOKEN_CACHE_DIR_ENV];
    process.env[TOKEN_CACHE_DIR_ENV] = dir;
    return run().finally(() => {
      if (before === undefined) delete process.env[TOKEN_CACHE_DIR_ENV];
      else process.env[TOKEN_CACHE_DIR_ENV] = before;
    });
  }

  const cacheFile = () => path.join(dir, "tokens.json");
  const mints = async () => (await env.control.requestsOf("oauth_token")).length;

  it("lets a second client (a later run) reuse the first one's token: one mint", async () => {
    await withCacheDir(async () => {
      await cachedClient().listBots();
      await cachedClient().listBots();
    });
    assert.equal(await mints(), 1);
    assert.equal((await env.control.requestsOf("list_all_bots")).filter((r) => r.status === 200).length, 2);
  });

  it("writes the file with mode 0600 in a 0700 directory, holding no refresh token, secret or client id", async () => {
    await withCacheDir(() => cachedClient().listBots());
    const text = fs.readFileSync(cacheFile(), "utf8");
    for (const secret of [SECRETS.refreshToken, SECRETS.clientSecret, SECRETS.clientId]) {
      assert.equal(text.includes(secret), false);
    }
    const entries = Object.values(JSON.parse(text).tokens) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(entries[0]!).sort(), ["accessToken", "expiresAt", "refreshAt"]);
    if (process.platform !== "win32") {
      assert.equal(fs.statSync(cacheFile()).mode & 0o777, 0o600);
      assert.equal(fs.statSync(dir).mode & 0o077, 0, "no access for group or others");
      assert.equal(fs.existsSync(`${cacheFile()}.lock`), false, "the lock is released");
    }
  });

  it("mints and writes nothing when the cache is turned off", async () => {
    await withCacheDir(async () => {
      await cachedClient({ tokenCache: false }).listBots();
      await cachedClient({ tokenCache: false }).listBots();
    });
    assert.equal(await mints(), 2);
    assert.equal(fs.existsSync(cacheFile()), false);
  });

  it("ignores a corrupt cache file and rewrites it", async () => {
    fs.writeFileSync(cacheFile(), "{ not json", { mode: 0o600 });
    await withCacheDir(() => cachedClient().listBots());
    assert.equal(await mints(), 1);
    assert.equal(Object.keys(JSON.parse(fs.readFileSync(cacheFile(), "utf8")).tokens).length, 1);
  });

  it("drops a cached token Cliq refuses (401) and replaces it with a new mint", async () => {
    await withCacheDir(() => cachedClient().listBots());
    const first = fs.readFileSync(cacheFile(), "utf8");
    await env.control.reset(); // the emulator forgets its minted tokens: the cached one is now refused
    await withCacheDir(() => cachedClient().listBots());
    assert.deepEqual(
      (await env.control.requests()).map((entry) => [entry.operationId, entry.status]),
      [
        ["list_all_bots", 401],
        ["oauth_token", 200],
        ["list_all_bots", 200],
      ],
    );
    assert.notEqual(fs.readFileSync(cacheFile(), "utf8"), first);
  });

  it("takes over a lock left by a process that died", async () => {
    fs.writeFileSync(
      `${cacheFile()}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), at: Date.now() }),
    );
    await withCacheDir(() => cachedClient().listBots());
    assert.equal(await mints(), 1);
    assert.equal(fs.existsSync(`${cacheFile()}.lock`), false);
  });

  it("makes a waiter reuse the token of the process holding the lock", async () => {
    const cache = new TokenFileCache(dir);
    const key = tokenCacheKey(SECRETS.clientId, SECRETS.refreshToken, env.emulator.url);
    let release!: () => void;
    let holding!: () => void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    const held = cache.withLock(() => {
      holding();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await taken;
    const waiting = withCacheDir(() => cachedClient().listBots());
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await mints(), 0, "the waiter does not mint while the lock is held");
    // What the lock holder does: store a token (here a static one the emulator accepts), then release.
    await cache.put(key, {
      accessToken: SECRETS.accessToken,
      expiresAt: Date.now() + 60_000,
      refreshAt: Date.now() + 50_000,
    });
    release();
    await held;
    await waiting;
    assert.equal(await mints(), 0);
  });

  it("mints once for two processes starting at the same time", async function () {
    this.timeout(60_000);
    const script = [
      'const { CliqClient } = require("./provider/client");',
      "const client = new CliqClient({ apiUrl: process.env.API_URL, accountsUrl: process.env.ACCOUNTS_URL,",
      "  clientId: process.env.CLIQ_CLIENT_ID, clientSecret: process.env.CLIQ_CLIENT_SECRET,",
      "  refreshToken: process.env.CLIQ_REFRESH_TOKEN, tokenCache: true });",
      "client.listBots().then(() => process.stdout.write('ok'), (e) => { process.stdout.write(String(e)); process.exit(1); });",
    ].join("\n");
    const run = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
          cwd: ROOT,
          env: {
            ...process.env,
            API_URL: env.emulator.apiUrl,
            ACCOUNTS_URL: env.emulator.url,
            CLIQ_CLIENT_ID: SECRETS.clientId,
            CLIQ_CLIENT_SECRET: SECRETS.clientSecret,
            CLIQ_REFRESH_TOKEN: SECRETS.refreshToken,
            [TOKEN_CACHE_DIR_ENV]: dir,
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("exit", () => resolve(output));
      });
    assert.deepEqual(await Promise.all([run(), run()]), ["ok", "ok"]);
    assert.equal(await mints(), 1);
    assert.equal((await env.control.requestsOf("list_all_bots")).filter((r) => r.status === 200).length, 2);
  });
});
