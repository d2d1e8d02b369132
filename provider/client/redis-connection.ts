/**
 * The Redis connection behind the shared window store (redis-window-store.ts): the client module is loaded only
 * here, and only when a Redis store is configured, so that users who do not set one pay nothing for it in
 * install size or start-up. It is `@redis/client` (node-redis' core, without its module packages), an optional
 * peer dependency of this package.
 */
import { createHash } from "node:crypto";
import { CliqConfigError } from "../config/errors";
import { REDACTED, redactText } from "./redact";

/** The npm package of the Redis client, as the install hint names it. */
export const REDIS_CLIENT_PACKAGE = "@redis/client";

/** A Lua script run with EVALSHA (EVAL once if the server does not know it yet). */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

/** A Lua script and its SHA-1, as EVALSHA names it. */
export function luaScript(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/** What the window store needs of a Redis connection. Every call settles within the connection's deadline. */
export interface ScriptRunner {
  run(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  /** Drops the connection (no reconnection is tried: the store falls back to the file instead). */
  close(): void;
}

/** `redis://user:password@host:port/db` with user and password replaced: safe for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const credentials = parsed.username || parsed.password ? `${REDACTED}@` : "";
    const database = parsed.pathname === "/" ? "" : parsed.pathname;
    return `${parsed.protocol}//${credentials}${parsed.host}${database}`;
  } catch {
    return `${url.split(":")[0]}://${REDACTED}`;
  }
}

/** The secrets of a store URL (user name and password), for scrubbing messages that might quote them. */
export function redisUrlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [url, decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)].filter(Boolean);
  } catch {
    return [url];
  }
}

type RedisModule = typeof import("@redis/client");

let loaded: RedisModule | undefined;

/**
 * The Redis client module, required on first use. Missing, it is a configuration error naming the install
 * command, raised when the client is built: a store that was asked for and cannot exist is not silently
 * replaced by the file.
 */
export function loadRedisModule(setting: string, packageName = REDIS_CLIENT_PACKAGE): RedisModule {
  if (loaded && packageName === REDIS_CLIENT_PACKAGE) return loaded;
  try {
    // The literal specifier lets the plugin's bundler (scripts/pack-plugin.ts) include the client, so Python,
    // Go and YAML programs can use a Redis store too; the npm package still requires it only here.
    const found = (
      packageName === REDIS_CLIENT_PACKAGE ? require("@redis/client") : require(packageName)
    ) as RedisModule;
    if (packageName === REDIS_CLIENT_PACKAGE) loaded = found;
    return found;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    throw new CliqConfigError(
      setting,
      `${setting} names a Redis store, but its client is not installed: run \`npm install ${packageName}\` ` +
        `in the Pulumi program's folder (or unset ${setting} to keep the windows in the per-user file)`,
    );
  }
}

/** Rejects with `message` when `promise` has not settled after `ms`; the timer keeps the process alive meanwhile. */
function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // Node runs due timers before it reads ready sockets: after a pause of this process (a GC, a descheduled
    // CPU) an answer Redis already sent would lose to the timer. `setImmediate` lets the socket be read first.
    timer = setTimeout(() => setImmediate(() => reject(new Error(message))), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** How long a connection may take to come up, and each command to be answered. */
export interface RedisDeadlines {
  readonly connectMs: number;
  readonly commandMs: number;
}

/**
 * Connects to `url` (`rediss://` is TLS) within `deadlines.connectMs`, each command then answered within
 * `deadlines.commandMs`. The socket is unref'd: an idle connection never keeps a Pulumi host alive; a pending
 * command holds its own timer.
 */
export async function connectRedis(
  module: RedisModule,
  url: string,
  deadlines: RedisDeadlines,
): Promise<ScriptRunner> {
  const { connectMs, commandMs } = deadlines;
  const client = module.createClient({
    url,
    // The socket's own timeout is only a backstop, longer than `withDeadline`'s, so that one timer decides.
    socket: { connectTimeout: connectMs * 2, reconnectStrategy: false },
    disableOfflineQueue: true,
    // No client-side command timeout: `withDeadline` below is the one deadline, so a silent server always yields
    // the same message; the store then drops the client, which rejects whatever is still in flight.
    commandOptions: { rejectInFlight: true },
  });
  // node-redis emits socket failures as events; without a listener they would crash the process. The command
  // that meets the failure rejects, and that is where the store notices.
  client.on("error", () => undefined);
  try {
    await withDeadline(client.connect(), connectMs, `no connection within ${connectMs} ms`);
  } catch (error) {
    // A connection that comes up after the deadline must not keep the process alive, nor be used.
    client.destroy();
    throw error;
  }
  client.unref();
  const evaluate = async (script: LuaScript, keys: string[], args: string[]): Promise<unknown> => {
    try {
      return await client.evalSha(script.sha1, { keys, arguments: args });
    } catch (error) {
      if (!String((error as Error).message).startsWith("NOSCRIPT")) throw error;
      return client.eval(script.source, { keys, arguments: args });
    }
  };
  return {
    run: (script, keys, args) =>
      withDeadline(evaluate(script, [...keys], [...args]), commandMs, `no answer within ${commandMs} ms`),
    close: () => client.destroy(),
  };
}

/** A failure's message without the store's credentials, for the one warning. */
export function describeRedisFailure(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactText(message, redisUrlSecrets(url)) || "unknown failure";
}
