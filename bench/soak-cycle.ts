/**
 * One soak cycle through the real providers: create a bot, a message handler, a menu handler and a channel
 * association; refresh each; update the bot and the menu; destroy everything. The calls follow Pulumi's
 * engine (check, then create; check, diff, then update; read with the last outputs; delete dependents first)
 * and stop creating or updating at the first failure, as `pulumi up` does, then destroy what is known.
 * After every step the emulator's state is audited against what the provider returned.
 */
import type { EmulatorControl } from "../emulator";
import type { ProviderKind } from "../provider/resources/providers";
import type { CliqResourceProvider } from "../provider/resources/shared/provider-deps";
import { auditState, type Finding, type KnownKind, type KnownObject } from "./soak-audit";
import type { FaultInjector } from "./soak-injector";
import { cyclePlan, type Args, type CyclePlan } from "./soak-plan";
import { errorTexts, type ScannedText } from "./soak-secrets";

export interface SoakContext {
  providers: Record<ProviderKind, CliqResourceProvider>;
  control: EmulatorControl;
  injector: FaultInjector;
  /** Every line the client and the providers logged (scanned for secrets at the end of each cycle). */
  logLines: string[];
}

export interface StepFailure {
  cycle: number;
  step: string;
  message: string;
}

export interface CycleResult {
  cycle: number;
  /** Distinct findings of the cycle (one per object and field, however many audits saw it). */
  findings: Finding[];
  failures: StepFailure[];
  /** What the caller got to see: errors, outputs, log lines. */
  texts: ScannedText[];
}

interface Tracked extends KnownObject {
  provider: CliqResourceProvider;
  inputs: Args;
}

/** A mistake in the soak's own arguments (a check failure, an unexpected replacement): abort, never count. */
export class SoakSetupError extends Error {}

const KIND_PROVIDER: Record<KnownKind, ProviderKind> = {
  bot: "bot",
  handler: "botHandler",
  association: "channelAssociation",
};

async function checked(provider: CliqResourceProvider, olds: Args, news: Args): Promise<Args> {
  const { inputs, failures } = await provider.check(olds, news);
  if (failures.length > 0) throw new SoakSetupError(`check failed: ${JSON.stringify(failures)}`);
  return inputs;
}

/** A partially created object reported by the provider (Pulumi records it instead of orphaning it). */
function partialOf(error: unknown): { id: string; properties: Args } | undefined {
  const e = error as { id?: unknown; properties?: unknown } | null;
  if (e && typeof e.id === "string" && e.id !== "" && typeof e.properties === "object" && e.properties) {
    return { id: e.id, properties: e.properties as Args };
  }
  return undefined;
}

class CycleRun {
  readonly known: Tracked[] = [];
  private readonly findings = new Map<string, Finding>();
  private readonly failures: StepFailure[] = [];
  private readonly texts: ScannedText[] = [];

  constructor(
    private readonly ctx: SoakContext,
    readonly cycle: number,
  ) {}

  /** Runs one provider call, records a surfaced failure, then audits the state; true when the call succeeded. */
  async step(name: string, work: () => Promise<void>): Promise<boolean> {
    let ok = true;
    try {
      await work();
    } catch (error) {
      if (error instanceof SoakSetupError) throw error;
      ok = false;
      const where = `cycle ${this.cycle} ${name}`;
      this.failures.push({
        cycle: this.cycle,
        step: name,
        message: (error as Error)?.message ?? String(error),
      });
      this.texts.push(...errorTexts(where, error));
    }
    await this.audit(name);
    return ok;
  }

  async audit(step: string): Promise<void> {
    for (const finding of auditState(await this.ctx.control.state(), this.known)) {
      if (!this.findings.has(finding.key)) {
        this.findings.set(finding.key, {
          ...finding,
          detail: `cycle ${this.cycle} after ${step}: ${finding.detail}`,
        });
      }
    }
  }

  private output(step: string, outs: unknown): void {
    this.texts.push({ where: `cycle ${this.cycle} ${step}: outputs`, text: JSON.stringify(outs) });
  }

  async create(step: string, kind: KnownKind, args: Args): Promise<Tracked | undefined> {
    const provider = this.ctx.providers[KIND_PROVIDER[kind]];
    let tracked: Tracked | undefined;
    const inputs = await checked(provider, {}, args);
    await this.step(step, async () => {
      try {
        const { id, outs } = await provider.create(inputs);
        this.output(step, outs);
        tracked = { kind, id, outs, status: "live", certain: true, provider, inputs };
        this.known.push(tracked);
      } catch (error) {
        // Pulumi records a partially created object (id + properties on the error) instead of losing it.
        const partial = partialOf(error);
        if (partial) {
          const { id, properties: outs } = partial;
          this.known.push({ kind, id, outs, status: "live", certain: false, provider, inputs });
        }
        throw error;
      }
    });
    return tracked;
  }

