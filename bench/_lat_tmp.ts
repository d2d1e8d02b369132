import { startEmulator } from "/work/main/emulator";
import { CliqClient } from "/work/main/provider/client";
async function main() {
  const emulator = await startEmulator({ port: 0, tokens: ["t0ken-xyz"], timeScale: 0.05, rateLimits: false });
  const c = new CliqClient({ apiUrl: emulator.apiUrl, accessToken: "t0ken-xyz", timeScale: 1 });
  const bot = await c.createBot({ name: "B", description: "d" });
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    await Promise.all(Array.from({ length: 30 }, () => c.getBot(bot.id)));
    console.log("batch", r, (performance.now() - t).toFixed(1));
  }
  await emulator.close();
}
main();
