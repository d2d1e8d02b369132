import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cleanHostEnv, CheckFailure, DiffOutcome, ProviderHost } from "./host";
import { PulumiProject, transpileTypeScript } from "./project";
import type { EngineReply, RunnerArgs, RunnerMessage } from "./runner-child";
import { changedKeys, dependentsOf } from "./state-changes";
import {
  captureOutput,
  failureOf,
  keptAfterFailure,
  newRunContext,
  newRunProgress,
  registeredReply,
  type RunContext,
  type RunProgress,
  untilExit,
} from "./run-state";
import {
  emptyState,
  type HostCall,
  type ResourceState,
  type RunResult,
  type StackConfig,
  type StackState,
  type Step,
} from "./state-types";
import { resourceUrn, WireObject } from "./wire";

export { changedKeys, dependentsOf };
export * from "./state-types";

/** What identifies a registered resource, before any provider call. */
type ResourceBase = Pick<ResourceState, "urn" | "type" | "name" | "dependencies">;

/** A registered resource that exists in the prior state, with its checked inputs and what Diff answered. */
interface Change {
  base: ResourceBase;
  old: ResourceState;
  inputs: WireObject;
  diff: DiffOutcome;
  run: RunContext;
}

const runnerFiles = ["wire", "runner-child"];

/**
 * Copies the program runner into the project (compiled JS when running from dist/, transpiled TS when running
 * from sources under ts-node) and returns its path.
 */
export function installRunner(projectDir: string): string {
  const target = path.join(projectDir, ".harness");
  fs.mkdirSync(target, { recursive: true });
  for (const name of runnerFiles) {
    const compiled = path.join(__dirname, `${name}.js`);
    const source = path.join(__dirname, `${name}.ts`);
    const text = fs.existsSync(compiled)
      ? fs.readFileSync(compiled, "utf8")
      : transpileTypeScript(fs.readFileSync(source, "utf8"), source);
    fs.writeFileSync(path.join(target, `${name}.js`), text);
  }
  return path.join(target, "runner-child.js");
}

/**
 * A small stand-in for the Pulumi engine's deployment loop, built from what `pulumi preview/up/refresh/destroy` do
 * with a provider plugin: Configure once, then per registration Check (olds = prior inputs), Diff against the prior
 * outputs, and Create/Update/Delete; replacements honour deleteBeforeReplace; resources the program no longer
 * registers are deleted in reverse order; refresh calls Read and drops objects whose id comes back empty.
 */
export class MiniEngine {
  readonly calls: HostCall[] = [];
  private configured = false;

  constructor(
    readonly project: PulumiProject,
    readonly host: ProviderHost,
    readonly stack: string,
    readonly config: StackConfig,
  ) {}

  urn(type: string, name: string): string {
    return resourceUrn(this.stack, this.project.name, type, name);
  }

  /** Runs `programFile` (a path inside the project) as `pulumi preview` (preview) or `pulumi up`. */
  async run(programFile: string, prior: StackState, options: { preview: boolean }): Promise<RunResult> {
    await this.ensureConfigured();
    const runner = installRunner(this.project.dir);
    const context = newRunContext(prior, options.preview);
    const progress = newRunProgress();
    const child = this.forkProgram(runner, programFile, options.preview);
    const exited = untilExit(child);
    const printed = captureOutput(child);
    child.on("message", (message: RunnerMessage) => this.onRunnerMessage(child, message, context, progress));
    await exited;
    const failed = failureOf(progress);
    const nextResources = progress.order.map((urn) => progress.registered.get(urn)!);
    if (!failed) await this.deleteUndeclared(prior, context, progress.registered);
    else nextResources.push(...keptAfterFailure(prior, context, progress.registered));
    return {
      preview: options.preview,
      steps: context.steps,
      state: options.preview ? prior : { resources: nextResources, outputs: progress.outputs },
      checkFailures: progress.checkFailures,
      registrations: context.registrations,
      ...(failed ? { error: failed } : {}),
      programOutput: printed.join(""),
    };
  }

  /** Starts the program runner as the language host would, with the stack's configuration in its environment. */
  private forkProgram(runner: string, programFile: string, preview: boolean): ChildProcess {
    const args: RunnerArgs = { program: programFile, project: this.project.name, stack: this.stack, preview };
    return fork(runner, [JSON.stringify(args)], {
      cwd: this.project.dir,
      env: {
        ...cleanHostEnv(),
        PULUMI_CONFIG: JSON.stringify(this.config.values),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(this.config.secretKeys),
      },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      execArgv: [],
    });
  }

