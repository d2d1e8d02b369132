/**
 * Preview-time checks that need more than one resource. The provider's `check` sees one handler at a time and
 * not its bot's arguments, so without these a second `message_handler` of one bot, a sixth menu handler, or a
 * `script` on a webhook bot's handler fails only at `pulumi up`, after the bot and the first handler were made.
 * The program knows more: when a handler is given the `Bot` itself (or its `id` / `botId` output), the other
 * handlers of that bot and the bot's `executionType` are right there.
 *
 * Values known while the program runs are checked at once (the handler is then never registered). Values that
 * are outputs are checked when they resolve; an output unknown during a preview is never checked, so an unknown
 * can never cause a false failure.
 */
import * as pulumi from "@pulumi/pulumi";
import { MAX_MENU_HANDLERS_PER_BOT } from "../cliq-api/operations";
import { botRecordOf, type BotRecord, type DeclaredHandler } from "./bot-registry";

/** What the checks read of a handler's arguments. */
export interface HandlerArgsForChecks {
  botId: unknown;
  type: pulumi.Input<string>;
  script?: pulumi.Input<string>;
  permissions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A handler with its type resolved. */
interface TypedHandler {
  name: string;
  type: string;
}

/** Whether a value is known now (not an output or a promise); an array counts as present whatever it holds. */
function isPlain(value: unknown): boolean {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * Why `handler` cannot join the handlers declared before it on the same bot, or undefined: one handler of each
 * type per bot, except menu handlers, of which a bot has at most five.
 */
export function handlerCountProblem(
  handler: TypedHandler,
  earlier: readonly TypedHandler[],
  botName: string,
): string | undefined {
  const sameType = earlier.filter((other) => other.type === handler.type);
  if (handler.type === "menu_handler") {
    if (sameType.length < MAX_MENU_HANDLERS_PER_BOT) return undefined;
    return (
      `BotHandler "${handler.name}": type: a bot has at most ${MAX_MENU_HANDLERS_PER_BOT} menu handlers, and bot ` +
      `"${botName}" already has ${sameType.length} in this program (${sameType.map((h) => h.name).join(", ")}). ` +
      "Remove one, or move the action into another menu's subActions."
    );
  }
  if (sameType.length === 0) return undefined;
  return (
    `BotHandler "${handler.name}": type: a bot has one handler of each type (only menu_handler may repeat, up ` +
    `to ${MAX_MENU_HANDLERS_PER_BOT}), and BotHandler "${sameType[0]!.name}" of this program already gives bot ` +
    `"${botName}" its ${handler.type}. Remove one of them, or give it another type.`
  );
}

/**
 * Why a handler's `script` / `permissions` do not fit its bot's execution type, or undefined. Deluge bots'
 * handlers take a script, webhook bots' handlers take permissions (`executionType` undefined: `deluge`).
 */
export function executionTypeProblem(
  handlerName: string,
  botName: string,
  executionType: string | undefined,
  given: { script: boolean; permissions: boolean },
): string | undefined {
  const webhook = executionType === "webhook";
  const kind = webhook
    ? `bot "${botName}" is a webhook bot (executionType "webhook")`
    : `bot "${botName}" is a Deluge bot (executionType ${executionType === undefined ? "left to its default, " : ""}"deluge")`;
  const prefix = `BotHandler "${handlerName}":`;
  if (webhook && given.script) return `${prefix} script: ${kind}; its handlers take permissions, not script.`;
  if (webhook && !given.permissions)
    return `${prefix} permissions: required, since ${kind}; give up to 5 from the handler type's row.`;
  if (!webhook && given.permissions)
    return `${prefix} permissions: ${kind}; its handlers take a script (<= 250 KB of Deluge), not permissions.`;
  if (!webhook && !given.script)
    return `${prefix} script: required, since ${kind}; give the handler's Deluge source (<= 250 KB).`;
  return undefined;
}

/** Checks of one handler whose values are outputs, run when they resolve; each yields its problem or undefined. */
export type DeferredChecks = pulumi.Output<string | undefined>[];

function fail(problem: string | undefined): void {
  if (problem !== undefined) throw new pulumi.ResourceError(problem, undefined, true);
}

function checkCount(
  name: string,
  type: pulumi.Input<string>,
  record: BotRecord,
  deferred: DeferredChecks,
): void {
  const earlier: DeclaredHandler[] = [...record.handlers];
  if ([type, ...earlier.map((handler) => handler.type)].every(isPlain)) {
    const typed = earlier.map((handler) => ({ name: handler.name, type: handler.type as string }));
    fail(handlerCountProblem({ name, type: type as string }, typed, record.name));
    return;
  }
  const types = pulumi.all([type, ...earlier.map((handler) => handler.type)]);
  deferred.push(
    types.apply(([own, ...others]) =>
      handlerCountProblem(
        { name, type: own! },
        earlier.map((handler, index) => ({ name: handler.name, type: others[index]! })),
        record.name,
      ),
    ),
  );
}

function checkExecutionType(
  name: string,
  args: HandlerArgsForChecks,
  record: BotRecord,
  deferred: DeferredChecks,
): void {
  const values: unknown[] = [record.executionType, args.script, args.permissions];
  const problem = ([executionType, script, permissions]: unknown[]) =>
    executionTypeProblem(name, record.name, executionType as string | undefined, {
      script: script !== undefined,
      permissions: permissions !== undefined,
    });
  if (values.every(isPlain)) {
    fail(problem(values));
    return;
  }
  deferred.push(pulumi.all(values).apply((resolved) => problem(resolved)));
}

/**
 * Checks a handler against the other handlers the program gave the same bot and against the bot's execution
 * type, and records it on the bot. Throws a `ResourceError` (no stack: the message says it all) for a problem in
 * values known now; returns the checks that wait for outputs. Does nothing when the bot is a plain id or name.
 */
export function checkHandlerOnBot(name: string, args: HandlerArgsForChecks | undefined): DeferredChecks {
  const record = args === undefined ? undefined : botRecordOf(args.botId);
  if (args === undefined || record === undefined) return [];
  const deferred: DeferredChecks = [];
  checkCount(name, args.type, record, deferred);
  if (record.declared) checkExecutionType(name, args, record, deferred);
  record.handlers.push({ name, type: args.type });
  return deferred;
}

/** The resolved outcome of each handler's deferred checks (its problems), for tests and diagnostics. */
const outcomes = new WeakMap<object, pulumi.Output<string[]>>();

/**
 * Fails the program when a deferred check of `resource` finds a problem: the `ResourceError` thrown in the
 * `apply` is reported by Pulumi's program runner like any error thrown in an apply (the preview fails, naming
 * the resource, without a stack trace).
 */
export function reportDeferred(resource: pulumi.Resource, deferred: DeferredChecks): void {
  if (deferred.length === 0) return;
  const problems = pulumi.all(deferred).apply((found) => found.filter((p): p is string => p !== undefined));
  outcomes.set(resource, problems);
  problems.apply((found) => {
    if (found.length > 0) throw new pulumi.ResourceError(found.join("\n"), resource, true);
  });
}

/** The problems a resource's deferred checks found, once resolved; undefined when none was deferred. */
export function deferredProblems(resource: object): pulumi.Output<string[]> | undefined {
  return outcomes.get(resource);
}
