/**
 * `pulumi-resource-cliq`: the engine starts it with its own address as the first argument and reads the gRPC
 * port from the first line of stdout. Nothing else may be written to stdout before that line.
 */
import { watchEngine } from "./engine-watch";
import { startPluginServer } from "./server";

/**
 * The engine's address among the plugin's arguments: flags (`--logtostderr`, `-v=9`, `--tracing <url>`) come
 * first, the address last.
 */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  return argv.filter((arg) => !arg.startsWith("-")).at(-1);
}

/** Starts the plugin and prints its port for the engine. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const engineAddress = engineAddressOf(argv);
  const server = await startPluginServer({ engineAddress });
  process.stdout.write(`${server.port}\n`);
  // The engine ends its plugins with SIGKILL; a signal from a person or a tool still shuts the server down
  // cleanly, and so does the engine going away without ending the plugin (the CLI killed hard).
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (engineAddress !== undefined) watchEngine(engineAddress, stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-cliq: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
