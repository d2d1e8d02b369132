/**
 * Runs a Pulumi program under pulumi.runtime.setMocks inside the Pulumi project that installed the package, and turns
 * every resource registration into a question to the parent process (the harness's engine), which answers with the
 * id and outputs the real provider host produced. It is copied into the project directory so that it shares that
 * project's @pulumi/pulumi instance with the program and the installed package.
 *
 * argv[2]: JSON {@link RunnerArgs}. Config comes from PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS as under `pulumi up`.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { toProviderWire, Wire, WireObject } from "./wire";

export interface RunnerArgs {
  program: string;
  project: string;
  stack: string;
  preview: boolean;
}

/** Messages from the program to the engine. */
export type RunnerMessage =
  | {
      kind: "register";
      seq: number;
      type: string;
      name: string;
      custom: boolean;
      id?: string;
      inputs: WireObject;
      /** URNs of the resources this one depends on, as the SDK sent them in RegisterResourceRequest. */
      dependencies: string[];
    }
  | { kind: "done"; outputs: WireObject }
  | { kind: "failed"; error: string };

/** Answers from the engine. */
export type EngineReply =
  | { kind: "registered"; seq: number; id?: string; state: WireObject }
  | { kind: "rejected"; seq: number; error: string };

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

const dependenciesByName = new Map<string, string[]>();

async function main(): Promise<void> {
  const args: RunnerArgs = JSON.parse(process.argv[2]);
  const waiting = new Map<number, { resolve(reply: EngineReply): void }>();
  let nextSeq = 0;
  process.on("message", (reply: EngineReply) => waiting.get(reply.seq)?.resolve(reply));
  const send = (message: RunnerMessage) => process.send!(message);

  await pulumi.runtime.setMocks(
    {
      async newResource(mock) {
        const seq = nextSeq++;
        const answered = new Promise<EngineReply>((resolve) => waiting.set(seq, { resolve }));
        send({
          kind: "register",
          seq,
          type: mock.type,
          name: mock.name,
          custom: mock.custom ?? true,
          ...(mock.id ? { id: mock.id } : {}),
          inputs: (toProviderWire(mock.inputs, pulumi.isUnknown) ?? {}) as WireObject,
          dependencies: dependenciesByName.get(`${mock.type}::${mock.name}`) ?? [],
        });
        const reply = await answered;
        waiting.delete(seq);
        if (reply.kind === "rejected") throw new Error(reply.error);
        return { id: reply.id, state: reply.state };
      },
      async call() {
        return {};
      },
    },
    args.project,
    args.stack,
    args.preview,
  );

  // The mock API does not pass a registration's dependencies on; the engine gets them in the request, so read
  // them there before the mock monitor handles it.
  const settings = require("@pulumi/pulumi/runtime/settings");
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: RegisterRequest, callback: unknown) => {
    dependenciesByName.set(`${request.getType()}::${request.getName()}`, request.getDependenciesList());
    return register(request, callback);
  };

  const program = require(path.resolve(args.program));
  await (settings.waitForRPCs as () => Promise<void>)();
  const outputs: WireObject = {};
  if (!args.preview) {
    for (const [key, value] of Object.entries(program as Record<string, unknown>)) {
      // Output.promise() (what the SDK itself awaits) rejects when the value failed, e.g. a resource whose Check
      // or Create the engine rejected: an apply() callback would just never run, and the program never end.
      const settled = await (pulumi.output(value) as unknown as { promise(): Promise<unknown> }).promise();
      const wire: Wire | undefined = toProviderWire(settled, pulumi.isUnknown);
      if (wire !== undefined) outputs[key] = wire;
    }
  }
  doneMessage = { kind: "done", outputs };
}

let doneMessage: RunnerMessage | undefined;

// A registration the engine rejected (a Check failure) surfaces as a rejected output inside the SDK.
const unhandled: string[] = [];
process.on("unhandledRejection", (err) => {
  unhandled.push(String((err as Error)?.message ?? err));
});

function finish(message: RunnerMessage): void {
  if (!process.connected) return;
  process.send!(message, () => process.disconnect());
}

main().then(
  async () => {
    // Node reports a promise rejected without a handler once the microtask queue has drained, before the next
    // macrotask: one turn of the event loop lets the rejections of outputs nobody awaited surface here.
    await new Promise((resolve) => setImmediate(resolve));
    if (unhandled.length) {
      process.exitCode = 1;
      finish({ kind: "failed", error: unhandled[0] });
    } else finish(doneMessage!);
  },
  (err: Error) => {
    process.exitCode = 1;
    finish({ kind: "failed", error: err.message });
  },
);
