/**
 * The plugin's logger: warnings of the resource code (a bot that stays in a channel, a default handler that
 * cannot go) reach the person running `pulumi up` through the engine's Log RPC, attached to the resource the
 * call is about; without an engine they go to stderr. Every line passes through the secret redactor first.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { ProviderLogger } from "../resources/shared/logger";
import type { CliqLogger } from "../client/options";

/** The URN of the resource the current RPC is about, so a warning is shown next to it. */
const currentUrn = new AsyncLocalStorage<string>();

/** Runs `call` with `urn` as the resource its log lines belong to. */
export function withUrn<T>(urn: string, call: () => Promise<T>): Promise<T> {
  return currentUrn.run(urn, call);
}

/** Removes known secret values from a text; the plugin passes the configured credentials. */
export type Redactor = (text: string) => string;

/** Where lines go: the engine when one is attached, stderr otherwise. */
export class EngineLog implements ProviderLogger, CliqLogger {
  private engine: EngineClient | undefined;

  constructor(
    private redact: Redactor = (text) => text,
    private readonly stderr: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Sends later lines to the engine at `address` (argv[2], or Attach's address). */
  attach(address: string): void {
    this.engine?.close();
    this.engine = new EngineClient(address, grpc.credentials.createInsecure());
  }

  /** Uses a new redactor (each Configure knows its own secrets). */
  setRedactor(redact: Redactor): void {
    this.redact = redact;
  }

  /** A warning the person running Pulumi must see (shown in the update's diagnostics). */
  warn(message: string): void {
    this.send(LogSeverity.WARNING, message);
  }

  /** Progress worth a line (waits for a throttle lock, retries). */
  info(message: string): void {
    this.send(LogSeverity.INFO, message);
  }

  /**
   * A long wait announced once (client/progress.ts), on the resource: kept in the output, unlike `info`, since it
   * explains a pause the person running Pulumi has seen.
   */
  progress(message: string): void {
    this.send(LogSeverity.INFO, message, false);
  }

  /** Closes the engine connection (the server is shutting down). */
  close(): void {
    this.engine?.close();
    this.engine = undefined;
  }

  private send(severity: LogSeverity, message: string, ephemeral = severity !== LogSeverity.WARNING): void {
    const text = this.redact(message);
    if (this.engine === undefined) {
      this.stderr(`${severity === LogSeverity.WARNING ? "warning" : "info"}: ${text}`);
      return;
    }
    const request = new LogRequest();
    request.setSeverity(severity);
    request.setMessage(text);
    request.setUrn(currentUrn.getStore() ?? "");
    // Progress lines show while the resource is in flight, not in the final diagnostics; warnings stay.
    request.setEphemeral(ephemeral);
    // A lost log line must not fail the operation it reports on: fall back to stderr.
    this.engine.log(request, (error) => {
      if (error) this.stderr(`${severity === LogSeverity.WARNING ? "warning" : "info"}: ${text}`);
    });
  }
}

/** A redactor that replaces every occurrence of the given secret values (empty and tiny ones are ignored). */
export function secretRedactor(secrets: readonly string[]): Redactor {
  const values = secrets.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => values.reduce((out, secret) => out.split(secret).join("[secret]"), text);
}
