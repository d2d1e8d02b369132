/**
 * The plugin cannot be hung or crashed by one request: every RPC of the ResourceProvider service gets mutated
 * valid messages, truncations, lying length prefixes, a huge value and a deeply nested one, over real gRPC, and
 * must answer each (a result or an error) within a deadline, then still serve. The plugin runs as its own
 * process (`pulumi-resource-cliq`'s main), so a hang or a crash is seen, not suffered, by this test. It is
 * configured for an emulator on loopback; the fuzzed Configure messages carry no credentials and run last, and
 * engine addresses (Handshake, Attach) are kept out of the mutations: nothing it is sent reaches another host.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { PluginAttach } from "@pulumi/pulumi/proto/plugin_pb";
import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  deepStructField,
  delimited,
  lyingLengths,
  randomMutations,
  seededRandom,
  topLevelString,
  truncations,
} from "./wire-mutations";

const REPO = path.resolve(__dirname, "../..");
/** A hang: no answer within this long (a decode takes microseconds, a refused call milliseconds). */
const CALL_DEADLINE_MS = 10_000;
/** The whole fuzz's bound on time. */
const FUZZ_BUDGET_MS = 60_000;
const IN_FLIGHT = 8;
const FUZZ_TOKEN = "fuzz-static-access-token-5d1c";

const BOT = "urn:pulumi:dev::fuzz::cliq:index:Bot::bot";
const struct = (value: Record<string, unknown>) => Struct.fromJavaScript(value as never);
const botInputs = () =>
  struct({ name: "Fuzz bot", uniqueName: "fuzzbot", description: "x", channels: ["a"] });

/** One valid request per RPC (empty for those that take nothing), the bytes the mutations start from. */
function seeds(): Record<string, Uint8Array> {
  const check = new provproto.CheckRequest().setUrn(BOT).setType("cliq:index:Bot");
  check.setOlds(botInputs()).setNews(botInputs()).setRandomseed(Buffer.from("0123456789"));
  const diff = new provproto.DiffRequest().setId("123").setUrn(BOT).setOlds(botInputs()).setNews(botInputs());
  diff.setOldInputs(botInputs()).setIgnorechangesList(["description"]);
  const configure = new provproto.ConfigureRequest().setArgs(
    struct({ dataCenter: "com", tokenCache: false }),
  );
  configure.getVariablesMap().set("cliq:config:dataCenter", "com");
  return {
    handshake: new provproto.ProviderHandshakeRequest().setRootDirectory("/tmp").serializeBinary(),
    getSchema: new provproto.GetSchemaRequest().setVersion(0).serializeBinary(),
    checkConfig: new provproto.CheckRequest()
      .setUrn("urn:pulumi:dev::fuzz::pulumi:providers:cliq::org")
      .setNews(struct({ dataCenter: "com", version: "1.0.0" }))
      .serializeBinary(),
    diffConfig: diff.serializeBinary(),
    configure: configure.serializeBinary(),
    invoke: new provproto.InvokeRequest()
      .setTok("cliq:index:getBot")
      .setArgs(struct({ uniqueName: "fuzzbot" }))
      .serializeBinary(),
    check: check.serializeBinary(),
    diff: diff.serializeBinary(),
    create: new provproto.CreateRequest()
      .setUrn(BOT)
      .setProperties(botInputs())
      .setTimeout(30)
      .serializeBinary(),
    read: new provproto.ReadRequest().setId("1").setUrn(BOT).setProperties(botInputs()).serializeBinary(),
    update: new provproto.UpdateRequest()
      .setId("1")
      .setUrn(BOT)
      .setOlds(botInputs())
      .setNews(botInputs())
      .serializeBinary(),
    delete: new provproto.DeleteRequest().setId("1").setUrn(BOT).setProperties(botInputs()).serializeBinary(),
    cancel: new Empty().serializeBinary(),
    getPluginInfo: new Empty().serializeBinary(),
    attach: new PluginAttach().serializeBinary(),
    getMapping: new provproto.GetMappingRequest().setKey("terraform").serializeBinary(),
    getMappings: new provproto.GetMappingsRequest().setKey("terraform").serializeBinary(),
    parameterize: new provproto.ParameterizeRequest().serializeBinary(),
    call: new provproto.CallRequest().setTok("cliq:index:x").serializeBinary(),
    construct: new provproto.ConstructRequest().setType("cliq:index:X").serializeBinary(),
  };
}