  async read(step: string, target: Tracked): Promise<boolean> {
    return this.step(step, async () => {
      const { id, props } = await target.provider.read(target.id, target.outs);
      this.output(step, props);
      // A read that finds nothing makes refresh drop the resource from state.
      if (id === undefined || id === "") target.status = "deleted";
      else Object.assign(target, { outs: props ?? {}, certain: true });
    });
  }

  async update(step: string, target: Tracked, changes: Args): Promise<boolean> {
    const inputs = await checked(target.provider, target.inputs, { ...target.inputs, ...changes });
    const diff = await target.provider.diff(target.id, target.outs, inputs);
    if (!diff.changes || diff.replaces.length > 0) {
      throw new SoakSetupError(`expected an in-place update of ${target.id}, got ${JSON.stringify(diff)}`);
    }
    return this.step(step, async () => {
      try {
        const { outs } = await target.provider.update(target.id, target.outs, inputs);
        this.output(step, outs);
        Object.assign(target, { outs, inputs, certain: true });
      } catch (error) {
        target.certain = false;
        throw error;
      }
    });
  }

  async remove(step: string, target: Tracked): Promise<boolean> {
    return this.step(step, async () => {
      try {
        await target.provider.delete(target.id, target.outs);
      } catch (error) {
        target.certain = false;
        throw error;
      }
      Object.assign(target, { status: "deleted", certain: true });
    });
  }

  result(): CycleResult {
    const logs = this.ctx.logLines
      .splice(0)
      .map((text, i) => ({ where: `cycle ${this.cycle} log line ${i + 1}`, text }));
    return {
      cycle: this.cycle,
      findings: [...this.findings.values()],
      failures: this.failures,
      texts: [...this.texts, ...logs],
    };
  }
}

/** Creates, refreshes and updates; false at the first failure (what follows depends on it). */
async function applyAndRefresh(run: CycleRun, plan: CyclePlan): Promise<boolean> {
  const bot = await run.create("create bot", "bot", plan.bot);
  if (!bot) return false;
  const botId = bot.id;
  const message = await run.create("create message handler", "handler", plan.messageHandler(botId));
  if (!message) return false;
  const menu = await run.create("create menu handler", "handler", plan.menuHandler(botId));
  if (!menu) return false;
  const membership = { botUniqueName: bot.outs.uniqueName, channelUniqueName: plan.channel };
  if (!(await run.create("create channel association", "association", membership))) return false;
  for (const target of run.known) {
    if (!(await run.read(`read ${target.kind} ${target.id}`, target))) return false;
  }
  if (!(await run.update("update bot", bot, plan.botUpdate))) return false;
  return run.update("update menu handler", menu, plan.menuUpdate);
}

/** Destroys what the caller knows, dependents first; the bot stays if a dependent could not be deleted. */
async function destroyKnown(run: CycleRun): Promise<void> {
  const live = (kind: KnownKind) => run.known.filter((k) => k.kind === kind && k.status === "live");
  let dependentsGone = true;
  for (const target of [...live("handler"), ...live("association")]) {
    dependentsGone = (await run.remove(`delete ${target.kind} ${target.id}`, target)) && dependentsGone;
  }
  if (!dependentsGone) return;
  for (const bot of live("bot")) await run.remove(`delete bot ${bot.id}`, bot);
}

export async function runCycle(ctx: SoakContext, cycle: number): Promise<CycleResult> {
  const run = new CycleRun(ctx, cycle);
  await applyAndRefresh(run, cyclePlan(cycle));
  await destroyKnown(run);
  return run.result();
}

/**
 * Removes whatever a cycle left in Cliq (counted already), with fault injection off, so that the next cycle
 * starts from an empty organization. Deleting a bot takes its handlers and memberships with it.
 */
export async function cleanUp(ctx: SoakContext): Promise<void> {
  ctx.injector.enabled = false;
  try {
    await ctx.control.send("DELETE", "/faults");
    for (const bot of (await ctx.control.state()).bots) await ctx.providers.bot.delete(bot.id, {});
    const left = await ctx.control.state();
    if (left.bots.length > 0 || left.memberships.length > 0) {
      throw new Error(`clean-up left ${JSON.stringify(left)}`);
    }
  } finally {
    ctx.injector.enabled = true;
    ctx.logLines.length = 0;
  }
}
