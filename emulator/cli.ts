#!/usr/bin/env node
import { parseCliArgs, USAGE } from "./cli-args";
import { startEmulator } from "./server";

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
  const emulator = await startEmulator(command.options);
  // Only the addresses are printed: tokens and OAuth secrets never reach stdout.
  process.stdout.write(`Cliq emulator listening on ${emulator.url}\nAPI base URL: ${emulator.apiUrl}\n`);
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
