/**
 * Telling the person running Pulumi why nothing seems to happen. A call that waits longer than a few seconds (for
 * a rate-limit slot, for the end of a Cliq lock, before a retry) says so once, with the reason, the limit and the
 * expected wait: `waiting 42 s: Cliq allows 10 handler reads per minute`. Whether and what to say are pure
 * functions of the wait; where it goes is the reporter of the call (`withWaitReporter`), so that a line lands on
 * the resource being worked on although one client serves every resource of the process.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { OPERATIONS, type OperationId } from "../../cliq-api/operations";
import type { WaitListener } from "./limiter";

/** Waits up to this long pass silently: a spinner that moves within five seconds needs no words. */
export const ANNOUNCE_AFTER_MS = 5000;

/** Whether a wait is long enough to be announced. */
export function announces(waitMs: number): boolean {
  return waitMs > ANNOUNCE_AFTER_MS;
}

/** What each operation counts, as a person would say it ("Cliq allows 10 <noun> per minute"). */
export const OPERATION_NOUNS: Readonly<Record<OperationId, string>> = {
  create_a_new_bot: "bot creations",
  list_all_bots: "bot listings",
  update_an_existing_bot: "bot updates",
  get_details_of_a_specific_bot: "bot reads",
  delete_a_specific_bot: "bot deletions",
  send_a_bot_message: "bot messages",
  send_an_incoming_webhook_message: "incoming webhook messages",
  Trigger_Bot_Calls: "bot calls",
  create_a_handler_for_a_bot: "handler creations",
  update_a_handler_for_a_bot: "handler updates",
  get_details_of_a_specific_bot_handler: "handler reads",
  delete_a_handler_from_a_bot: "handler deletions",
  associate_bot_to_channel: "channel joins",
  list_all_subscribers_of_a_bot: "subscriber listings",
};

/** `60` -> "minute", `300` -> "5 minutes". */
function period(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const minutes = seconds / 60;
  return minutes === 1 ? "minute" : `${minutes} minutes`;
}

/** Whole seconds, never "0 s" for a wait that is announced. */
function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

/** The clock the waits run on, when it is not Cliq's (the emulator's scaled time). */
function scaleNote(timeScale: number): string {
  return timeScale === 1
    ? ""
    : ` (time scale ${timeScale}: a minute of Cliq's lasts ${seconds(60_000 * timeScale)})`;
}

/** `Cliq allows 10 handler reads per minute`: an operation's limit. */
export function limitText(operationId: OperationId): string {
  const { requests, perSeconds } = OPERATIONS[operationId].rateLimit;
  return `Cliq allows ${requests} ${OPERATION_NOUNS[operationId]} per ${period(perSeconds)}`;
}

/** A wait for a rate-limit slot, or for the end of a lock the operation is under. */
export function slotWaitText(
  operationId: OperationId,
  waitMs: number,
  locked: boolean,
  timeScale: number,
): string {
  const { lockSeconds } = OPERATIONS[operationId].rateLimit;
  const why = locked
    ? `Cliq locked ${OPERATION_NOUNS[operationId]} for ${period(lockSeconds)} after its limit was passed ` +
      `(${limitText(operationId).replace(/^Cliq allows/, "it allows")})`
    : limitText(operationId);
  return `waiting ${seconds(waitMs)}: ${why}${scaleNote(timeScale)}`;
}

/** A limiter's listener that announces a queued request's wait through `say`, once it is known to be long. */
export function slotWaitListener(
  operationId: OperationId,
  timeScale: number,
  say: (message: string) => void,
): WaitListener {
  return (waitMs, locked) => {
    if (!announces(waitMs)) return false;
    say(slotWaitText(operationId, waitMs, locked, timeScale));
    return true;
  };
}

/** A wait before retrying a call that failed on Cliq's side or on the way. */
export function retryWaitText(
  what: string,
  failure: string,
  waitMs: number,
  retry: number,
  of: number,
): string {
  return `waiting ${seconds(waitMs)} before retry ${retry} of ${of}: ${what} failed (${failure})`;
}

/** Where a call's wait announcements go. */
export type WaitReporter = (message: string) => void;

const reporters = new AsyncLocalStorage<WaitReporter>();

/** Runs `work` with `reporter` receiving the announcements of every wait within it (every await included). */
export function withWaitReporter<T>(reporter: WaitReporter, work: () => Promise<T>): Promise<T> {
  return reporters.run(reporter, work);
}

/** The reporter of the current call; undefined outside `withWaitReporter` (the client's logger is used then). */
export function currentWaitReporter(): WaitReporter | undefined {
  return reporters.getStore();
}