/** The field of a request that names an address the plugin connects to (its engine): kept out of the fuzz. */
const ADDRESS_FIELD: Record<string, number> = { handshake: 1, attach: 1 };

/** The hostile messages for one RPC, from its seed. */
function messagesFor(method: string, seed: Buffer, random: () => number): Buffer[] {
  const all = [
    seed,
    Buffer.from("0affffffff0f", "hex"),
    Buffer.concat([seed, Buffer.from("0affffffff0f", "hex")]),
    ...truncations(seed, 30),
    ...lyingLengths(seed),
    ...randomMutations(seed, 60, random),
    // Huge: an 8 MiB value in field 3 (a struct or a string in most requests).
    Buffer.concat([seed, delimited(3, Buffer.alloc(8 * 1024 * 1024, 0x61))]),
    // Deep: a Struct nested 50,000 levels, where a struct goes (or, for other requests, an unknown field).
    Buffer.concat([seed, deepStructField(method === "check" || method === "checkConfig" ? 3 : 2, 50_000)]),
  ];
  const addressField = ADDRESS_FIELD[method];
  // A mutated address would send the plugin's log connection to some host: only messages without one go.
  return addressField === undefined
    ? all
    : all.filter((bytes) => topLevelString(bytes, addressField) === undefined);
}

interface Plugin {
  child: ChildProcess;
  port: number;
  stderr: string[];
}

async function startPluginProcess(): Promise<Plugin> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-fuzz-"));
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(REPO, "provider/plugin/main.ts")],
    {
      cwd: REPO,
      // No credentials, no data center, nothing inherited: the plugin has nowhere to send a request.
      env: { PATH: process.env.PATH ?? "", HOME: home, CLIQ_TOKEN_CACHE_DIR: path.join(home, "cache") },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(Number(out.split("\n")[0]));
    });
    child.once("exit", (code) =>
      reject(new Error(`the plugin exited (${code}) before its port: ${stderr.join("")}`)),
    );
  });
  return { child, port, stderr };
}

type Answer = { ok: true } | { ok: false; code: grpc.status; details: string };

function rawCall(client: grpc.Client, method: string, bytes: Buffer): Promise<Answer> {
  const definition = (ResourceProviderService as unknown as Record<string, { path: string }>)[method];
  const identity = (value: Buffer) => value;
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      definition.path,
      identity,
      identity,
      bytes,
      new grpc.Metadata(),
      { deadline: Date.now() + CALL_DEADLINE_MS },
      (error) => resolve(error ? { ok: false, code: error.code, details: error.details } : { ok: true }),
    );
  });
}

/** The configuration RPCs go last: a mutated Configure replaces the configured instance the others run on. */
const CONFIGURATION_RPCS = new Set(["configure", "checkConfig", "diffConfig"]);

/** Every hostile message, resource and function RPCs first. */
function fuzzQueue(): Array<[string, Buffer]> {
  const random = seededRandom(20_261_206);
  const queue: Array<[string, Buffer]> = [];
  for (const [method, seed] of Object.entries(seeds())) {
    for (const bytes of messagesFor(method, Buffer.from(seed), random)) queue.push([method, bytes]);
  }
  return [
    ...queue.filter(([method]) => !CONFIGURATION_RPCS.has(method)),
    ...queue.filter(([method]) => CONFIGURATION_RPCS.has(method)),
  ];
}

interface FuzzCounts {
  messages: number;
  rpcs: Set<string>;
  results: number;
  errors: number;
  hangs: number;
  firstHang?: string;
}

