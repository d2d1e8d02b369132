/**
 * Token reuse across runs: 20 back-to-back processes (each like one `pulumi preview`: a new process that
 * creates a client and makes one API call) against the emulator with real token lifetimes, with the per-user
 * token cache and without it. Prints the mints per refresh token each way, read from the emulator's request
 * log. Target with the cache: 1 mint (at most one per refresh token per hour on one machine). Without it,
 * every run mints, and Zoho's cap (10 mints per 10 minutes per refresh token) refuses the runs after the 10th.
 *
 * Run: npm run bench:tokens (or node -r ts-node/register/transpile-only bench/token-reuse.ts [runs])
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControl, startEmulator } from "../emulator";
import { CliqClient } from "../provider/client";
import { TOKEN_CACHE_DIR_ENV } from "../provider/client/token-cache";

const RUNS = Number(process.argv[2] ?? 20);
const CREDENTIALS = {
  clientId: "1000.BENCHCLIENT01",
  clientSecret: "bench-client-secret-0123456789",
  refreshToken: "1000.bench-refresh-token-abcdef",
};

/** One run: what a `pulumi` process does with the API before it exits. */
async function child(): Promise<void> {
  const client = new CliqClient({
    apiUrl: process.env.BENCH_API_URL,
    accountsUrl: process.env.BENCH_ACCOUNTS_URL,
    ...CREDENTIALS,
    tokenCache: process.env.BENCH_TOKEN_CACHE === "true",
    logger: { warn: () => undefined },
  });
  await client.listBots();
}

function runChild(env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [...process.execArgv, __filename, "--child"], {
      env,
      stdio: "ignore",
    });
    proc.on("exit", (code) => resolve(code === 0));
  });
}

interface Figures {
  mintRequests: number;
  mintsGranted: number;
  failedRuns: number;
}

async function scenario(tokenCache: boolean): Promise<Figures> {
  const emulator = await startEmulator({
    port: 0,
    oauthClients: [{ ...CREDENTIALS, refreshTokens: [CREDENTIALS.refreshToken] }],
  });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-bench-tokens-"));
  try {
    const env = {
      ...process.env,
      BENCH_API_URL: emulator.apiUrl,
      BENCH_ACCOUNTS_URL: emulator.url,
      BENCH_TOKEN_CACHE: String(tokenCache),
      [TOKEN_CACHE_DIR_ENV]: cacheDir,
    };
    let failedRuns = 0;
    for (let run = 0; run < RUNS; run++) if (!(await runChild(env))) failedRuns += 1;
    const mints = (await new EmulatorControl(emulator.url).requests()).filter(
      (entry) => entry.operationId === "oauth_token",
    );
    return {
      mintRequests: mints.length,
      mintsGranted: mints.filter((entry) => entry.status === 200).length,
      failedRuns,
    };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await emulator.close();
  }
}

async function main(): Promise<void> {
  console.log(`Token reuse: ${RUNS} back-to-back processes, one API call each, one refresh token`);
  for (const tokenCache of [true, false]) {
    const figures = await scenario(tokenCache);
    console.log(
      `  token cache ${tokenCache ? "on " : "off"}: ${figures.mintRequests} mint request(s), ` +
        `${figures.mintsGranted} granted, ${figures.failedRuns} run(s) failed` +
        (tokenCache ? " (target: 1 mint)" : " (Zoho allows 10 mints per 10 minutes)"),
    );
  }
}

if (process.argv.includes("--child")) {
  child().catch(() => process.exit(1));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
