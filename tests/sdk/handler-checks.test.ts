import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { deferredProblems, executionTypeProblem, handlerCountProblem } from "../../sdk/handler-checks";

const registered: string[] = [];

function useMocks(preview: boolean): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(args.name);
        return { id: args.id || `${args.name}-id`, state: { ...args.inputs, botId: "53719000002198034" } };
      },
      call: () => ({}),
    },
    "cliq-project",
    "dev",
    preview,
  );
}

function resolved<T>(value: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => value.apply((v) => resolve(v)));
}

/**
 * Runs `body` with unhandled rejections captured instead of failing mocha: Pulumi's program runner reports an
 * error thrown in an `apply` that way, so this is where a deferred check's `ResourceError` surfaces.
 */
async function capturingRejections(body: () => Promise<void>): Promise<unknown[]> {
  const previous = process.listeners("unhandledRejection");
  const caught: unknown[] = [];
  const capture = (reason: unknown) => caught.push(reason);
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", capture);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.removeListener("unhandledRejection", capture);
    for (const listener of previous) process.on("unhandledRejection", listener);
  }
  return caught;
}

describe("SDK preview-time checks across a bot and its handlers", () => {
  let cliq: typeof import("../../sdk");
  before(async () => {
    cliq = await import("../../sdk");
  });
  beforeEach(() => {
    registered.length = 0;
    useMocks(true);
  });

  const webhookBot = (name: string) =>
    new cliq.Bot(name, {
      name,
      description: "d",
      executionType: "webhook",
      executionUrl: "https://ci.example.com/cliq",
    });
  const delugeBot = (name: string) => new cliq.Bot(name, { name, description: "d" });

  it("refuses a second handler of one type on the same Bot before registering it, naming type and the limit", () => {
    const bot = webhookBot("dup");
    new cliq.BotHandler("dup-messages", { botId: bot, type: "message_handler", permissions: ["chat"] });
    assert.throws(
      () =>
        new cliq.BotHandler("dup-messages-2", { botId: bot, type: "message_handler", permissions: ["user"] }),
      (error: Error) => {
        assert.ok(pulumi.ResourceError.isInstance(error));
        assert.match(error.message, /^BotHandler "dup-messages-2": type: a bot has one handler of each type/);
        assert.match(error.message, /BotHandler "dup-messages" of this program already gives bot "dup"/);
        return true;
      },
    );
    assert.equal(registered.includes("dup-messages-2"), false);
  });

  it("also knows the bot when the handler is given bot.id or bot.botId", () => {
    const bot = delugeBot("byid");
    new cliq.BotHandler("byid-welcome", { botId: bot.id, type: "welcome_handler", script: "info 1;" });
    assert.throws(
      () =>
        new cliq.BotHandler("byid-welcome-2", { botId: bot.botId, type: "welcome_handler", script: "x;" }),
      /type: a bot has one handler of each type/,
    );
  });

  it("allows five menu handlers on a bot and refuses the sixth, naming the limit", () => {
    const bot = delugeBot("menus");
    for (let index = 1; index <= 5; index++) {
      new cliq.BotHandler(`menu-${index}`, {
        botId: bot,
        type: "menu_handler",
        name: `M${index}`,
        script: "x;",
      });
    }
    assert.throws(
      () => new cliq.BotHandler("menu-6", { botId: bot, type: "menu_handler", name: "M6", script: "x;" }),
      /BotHandler "menu-6": type: a bot has at most 5 menu handlers, and bot "menus" already has 5 in this program \(menu-1, menu-2, menu-3, menu-4, menu-5\)/,
    );
  });

  it("leaves handlers of different bots, and bots given as plain ids, to the provider", () => {
    const first = delugeBot("first");
    const second = delugeBot("second");
    new cliq.BotHandler("first-welcome", { botId: first, type: "welcome_handler", script: "x;" });
    new cliq.BotHandler("second-welcome", { botId: second, type: "welcome_handler", script: "x;" });
    new cliq.BotHandler("plain-1", {
      botId: "53719000002198034",
      type: "welcome_handler",
      permissions: ["user"],
    });
    new cliq.BotHandler("plain-2", {
      botId: "53719000002198034",
      type: "welcome_handler",
      permissions: ["user"],
    });
  });

  it("refuses a script on a webhook bot's handler and permissions on a Deluge bot's handler", () => {
    const hook = webhookBot("hook");
    assert.throws(
      () => new cliq.BotHandler("hook-welcome", { botId: hook, type: "welcome_handler", script: "x;" }),
      /BotHandler "hook-welcome": script: bot "hook" is a webhook bot \(executionType "webhook"\); its handlers take permissions, not script/,
    );
    const deluge = delugeBot("dg");
    assert.throws(
      () =>
        new cliq.BotHandler("dg-welcome", { botId: deluge, type: "welcome_handler", permissions: ["user"] }),
      /permissions: bot "dg" is a Deluge bot \(executionType left to its default, "deluge"\); its handlers take a script/,
    );
  });

  it("accepts the matching argument for each execution type", () => {
    new cliq.BotHandler("ok-hook", {
      botId: webhookBot("okhook"),
      type: "message_handler",
      permissions: ["chat"],
    });
    new cliq.BotHandler("ok-dg", { botId: delugeBot("okdg"), type: "message_handler", script: "x;" });
  });

  it("skips the execution-type check for a bot from Bot.get, whose type only Cliq knows", () => {
    const existing = cliq.Bot.get("existing", "53719000002198034");
    new cliq.BotHandler("existing-welcome", {
      botId: existing,
      type: "welcome_handler",
      permissions: ["user"],
    });
  });

  it("never fails on values unknown during a preview", async () => {
    const bot = new cliq.Bot("unknowns", {
      name: "unknowns",
      description: "d",
      executionType: pulumi.output(pulumi.unknown as unknown as "webhook"),
    });
    const unknownType = pulumi.output(pulumi.unknown as unknown as "welcome_handler");
    const first = new cliq.BotHandler("u-1", { botId: bot, type: unknownType, script: "x;" });
    const second = new cliq.BotHandler("u-2", { botId: bot, type: "welcome_handler", script: "x;" });
    const caught = await capturingRejections(async () => {
      await resolved(pulumi.all([first.urn, second.urn]));
    });
    assert.deepEqual(caught, []);
    assert.ok(registered.includes("u-1") && registered.includes("u-2"));
  });

  it("checks outputs when they resolve and fails the program through Pulumi's error reporting", async () => {
    const bot = delugeBot("later");
    new cliq.BotHandler("later-1", { botId: bot, type: "message_handler", script: "x;" });
    const late = new cliq.BotHandler("later-2", {
      botId: bot,
      type: pulumi.output(Promise.resolve("message_handler" as const)),
      script: pulumi.output("x;"),
    });
    let problems: string[] = [];
    const caught = await capturingRejections(async () => {
      problems = await resolved(deferredProblems(late)!);
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /BotHandler "later-2": type: a bot has one handler of each type/);
    assert.ok(
      caught.some((reason) => pulumi.ResourceError.isInstance(reason) && reason.message === problems[0]),
    );
  });
});

describe("handler check messages", () => {
  it("counts only earlier handlers of the same type", () => {
    const earlier = [
      { name: "a", type: "message_handler" },
      { name: "b", type: "menu_handler" },
    ];
    assert.equal(handlerCountProblem({ name: "c", type: "welcome_handler" }, earlier, "bot"), undefined);
    assert.equal(handlerCountProblem({ name: "c", type: "menu_handler" }, earlier, "bot"), undefined);
    assert.match(
      handlerCountProblem({ name: "c", type: "message_handler" }, earlier, "bot")!,
      /^BotHandler "c": type:/,
    );
  });

  it("names the missing argument when a handler gives neither script nor permissions", () => {
    const none = { script: false, permissions: false };
    assert.match(executionTypeProblem("h", "b", "webhook", none)!, /^BotHandler "h": permissions: required/);
    assert.match(executionTypeProblem("h", "b", "deluge", none)!, /^BotHandler "h": script: required/);
    assert.equal(executionTypeProblem("h", "b", undefined, { script: true, permissions: false }), undefined);
  });
});
