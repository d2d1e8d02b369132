/**
 * A real `redis-server` for the Redis tests (tests/redis) and the bench, without root and without installing anything system-wide:
 * Debian's packages are fetched with `apt-get download` into `.cache/redis/` (ignored by git) and unpacked with
 * `dpkg-deb -x`; the binary runs with the unpacked libraries on LD_LIBRARY_PATH, on a loopback port picked by
 * binding port 0, with no persistence. A fresh clone (CI) fetches it on first use; after that it is reused.
 * When it cannot be had, `redisServerBinary` fails with a message saying what was tried.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/** The checkout's root (this file runs from bench/ under ts-node and from dist/bench/ once built). */
function checkoutRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const CACHE = path.join(checkoutRoot(), ".cache/redis");
/** The server and the libraries it needs that a Debian machine does not have by default. */
const PACKAGES = ["redis-server", "redis-tools", "libjemalloc2", "liblzf1"];

/** Where the unpacked server lives: the binary and the library folder for LD_LIBRARY_PATH. */
export interface RedisInstall {
  binary: string;
  libraryPath: string;
  /** Milliseconds this call spent fetching and unpacking (0 when the cache already held it). */
  fetchedInMs: number;
}

function unpacked(root: string): RedisInstall | undefined {
  const binary = path.join(root, "usr/bin/redis-server");
  if (!fs.existsSync(binary)) return undefined;
  return { binary, libraryPath: path.join(root, "usr/lib/x86_64-linux-gnu"), fetchedInMs: 0 };
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
}

function download(debs: string): void {
  try {
    run("apt-get", ["download", ...PACKAGES], debs);
  } catch {
    // A machine whose package lists were never fetched knows no candidates: fetch them once, then retry.
    run("apt-get", ["update"], debs);
    run("apt-get", ["download", ...PACKAGES], debs);
  }
}

/** The unpacked `redis-server`, fetched into `.cache/redis/` on first use. */
export function redisServerBinary(): RedisInstall {
  const root = path.join(CACHE, "root");
  const ready = unpacked(root);
  if (ready) return ready;
  const started = performance.now();
  fs.mkdirSync(CACHE, { recursive: true });
  const work = fs.mkdtempSync(path.join(CACHE, "fetch-"));
  try {
    const debs = path.join(work, "debs");
    fs.mkdirSync(debs);
    download(debs);
    const staged = path.join(work, "root");
    for (const deb of fs.readdirSync(debs).filter((name) => name.endsWith(".deb"))) {
      run("dpkg-deb", ["-x", path.join(debs, deb), staged], work);
    }
    fs.rmSync(root, { recursive: true, force: true });
    fs.renameSync(staged, root);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(
      `the Redis tests need a redis-server: fetching Debian's ${PACKAGES.join(", ")} with apt-get download ` +
        `into ${CACHE} failed (${detail}). Install redis-server (apt-get install redis-server) or make ` +
        `Debian's package archive reachable, then run the tests again.`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { ...unpacked(root)!, fetchedInMs: performance.now() - started };
}

/** A free loopback port: bind 0, read it, close (redis-server has no `--port 0`). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running server: its URL, and how to stop it (politely, or by SIGKILL mid-run). */
export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** PEM files of a server certificate, for a TLS-only server (`rediss://`). */
export interface RedisTlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/**
 * Starts a throw-away `redis-server` on loopback (no snapshots, no AOF), with `password` if given; with `tls`, it
 * listens for TLS only and its URL is `rediss://`.
 */
export async function startRedisServer(
  options: { password?: string; tls?: RedisTlsFiles } = {},
): Promise<RedisServer> {
  const install = redisServerBinary();
  const port = await freePort();
  const { tls } = options;
  const listen = tls
    ? ["--port", "0", "--tls-port", String(port), "--tls-cert-file", tls.cert, "--tls-key-file", tls.key]
    : ["--port", String(port)];
  if (tls) listen.push("--tls-ca-cert-file", tls.ca, "--tls-auth-clients", "no");
  const args = [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  if (options.password) args.push("--requirepass", options.password);
  const proc = spawn(install.binary, args, {
    env: { ...process.env, LD_LIBRARY_PATH: install.libraryPath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start in 10 s:\n${output}`)),
      10_000,
    );
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on("data", seen);
    proc.stderr!.on("data", seen);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
  proc.stdout!.removeAllListeners("data").resume();
  proc.stderr!.removeAllListeners("data").resume();
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
  return {
    url: `${tls ? "rediss" : "redis"}://${auth}127.0.0.1:${port}`,
    port,
    process: proc,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}
