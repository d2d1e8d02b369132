/**
 * The soak's cycle against a real emulator without faults, with providers that misbehave on purpose: each
 * misbehaviour must show up in its category, read from the emulator's state rather than from the provider.
 */
import assert from "node:assert/strict";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { CliqClient } from "../../provider/client";
import { createProviders, type ProviderKind } from "../../provider/resources/providers";
import type { CliqResourceProvider } from "../../provider/resources/shared/provider-deps";
import { cleanUp, runCycle, type CycleResult, type SoakContext } from "../../bench/soak-cycle";
import { createFaultInjector } from "../../bench/soak-injector";
import { findSecretLeaks } from "../../bench/soak-secrets";
import { countCycle, type SoakCounts } from "../../bench/soak-tally";

const TOKEN = "soak-cycle-test-token";

type Providers = Record<ProviderKind, CliqResourceProvider>;

describe("soak cycle (counts misbehaviour from the emulator's state)", () => {
  let emulator: RunningEmulator;
  let ctx: SoakContext;
  let honest: Providers;

  before(async () => {
    emulator = await startEmulator({ tokens: [TOKEN], timeScale: 0.001 });
    const control = new EmulatorControl(emulator.url);
    const injector = createFaultInjector(control, { api: () => undefined, oauth: () => undefined });
    const logger = { warn: () => undefined, info: () => undefined };
    const api = new CliqClient({
      apiUrl: emulator.apiUrl,
      accessToken: TOKEN,
      timeScale: 0.001,
      logger,
      transport: injector.transport,
    });
    honest = createProviders({ api: () => api, logger });
    ctx = { providers: honest, control, injector, logLines: [] };
  });
  after(() => emulator.close());
  afterEach(async () => {
    ctx.providers = honest;
    await cleanUp(ctx);
  });

  /** Runs a cycle (0: webhook bot, 1: Deluge bot) with some provider methods replaced; counts it as the soak does. */
  async function cycleWith(
    patch: (p: Providers) => Partial<Providers>,
    cycle = 0,
  ): Promise<{ counts: SoakCounts; result: CycleResult }> {
    ctx.providers = { ...honest, ...patch(honest) };
    const result = await runCycle(ctx, cycle);
    const leaks = findSecretLeaks(result.texts, [{ label: "token", value: TOKEN }]);
    return { counts: countCycle(result.findings, result.failures.length, leaks), result };
  }

  for (const cycle of [0, 1]) {
    it(`finds nothing wrong with the real providers and no faults (cycle ${cycle})`, async () => {
      const { counts } = await cycleWith(() => ({}), cycle);
      assert.deepEqual(counts, { duplicates: 0, orphans: 0, drift: 0, failures: 0, secrets: 0 });
    });
  }

  it("counts a menu handler created twice by one create as a duplicate", async () => {
    const { counts } = await cycleWith(({ botHandler }) => ({
      botHandler: {
        ...botHandler,
        async create(inputs) {
          if (inputs.type === "menu_handler") await botHandler.create(inputs);
          return botHandler.create(inputs);
        },
      },
    }));
    assert.equal(counts.duplicates, 1);
  });

  it("counts an association made in Cliq but reported as failed as an orphan and a failure", async () => {
    const { counts } = await cycleWith(({ channelAssociation }) => ({
      channelAssociation: {
        ...channelAssociation,
        async create(inputs) {
          await channelAssociation.create(inputs);
          throw new Error("lost the answer");
        },
      },
    }));
    assert.deepEqual([counts.orphans, counts.failures], [1, 1]);
  });

  it("counts a refresh that reports another description, and a delete that did nothing, as drift", async () => {
    const { result } = await cycleWith(({ bot, botHandler }) => ({
      bot: { ...bot, read: async (id, props) => ({ id, props: { ...props, description: "not in Cliq" } }) },
      botHandler: { ...botHandler, delete: async () => undefined },
    }));
    const drift = result.findings.filter((f) => f.category === "drift").map((f) => f.key);
    assert.ok(
      drift.some((key) => key.endsWith(" description")),
      drift.join("; "),
    );
    assert.ok(
      drift.some((key) => key.endsWith("/message_handler kept")),
      drift.join("; "),
    );
  });

  it("counts a credential in an error the caller sees as a leaked secret", async () => {
    const { counts } = await cycleWith(({ bot }) => ({
      bot: {
        ...bot,
        update: async () => {
          throw new Error(`PATCH refused for Authorization: Zoho-oauthtoken ${TOKEN}`);
        },
      },
    }));
    assert.equal(counts.failures, 1);
    assert.ok(counts.secrets >= 1);
  });
});