  /** The resource monitor's side of the runner protocol: outputs, a program failure, or a registration. */
  private onRunnerMessage(
    child: ChildProcess,
    message: RunnerMessage,
    context: RunContext,
    progress: RunProgress,
  ) {
    if (message.kind === "done") progress.outputs = message.outputs;
    else if (message.kind === "failed") progress.programError ??= message.error;
    else this.answerRegistration(child, message, context, progress);
  }

  /** Registers one resource and answers the runner with its id and state, or with the rejection. */
  private answerRegistration(
    child: ChildProcess,
    message: Extract<RunnerMessage, { kind: "register" }>,
    context: RunContext,
    progress: RunProgress,
  ): void {
    const urn = this.urn(message.type, message.name);
    this.register(urn, message, context)
      .then((resource) => {
        if (resource) {
          progress.registered.set(urn, resource);
          progress.order.push(urn);
        }
        // The program may have exited (a throw elsewhere) while this registration was in flight.
        if (child.connected) child.send(registeredReply(message.seq, resource));
      })
      .catch((err: Error & { failures?: CheckFailure[] }) => {
        if (err.failures) progress.checkFailures.push({ urn, failures: err.failures });
        else progress.operationErrors.push(err.message);
        if (child.connected) {
          child.send({ kind: "rejected", seq: message.seq, error: err.message } satisfies EngineReply);
        }
      });
  }

  /** Whatever the program stopped declaring goes, dependents first (reverse creation order). */
  private async deleteUndeclared(
    prior: StackState,
    context: RunContext,
    registered: Map<string, ResourceState>,
  ): Promise<void> {
    const gone = prior.resources
      .filter((r) => !registered.has(r.urn) && !r.external && !context.replacedEarly.has(r.urn))
      .reverse();
    for (const old of [...context.deferredDeletes, ...gone]) {
      if (!context.preview) await this.delete(old);
      context.steps.push({ op: "delete", urn: old.urn, type: old.type, name: old.name });
    }
  }

  /** `pulumi refresh`: Read every managed resource; an empty id drops it from state. */
  async refresh(prior: StackState): Promise<{ steps: Step[]; state: StackState }> {
    await this.ensureConfigured();
    const steps: Step[] = [];
    const resources: ResourceState[] = [];
    for (const resource of prior.resources) {
      this.calls.push({ method: "read", urn: resource.urn });
      const read = await this.host.read(resource.urn, resource.id, resource.outputs, resource.inputs);
      if (!read.id) {
        steps.push({ op: "drop", urn: resource.urn, type: resource.type, name: resource.name });
        continue;
      }
      const changed = changedKeys(resource.outputs, read.properties);
      steps.push({ op: "refresh", urn: resource.urn, type: resource.type, name: resource.name, changed });
      resources.push({
        ...resource,
        id: read.id,
        outputs: read.properties,
        inputs: read.inputs ?? resource.inputs,
      });
    }
    return { steps, state: { resources, outputs: prior.outputs } };
  }

  /** `pulumi destroy`: Delete every managed resource in reverse dependency (creation) order. */
  async destroy(prior: StackState): Promise<{ steps: Step[]; state: StackState }> {
    await this.ensureConfigured();
    const steps: Step[] = [];
    for (const resource of [...prior.resources].reverse()) {
      if (resource.external) continue;
      await this.delete(resource);
      steps.push({ op: "delete", urn: resource.urn, type: resource.type, name: resource.name });
    }
    return { steps, state: emptyState() };
  }

  private async ensureConfigured(): Promise<void> {
    if (this.configured) return;
    await this.host.configure(this.config.values, this.config.secretKeys);
    this.configured = true;
  }

  private async delete(resource: ResourceState): Promise<void> {
    this.calls.push({ method: "delete", urn: resource.urn });
    await this.host.delete(resource.urn, resource.id, resource.outputs);
  }

  private async register(
    urn: string,
    message: Extract<RunnerMessage, { kind: "register" }>,
    run: RunContext,
  ): Promise<ResourceState | undefined> {
    const base = { urn, type: message.type, name: message.name, dependencies: message.dependencies };
    run.registrations.push({ ...base, custom: message.custom, inputs: message.inputs });
    if (!message.custom) return { ...base, id: "", inputs: message.inputs, outputs: {} };
    if (message.id) return this.readExternal(base, message.id, message.inputs, run);
    const old = run.replacedEarly.has(urn) ? undefined : run.prior.get(urn);
    const inputs = await this.checkInputs(urn, old, message.inputs);
    if (!old) return this.createNew(base, inputs, run);
    this.calls.push({ method: "diff", urn });
    const diff = await this.host.diff(urn, old.id, old.outputs, inputs);
    const change = { base, old, inputs, diff, run };
    return diff.replaces.length ? this.replace(change) : this.updateInPlace(change);
  }

