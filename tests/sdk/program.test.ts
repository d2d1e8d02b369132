import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";

/** Values that must never reach the serialized provider or the registered inputs. */
const SECRET = "cliq-test-client-secret-5f2a9b";
const REFRESH = "1000.cliq-test-refresh-token.77e1";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}

const registrations: Registration[] = [];

/** Mocks are process-wide (the last `setMocks` wins), so this suite installs its own before it runs. */
function useProgramMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
        const computed: Record<string, unknown> = {};
        if (args.type.endsWith(":Bot")) {
          computed.uniqueName = String(args.inputs.name ?? "looked-up")
            .toLowerCase()
            .replace(/[^a-z0-9]/g, "");
          computed.botId = "53719000002198034";
        }
        return {
          id: args.id || (args.type.endsWith(":Bot") ? "53719000002198034" : `${args.name}-id`),
          state: { ...args.inputs, ...computed },
        };
      },
      call() {
        return {};
      },
    },
    "cliq-project",
    "dev",
    false,
  );
}

function output<T>(value: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => value.apply((v) => resolve(v)));
}

describe("SDK program registrations (pulumi.runtime.setMocks)", () => {
  let cliq: typeof import("../../sdk");
  before(async () => {
    useProgramMocks();
    process.env.CLIQ_CLIENT_SECRET = SECRET;
    process.env.CLIQ_REFRESH_TOKEN = REFRESH;
    process.env.CLIQ_CLIENT_ID = "1000.CLIENTID";
    cliq = await import("../../sdk");
  });
  after(() => {
    delete process.env.CLIQ_CLIENT_SECRET;
    delete process.env.CLIQ_REFRESH_TOKEN;
    delete process.env.CLIQ_CLIENT_ID;
  });

  async function runReadmeProgram(): Promise<{ bot: InstanceType<typeof cliq.Bot> }> {
    registrations.length = 0;
    const bot = new cliq.Bot("alerts", {
      name: "Pipeline Alerts",
      description: "CI/CD alerts",
      scope: "team",
      teamIds: ["98765432"],
      executionType: "webhook",
      executionUrl: "https://ci.example.com/cliq",
      channelParticipation: ["listen_message", "send_message"],
      statusMessages: ["Watching your pipelines"],
      calls: "enabled",
    });
    const messages = new cliq.BotHandler("alerts-messages", {
      botId: bot.id,
      type: "message_handler",
      permissions: ["chat", "user"],
    });
    const menu = new cliq.BotHandler("help-menu", {
      botId: bot.id,
      type: "menu_handler",
      name: "Help",
      icon: "wand/FF5733",
      permissions: ["chat"],
      subActions: [{ name: "Docs" }],
    });
    const association = new cliq.ChannelAssociation("alerts-in-ops", {
      botUniqueName: bot.uniqueName,
      channelUniqueName: "ops",
    });
    // Every resource's id resolves only after its registration: waiting on all of them means all registered.
    await output(pulumi.all([bot.id, messages.id, menu.id, association.id]));
    return { bot };
  }

  it("registers the README program's resources under cliq type names with camelCase inputs", async () => {
    const { bot } = await runReadmeProgram();
    const byName = new Map(registrations.map((r) => [r.name, r]));
    assert.deepEqual([...byName.entries()].map(([name, r]) => [r.type, name]).sort(), [
      ["pulumi-nodejs:dynamic/cliq:Bot", "alerts"],
      ["pulumi-nodejs:dynamic/cliq:BotHandler", "alerts-messages"],
      ["pulumi-nodejs:dynamic/cliq:BotHandler", "help-menu"],
      ["pulumi-nodejs:dynamic/cliq:ChannelAssociation", "alerts-in-ops"],
    ]);
    const [botReg, messages, menu, association] = [
      "alerts",
      "alerts-messages",
      "help-menu",
      "alerts-in-ops",
    ].map((name) => byName.get(name)!);
    assert.equal(botReg.inputs.executionUrl, "https://ci.example.com/cliq");
    assert.deepEqual(botReg.inputs.teamIds, ["98765432"]);
    assert.equal(messages.inputs.botId, "53719000002198034");
    assert.deepEqual(menu.inputs.subActions, [{ name: "Docs" }]);
    assert.equal(association.inputs.botUniqueName, "pipelinealerts");
    assert.equal(await output(bot.uniqueName), "pipelinealerts");
  });

  it("stores a small provider shim that requires the package by name and holds no secret or path", async () => {
    await runReadmeProgram();
    const byType = new Map<string, string>();
    for (const registration of registrations) {
      const provider = registration.inputs.__provider;
      assert.equal(typeof provider, "string", `${registration.type} has no __provider`);
      byType.set(registration.type.split(":").pop()!, provider as string);
    }
    for (const [kind, text] of byType) {
      const bytes = Buffer.byteLength(text, "utf8");
      console.log(`      serialized provider for ${kind}: ${bytes} bytes`);
      assert.match(text, /require\("pulumi-zoho-cliq\/provider"\)/);
      assert.ok(bytes < 2500, `${kind} shim is ${bytes} bytes`);
      assert.ok(!text.includes(SECRET) && !text.includes(REFRESH), `${kind} shim contains a credential`);
      assert.ok(!text.includes(process.cwd()) && !text.includes("/work/"), `${kind} shim contains a path`);
      assert.ok(!/zod|axios|lossless/i.test(text), `${kind} shim captured implementation code`);
    }
  });

  it("never puts credentials into any registered input", async () => {
    await runReadmeProgram();
    for (const registration of registrations) {
      for (const [key, value] of Object.entries(registration.inputs)) {
        const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
        assert.ok(
          !text.includes(SECRET) && !text.includes(REFRESH),
          `${registration.name}.${key} holds a credential`,
        );
      }
    }
  });

  it("looks up an existing bot by id with Bot.get, registering a read rather than a create", async () => {
    registrations.length = 0;
    const bot = cliq.Bot.get("existing", "b-53719000001878011");
    assert.ok(bot instanceof cliq.Bot);
    assert.equal(await output(bot.id), "b-53719000001878011");
    const [registration] = registrations;
    assert.equal(registration.type, "pulumi-nodejs:dynamic/cliq:Bot");
    assert.equal(registration.id, "b-53719000001878011");
  });

  it("looks up handlers and channel associations by their composite ids", async () => {
    registrations.length = 0;
    const handler = cliq.BotHandler.get("h", "53719000001878011/menu_handler/53719000001878017");
    const association = cliq.ChannelAssociation.get("a", "alerts/ops");
    await output(pulumi.all([handler.id, association.id]));
    assert.deepEqual(registrations.map((r) => [r.type, r.id]).sort(), [
      ["pulumi-nodejs:dynamic/cliq:BotHandler", "53719000001878011/menu_handler/53719000001878017"],
      ["pulumi-nodejs:dynamic/cliq:ChannelAssociation", "alerts/ops"],
    ]);
  });
});