/** Sends the queue, IN_FLIGHT at a time; stops at the first message left unanswered or past the budget. */
async function runFuzz(client: grpc.Client, queue: Array<[string, Buffer]>): Promise<FuzzCounts> {
  const started = Date.now();
  const counts: FuzzCounts = { messages: 0, rpcs: new Set(), results: 0, errors: 0, hangs: 0 };
  const worker = async () => {
    for (let next = queue.shift(); next && counts.firstHang === undefined; next = queue.shift()) {
      const [method, bytes] = next;
      const answer = await rawCall(client, method, bytes);
      counts.messages++;
      counts.rpcs.add(method);
      if (answer.ok) counts.results++;
      else if (answer.code === grpc.status.DEADLINE_EXCEEDED || answer.code === grpc.status.UNAVAILABLE) {
        counts.hangs++;
        counts.firstHang ??= `${method} ${bytes.subarray(0, 64).toString("hex")} (${bytes.length} bytes): ${answer.details}`;
      } else counts.errors++;
      if (Date.now() - started > FUZZ_BUDGET_MS)
        counts.firstHang ??= `the fuzz ran past ${FUZZ_BUDGET_MS} ms`;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return counts;
}

describe("the plugin under a gRPC fuzz of every RPC", function () {
  this.timeout(FUZZ_BUDGET_MS + 30_000);
  let emulator: RunningEmulator | undefined;
  let plugin: Plugin | undefined;
  let client: grpc.Client | undefined;

  after(async () => {
    client?.close();
    plugin?.child.kill("SIGKILL");
    await emulator?.close();
  });

  it("answers every message (a result or an error) within the deadline, never crashes, and still serves", async () => {
    // Configured for an emulator on loopback, so that Check, Diff, Create, Read, Update, Delete and Invoke run their
    // own code on what they are sent, not just a refusal; the fuzzed Configure messages carry no credentials.
    emulator = await startEmulator({ port: 0, tokens: [FUZZ_TOKEN], rateLimits: false });
    plugin = await startPluginProcess();
    client = new grpc.Client(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure(), {
      "grpc.max_send_message_length": 64 * 1024 * 1024,
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
    });
    let exited: number | string | null | undefined;
    plugin.child.once("exit", (code, signal) => (exited = code ?? signal));
    const configure = new provproto.ConfigureRequest().setArgs(
      struct({
        apiUrl: emulator.apiUrl,
        accountsUrl: emulator.url,
        accessToken: FUZZ_TOKEN,
        tokenCache: false,
      }),
    );
    assert.deepEqual(await rawCall(client, "configure", Buffer.from(configure.serializeBinary())), {
      ok: true,
    });
    const started = Date.now();
    const counts = await runFuzz(client, fuzzQueue());
    const elapsed = Date.now() - started;
    const crashes = exited === undefined ? 0 : 1;
    console.log(
      `      fuzz: ${counts.messages} messages over ${counts.rpcs.size} RPCs in ${elapsed} ms: ` +
        `${counts.results} results, ${counts.errors} errors, ${counts.hangs} hangs, ${crashes} crashes`,
    );
    assert.equal(counts.firstHang, undefined, "a message the plugin did not answer");
    assert.equal(exited, undefined, `the plugin exited: ${plugin.stderr.join("").slice(-2000)}`);
    assert.equal(counts.rpcs.size, Object.keys(ResourceProviderService).length - 1); // all but List (a stream)
    assert.ok(elapsed < FUZZ_BUDGET_MS, `the fuzz took ${elapsed} ms`);
    // Still serving: valid requests get results.
    const info = await rawCall(client, "getPluginInfo", Buffer.from(new Empty().serializeBinary()));
    assert.deepEqual(info, { ok: true });
    assert.deepEqual(await rawCall(client, "checkConfig", Buffer.from(seeds().checkConfig)), { ok: true });
  });
});