  /** `Resource.get`: read, never created or deleted. */
  private async readExternal(base: ResourceBase, id: string, given: WireObject, run: RunContext) {
    this.calls.push({ method: "read", urn: base.urn });
    const read = await this.host.read(base.urn, id, given);
    // The engine's read step fails only when the provider answers no properties at all; the dynamic-provider
    // host always answers at least `__provider`, so a missing object must be reported by the provider's read.
    if (Object.keys(read.properties).length === 0) throw new Error(`resource '${id}' does not exist`);
    run.steps.push({ op: "read", urn: base.urn, type: base.type, name: base.name });
    return { ...base, id: read.id, inputs: read.inputs ?? given, outputs: read.properties, external: true };
  }

  /** Check, as the engine runs it before any other step; failures stop the resource with each property named. */
  private async checkInputs(
    urn: string,
    old: ResourceState | undefined,
    news: WireObject,
  ): Promise<WireObject> {
    this.calls.push({ method: "check", urn, news });
    const checked = await this.host.check(urn, old?.inputs ?? {}, news);
    if (checked.failures.length) {
      throw Object.assign(
        new Error(checked.failures.map((f) => `${urn}: ${f.property}: ${f.reason}`).join("; ")),
        { failures: checked.failures },
      );
    }
    return checked.inputs;
  }

  private async createNew(base: ResourceBase, inputs: WireObject, run: RunContext): Promise<ResourceState> {
    const step = { urn: base.urn, type: base.type, name: base.name };
    // As the engine does, a step is reported once it succeeded: a create that throws is no "create".
    const op = run.replacedEarly.has(base.urn) ? "replace" : "create";
    if (run.preview) {
      run.steps.push({ op, ...step });
      return { ...base, id: "", inputs, outputs: inputs };
    }
    const created = await this.create(base, inputs);
    run.steps.push({ op, ...step });
    return created;
  }

  private async replace({ base, old, inputs, diff, run }: Change): Promise<ResourceState> {
    const step = { urn: base.urn, type: base.type, name: base.name };
    run.steps.push({ op: "replace", ...step, diff, deleteBeforeReplace: diff.deleteBeforeReplace });
    if (run.preview) return { ...base, id: "", inputs, outputs: inputs };
    if (diff.deleteBeforeReplace) {
      // As the engine does for delete-before-replace: what depends on the old object goes first, and is
      // created again when the program registers it. (The engine deletes only the dependents whose Diff, with
      // the replaced object's outputs unknown, asks for replacement; for this package's kinds that is all of
      // them, which the replacement test pins through the preview's plan.)
      for (const dependent of dependentsOf(base.urn, [...run.prior.values()]).reverse()) {
        if (run.replacedEarly.has(dependent.urn)) continue;
        run.replacedEarly.add(dependent.urn);
        await this.delete(dependent);
      }
      await this.delete(old);
      return this.create(base, inputs);
    }
    const created = await this.create(base, inputs);
    run.deferredDeletes.push(old);
    return created;
  }

  private async updateInPlace({ base, old, inputs, diff, run }: Change): Promise<ResourceState> {
    const step = { urn: base.urn, type: base.type, name: base.name };
    if (diff.changes === "none") {
      run.steps.push({ op: "same", ...step });
      return { ...old, dependencies: base.dependencies, inputs };
    }
    if (run.preview) {
      run.steps.push({ op: "update", ...step, diff });
      return { ...old, dependencies: base.dependencies, inputs, outputs: inputs };
    }
    this.calls.push({ method: "update", urn: base.urn });
    const updated = await this.host.update(base.urn, old.id, old.outputs, inputs);
    run.steps.push({ op: "update", ...step, diff });
    return { ...old, dependencies: base.dependencies, inputs, outputs: updated.properties };
  }

  private async create(base: ResourceBase, inputs: WireObject): Promise<ResourceState> {
    this.calls.push({ method: "create", urn: base.urn });
    const created = await this.host.create(base.urn, inputs);
    return { ...base, id: created.id, inputs, outputs: created.properties };
  }
}
