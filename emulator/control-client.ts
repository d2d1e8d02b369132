/**
 * A client for the emulator's control surface (`/_emulator`, see control.ts), shared by the tests, the
 * benchmarks and the demo so that none of them speaks the control protocol on its own.
 */
import type { StateDump } from "./control";
import type { Fault } from "./faults";
import type { LoggedRequest } from "./request-log";

/** A `POST /_emulator/faults` body. */
export type FaultRequest = Omit<Fault, "remaining"> & { count?: number };

export class EmulatorControl {
  /** `emulatorUrl`: the emulator's base URL (`RunningEmulator.url`, no trailing slash). */
  constructor(private readonly emulatorUrl: string) {}

  /** Sends one control request; fails on any answer but 2xx. Returns the parsed body (undefined when empty). */
  async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.emulatorUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_emulator${path} answered ${response.status}: ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  }

  async reset(): Promise<void> {
    await this.send("POST", "/reset");
  }

  async requests(): Promise<LoggedRequest[]> {
    return ((await this.send("GET", "/requests")) as { requests: LoggedRequest[] }).requests;
  }

  async clearRequests(): Promise<void> {
    await this.send("DELETE", "/requests");
  }

  async fault(fault: FaultRequest): Promise<void> {
    await this.send("POST", "/faults", fault);
  }

  async lock(operationId: string, seconds?: number): Promise<void> {
    await this.send("POST", "/locks", seconds === undefined ? { operationId } : { operationId, seconds });
  }

  /** The dump of bots (with handlers) and channel memberships; `T` narrows it to what the caller reads. */
  async state<T = StateDump>(): Promise<T> {
    return (await this.send("GET", "/state")) as T;
  }
}
