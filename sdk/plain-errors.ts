/**
 * Errors of the SDK's own calls in a program (`getBot`, `listBots`) as Pulumi's program runner should print
 * them. The runner prints "failed with an unhandled exception" and the stack for any error, except a `RunError`,
 * of which it prints the message alone. A refused setting, a bot that does not exist or a refusal of Cliq is the
 * user's to fix, and its message says how; frames pointing into this package would only bury it. The error object
 * keeps its class and fields (a program may catch it and read `code`): it is only marked the way Pulumi
 * recognises a RunError across copies of its SDK (`RunError.isInstance`).
 */
import { isUserFacing } from "../provider/resources/shared/dynamic-host";

/** Marks a user-facing error to be printed without its stack; a bug (TypeError, ...) keeps its stack. */
export function printedPlainly(error: unknown): unknown {
  if (isUserFacing(error)) {
    Object.defineProperty(error, "__pulumiRunError", { value: true, enumerable: false, configurable: true });
  }
  return error;
}

/** Runs a program-side call whose user-facing failure is printed as its message alone. */
export async function plainlyFailing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw printedPlainly(error);
  }
}
