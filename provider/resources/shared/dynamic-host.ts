/**
 * What the providers need inside Pulumi's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), the
 * process the engine starts for dynamic resources, beyond what the plugin needs.
 *
 * That host answers a failed `check`, `diff`, `read` or `delete` with the error's message (the engine shows it on
 * the resource), and also writes `${error}: ${error.stack}` to stderr, which the engine shows a second time on
 * the Stack, stack frames included. For an error the user caused (a refused setting, a refusal of Cliq) that
 * second copy is noise: its frames point into this package, not at anything the user can change. So such an
 * error's echo is dropped from stderr; an error of any other kind (a TypeError: a bug here) keeps its stack,
 * which is what a bug report needs.
 *
 * The host also gives a provider no way to tell the engine which resource a line is about (no URN reaches it),
 * so a wait announcement (client/progress.ts) names the resource itself: `cliq:BotHandler 123/message_handler:
 * waiting 42 s: Cliq allows 10 handler reads per minute`. The engine shows it on the Stack, as it happens.
 */
import { withWaitReporter } from "../../client/progress";
import { CliqConfigError } from "../../config";
import { withRecordedConfigNote } from "./hints";
import type { CliqResourceProvider, ProviderKind } from "./provider-deps";

/** Native error classes that mean a bug rather than a refusal; their stack stays visible. */
const BUG_CLASSES = ["TypeError", "ReferenceError", "RangeError", "SyntaxError", "EvalError", "URIError"];

/** Whether an error is one the user caused (and its message says all): anything thrown on purpose. */
export function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && !BUG_CLASSES.includes(error.constructor.name);
}

/** The line the host writes for a failed check, diff, read or delete (cmd/dynamic-provider, every version since 3.0). */
export function hostEcho(error: Error): string {
  return `${String(error)}: ${error.stack}`;
}

/** Echoes expected and not yet seen; bounded, in case a host version stops echoing. */
const expectedEchoes: string[] = [];
const MAX_EXPECTED = 64;
let filterInstalled = false;

/**
 * Drops the host's echo of errors registered by `expectEcho`: exactly that text, once. Every other line passes
 * through unchanged (other dynamic providers of the program share the host process).
 */
function installEchoFilter(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string") {
      const index = expectedEchoes.indexOf(args[0]);
      if (index !== -1) {
        expectedEchoes.splice(index, 1);
        return;
      }
    }
    original(...args);
  };
}

function expectEcho(error: unknown): void {
  if (!isUserFacing(error)) return;
  installEchoFilter();
  expectedEchoes.push(hostEcho(error));
  if (expectedEchoes.length > MAX_EXPECTED) expectedEchoes.shift();
}

/** Runs a method whose failure the host echoes, registering the echo of a user-facing error first. */
async function echoed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    expectEcho(error);
    throw error;
  }
}

/** Runs a refresh's or destroy's call: a refused setting says where its configuration came from. */
async function fromRecordedConfig<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw withRecordedConfigNote(error, "dynamic");
  }
}

/**
 * The host's `configure`: a refused setting is kept by the configuration and raised by every later call, so it
 * is not thrown here, where it would reach the user through whichever call came first, without the note that
 * refresh and destroy add. Any other failure is thrown as it is.
 */
async function configureKeepingRefusal(
  provider: CliqResourceProvider,
  req: Parameters<CliqResourceProvider["configure"]>[0],
): Promise<void> {
  try {
    await provider.configure(req);
  } catch (error) {
    if (!(error instanceof CliqConfigError)) throw error;
  }
}

/** The type names the SDK gives the kinds (`cliq:Bot`, as previews show them). */
const TYPE_NAMES: Record<ProviderKind, string> = {
  bot: "Bot",
  botHandler: "BotHandler",
  channelAssociation: "ChannelAssociation",
};

function text(value: unknown): string {
  return typeof value === "string" ? value : "?";
}

/**
 * How a resource being created is named before it has an id: by the ids and enums that will make its id, never by
 * free text (a bot's or menu's name): the host hands secret inputs over unmarked, and this line is printed as is.
 */
export function createSubject(kind: ProviderKind, inputs: Record<string, unknown>): string {
  switch (kind) {
    case "bot":
      return "(being created)";
    case "botHandler":
      return `${text(inputs.botId)}/${text(inputs.type)}`;
    case "channelAssociation":
      return `${text(inputs.botUniqueName)}/${text(inputs.channelUniqueName)}`;
  }
}

/** Writes a progress line where the engine shows it (the host's stdout, after its port line). */
export type ProgressSink = (line: string) => void;

const stdoutSink: ProgressSink = (line) => void process.stdout.write(`${line}\n`);

/** Runs `call` with its waits announced on a line naming the resource. */
function announcing<T>(
  sink: ProgressSink,
  kind: ProviderKind,
  subject: string,
  call: () => Promise<T>,
): Promise<T> {
  const label = `cliq:${TYPE_NAMES[kind]} ${subject}`;
  return withWaitReporter((line) => sink(`${label}: ${line}`), call);
}

/**
 * A provider as the dynamic-provider host should run it: a user-facing error is shown once, without frames, and
 * a long wait is announced naming the resource.
 */
export function forDynamicHost(
  kind: ProviderKind,
  provider: CliqResourceProvider,
  sink: ProgressSink = stdoutSink,
): CliqResourceProvider {
  return {
    configure: (req) => echoed(() => configureKeepingRefusal(provider, req)),
    check: (olds, news) => echoed(() => provider.check(olds, news)),
    diff: (id, olds, news) => echoed(() => provider.diff(id, olds, news)),
    create: (inputs) => announcing(sink, kind, createSubject(kind, inputs), () => provider.create(inputs)),
    read: (id, props) =>
      echoed(() => fromRecordedConfig(() => announcing(sink, kind, id, () => provider.read(id, props)))),
    update: (id, olds, news) => announcing(sink, kind, id, () => provider.update(id, olds, news)),
    delete: (id, props) =>
      echoed(() => fromRecordedConfig(() => announcing(sink, kind, id, () => provider.delete(id, props)))),
  };
}
