/**
 * The bot's id beside its unique name, which a ChannelAssociation given the `Bot` itself carries (`botId`).
 *
 * During `pulumi preview` of an in-place bot update, the engine knows the bot's id but not its outputs, so the
 * association's `botUniqueName` arrives unknown. A unique name is permanent (Cliq derives it once, at creation),
 * so when the id is the one the association recorded, the bot is the same and so is its unique name: the
 * association is unchanged. When the bot is replaced (or the association moves to another bot) the id is unknown
 * or different, and the association is replaced as before. The plain form (no `botId`) keeps the cautious
 * answer: an unknown unique name may differ, so it replaces.
 */
import { isBotId, toBareBotId } from "../../../cliq-api/operations";
import type { CliqResourceProvider } from "../shared/provider-deps";
import { describeInput, type CheckFailure } from "../shared/schemas";
import { isUnknown } from "../shared/unknown";

export const BOT_ID = "botId";

type Props = Record<string, unknown>;

/** Why a `botId` cannot be a bot id, or undefined (absent and not-yet-known values are fine). */
export function botIdProblem(value: unknown): string | undefined {
  if (value === undefined || isUnknown(value)) return undefined;
  if (typeof value === "string" && isBotId(value)) return undefined;
  return `must be a bot id: digits, optionally prefixed "b-" (got ${describeInput(value)})`;
}

/**
 * The inputs without `botId`, and `botId` in its bare form (as `Bot.id` gives it), if any. Anything that is not
 * an object of arguments passes through untouched, for the association's own check to name what is wrong.
 */
export function splitBotId(news: Props): { rest: Props; botId: unknown } {
  if (news === null || typeof news !== "object" || Array.isArray(news) || !(BOT_ID in news)) {
    return { rest: news, botId: undefined };
  }
  const { [BOT_ID]: botId, ...rest } = news;
  const bare = typeof botId === "string" && !isUnknown(botId) && isBotId(botId) ? toBareBotId(botId) : botId;
  return { rest, botId: bare };
}

/**
 * The new inputs as diff should compare them: an unknown `botUniqueName` stands for the recorded one when the
 * new `botId` is known and is the bot the association recorded (same bot, same permanent unique name).
 */
export function settleBotUniqueName(olds: Props, news: Props): Props {
  const oldName = olds.botUniqueName;
  const oldId = olds[BOT_ID];
  const newId = news[BOT_ID];
  const sameBot =
    typeof newId === "string" && !isUnknown(newId) && typeof oldId === "string" && oldId === newId;
  if (!isUnknown(news.botUniqueName) || !sameBot || typeof oldName !== "string" || oldName === "") {
    return news;
  }
  return { ...news, botUniqueName: oldName };
}

/**
 * Whether the recorded `botId` must be updated: a known new id that the outputs do not hold yet (state written
 * before the association was given the `Bot`). No API call: the update only records it. Leaving `botId` out
 * (back to the plain form) asks for nothing.
 */
export function botIdNeedsRecording(olds: Props, news: Props): boolean {
  const newId = news[BOT_ID];
  return typeof newId === "string" && !isUnknown(newId) && olds[BOT_ID] !== newId;
}

/** Outputs with the bot id added when there is one. */
export function withBotId(outs: Props | undefined, botId: unknown): Props | undefined {
  if (outs === undefined || typeof botId !== "string" || isUnknown(botId)) return outs;
  return { ...outs, [BOT_ID]: botId };
}

/** `check` of the wrapped provider: `botId` is validated here, everything else by the association's own check. */
async function checkWithBotId(inner: CliqResourceProvider, olds: Props, news: Props) {
  const { rest, botId } = splitBotId(news);
  const result = await inner.check(olds, rest);
  const problem = botIdProblem(botId);
  const failures: CheckFailure[] = problem ? [{ property: BOT_ID, reason: problem }] : [];
  const inputs = botId === undefined ? result.inputs : { ...result.inputs, [BOT_ID]: botId };
  return { inputs, failures: [...result.failures, ...failures] };
}

/** Wraps the ChannelAssociation provider so that it takes, records and uses `botId` as described above. */
export function withBotIdentity(inner: CliqResourceProvider): CliqResourceProvider {
  return {
    ...inner,
    check: (olds, news) => checkWithBotId(inner, olds ?? {}, news),
    async diff(id, olds, news) {
      const { rest } = splitBotId(settleBotUniqueName(olds, news));
      const result = await inner.diff(id, olds, rest);
      const record = !result.changes && botIdNeedsRecording(olds, news);
      return record ? { ...result, changes: true } : result;
    },
    async create(inputs) {
      const { rest, botId } = splitBotId(inputs);
      const result = await inner.create(rest);
      return { ...result, outs: withBotId(result.outs, botId) ?? result.outs };
    },
    async update(id, olds, news) {
      const { rest, botId } = splitBotId(news);
      const result = await inner.update(id, olds, rest);
      return { ...result, outs: withBotId(result.outs, botId) ?? result.outs };
    },
    async read(id, props) {
      const result = await inner.read(id, props);
      return result.props === undefined
        ? result
        : { ...result, props: withBotId(result.props, props?.[BOT_ID]) };
    },
  };
}
