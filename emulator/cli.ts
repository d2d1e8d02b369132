#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { parseCliArgs, startupWarnings, USAGE } from "./cli-args";
import { startEmulator } from "./server";

/**
 * The version in this package's package.json, found by walking up from this file: it runs as emulator/cli.ts in
 * the repository and as dist/emulator/cli.js when installed, and importing package.json would make tsc copy it
 * into dist/ (which does not ship).
 */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8"));
      if (name === "pulumi-zoho-cliq") return String(version);
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`cliq-emulator: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === "version") {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  for (const warning of startupWarnings(command.options)) process.stderr.write(`cliq-emulator: ${warning}\n`);
  const emulator = await startEmulator(command.options);
  // Only the addresses are printed: tokens and OAuth secrets never reach stdout.
  process.stdout.write(
    `Cliq emulator listening on ${emulator.url}\nAPI base URL: ${emulator.apiUrl}\n` +
      `Point pulumi-zoho-cliq at it: CLIQ_API_URL=${emulator.apiUrl} and CLIQ_ACCESS_TOKEN=<a --token>, ` +
      `or CLIQ_ACCOUNTS_URL=${emulator.url} with an --oauth-client's CLIQ_CLIENT_ID, CLIQ_CLIENT_SECRET, ` +
      `CLIQ_REFRESH_TOKEN\n`,
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cliq-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
