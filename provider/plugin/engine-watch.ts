/**
 * The plugin's tie to the engine that started it. The engine ends plugins with SIGKILL of their process group,
 * but when the CLI itself dies hard nothing ends the plugin, and its gRPC server would keep Node alive for ever.
 * So the plugin probes the engine's address now and then and stops once nothing listens there any more (as
 * Pulumi's Go plugins do with a health check).
 */
import * as net from "net";

/** Where the engine listens, from its `host:port` address. */
export function parseEngineAddress(address: string): { host: string; port: number } | undefined {
  const match = /^(.*):(\d+)$/.exec(address);
  if (!match) return undefined;
  const host = match[1]!.replace(/^\[(.*)\]$/, "$1");
  return { host: host === "" ? "127.0.0.1" : host, port: Number(match[2]) };
}

/** One probe: whether a connection to the engine is refused (it is gone); other failures say nothing. */
function engineGone(target: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(target);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

/**
 * Calls `onGone` once the engine at `address` refuses connections; the returned function stops watching. The
 * timer never keeps the process alive by itself.
 */
export function watchEngine(address: string, onGone: () => void, intervalMs = 5_000): () => void {
  const target = parseEngineAddress(address);
  if (target === undefined) return () => {};
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void engineGone(target).then((gone) => {
      probing = false;
      if (!gone) return;
      clearInterval(timer);
      onGone();
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
