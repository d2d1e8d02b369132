/**
 * A child process for the shared-window tests: one `pulumi up`'s worth of bot creations through its own client.
 * It builds the client, prints "ready", waits for "go" on stdin (so that two children start their bursts at the
 * same moment, whatever their start-up times), sends WINDOW_CHILD_COUNT creations at once, prints
 * `{"ok":n,"failed":m}` and exits.
 */
import { CliqClient } from "../../provider/client";

async function main(): Promise<void> {
  const env = process.env;
  const client = new CliqClient({
    apiUrl: env.WINDOW_CHILD_API_URL,
    accessToken: env.WINDOW_CHILD_TOKEN,
    timeScale: Number(env.WINDOW_CHILD_TIME_SCALE),
    sharedRateLimits: env.WINDOW_CHILD_SHARED === "true",
    // A throttled call fails at once instead of waiting out the lock: the test counts throttles, not waits.
    maxThrottleWaitSeconds: 0,
    logger: { warn: () => undefined },
  });
  console.log("ready");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.pause();
  const count = Number(env.WINDOW_CHILD_COUNT);
  const results = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      client.createBot({ name: `${env.WINDOW_CHILD_NAME} ${i}`, description: "window test" }),
    ),
  );
  const ok = results.filter((result) => result.status === "fulfilled").length;
  console.log(JSON.stringify({ ok, failed: count - ok }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
