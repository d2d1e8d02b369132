/**
 * Progress through the real CLI, at Cliq's own pace (the provider's clock is never scaled here): a stack of 12
 * handlers passes Cliq's 10 handler creations, then 10 handler reads, per minute, so `up` and then `refresh` each
 * wait about a minute. Each waiting resource says so once, naming itself, the limit and the expected wait,
 * instead of a silent `refreshing...`.
 */
import { strict as assert } from "assert";
import { useCliStack } from "./support/cli-stack";
import type { CliResult } from "./support/pulumi";

/** The distinct wait announcements in a command's output (the CLI shows each as it happens and in its summary). */
function announcements(result: CliResult, noun: string): string[] {
  const pattern = new RegExp(
    `cliq:BotHandler (\\S+(?: "[^"]*")?): waiting (\\d+) s: Cliq allows 10 ${noun} per minute`,
    "g",
  );
  return [...new Set([...result.output.matchAll(pattern)].map((m) => m[0]))];
}

describe("CLI: a provider that waits for Cliq's rate limits says so, once per waiting resource", function () {
  this.timeout(400_000);
  const { pulumi } = useCliStack({ suite: "progress", program: "many-handlers" });

  it("up: the two handlers past the tenth creation each announce their wait of about a minute", async () => {
    const up = await pulumi(["up", "--yes", "--skip-preview"]);
    const said = announcements(up, "handler creations");
    assert.equal(said.length, 2, `two announcements, one per waiting handler:\n${up.output}`);
    for (const line of said) {
      const seconds = Number(/waiting (\d+) s/.exec(line)![1]);
      assert.ok(seconds > 40 && seconds <= 61, `about a minute: ${line}`);
    }
  });

  it("refresh right after: the reads past the tenth announce their wait, and the transcript shows it", async () => {
    const started = Date.now();
    const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
    const took = (Date.now() - started) / 1000;
    console.log(`\n    pulumi refresh took ${took.toFixed(1)} s; what it printed:\n${refresh.output}`);
    const said = announcements(refresh, "handler reads");
    assert.equal(said.length, 2, `two announcements, one per waiting handler:\n${refresh.output}`);
    assert.ok(took > 40, "the reads past the tenth really waited for the window");
  });
});
