/**
 * Nothing lost through the real CLI: an `up` interrupted with Ctrl-C converges when run again, and a broken stack
 * configuration, with another organisation's credentials in the shell, fails refresh, up and destroy loudly while
 * the state keeps every resource and the other organisation is never called.
 */
import { strict as assert } from "assert";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { useCliStack } from "./support/cli-stack";
import { apiOnly, emulatorConfig, Figures, takeRequests } from "./support/fixture";

const FLEET = 4;

/** Another Cliq organisation whose credentials sit in the user's shell. */
const OTHER_ORG = {
  clientId: "1000.OTHERORGCLIENT0000000000000000",
  clientSecret: "other-org-secret-2b8e",
  refreshToken: "1000.other-org-refresh.9d4c",
};

describe("CLI: nothing is lost when a run is interrupted or the configuration is broken", function () {
  this.timeout(240_000);
  const cli = useCliStack({ suite: "recovery", program: "fleet" });
  const { pulumi, run } = cli;
  let otherOrg: RunningEmulator;
  const figures = new Figures();

  /** URNs in the stack's state, read with `stack export`. */
  async function stateUrns(): Promise<string[]> {
    const exported = JSON.parse((await pulumi(["stack", "export"])).stdout);
    return (exported.deployment.resources ?? [])
      .map((r: { urn: string }) => r.urn)
      .filter((u: string) => u.includes("cliq:"));
  }

  /** Each bot's name once in Cliq, and every Cliq bot known to the state: no duplicate, no orphan. */
  async function assertNoDuplicateNorOrphan(expected: number): Promise<void> {
    const bots = (await cli.fx.control.state()).bots;
    const names = bots.map((b) => b.name);
    assert.equal(new Set(names).size, names.length, `duplicates in Cliq: ${names.join(", ")}`);
    const exported = JSON.parse((await pulumi(["stack", "export"])).stdout);
    const ids = new Set((exported.deployment.resources ?? []).map((r: { id?: string }) => r.id));
    const orphans = bots.filter((b) => !ids.has(b.id));
    assert.deepEqual(
      orphans.map((b) => b.name),
      [],
      "bots in Cliq that the state does not know",
    );
    assert.equal(bots.length, expected);
  }

  before(async () => {
    otherOrg = await startEmulator({
      oauthClients: [{ ...OTHER_ORG, refreshTokens: [OTHER_ORG.refreshToken] }],
    });
    await pulumi(["config", "set", "count", String(FLEET)]);
  });
  after(async () => {
    figures.print("Figures of the recovery suite:");
    await otherOrg?.close();
  });

  it("an up interrupted with Ctrl-C mid-apply converges when run again, with no duplicate or orphan", async () => {
    // Slow handler creates, so that the interrupt lands while bots are made and handlers are still in flight.
    await cli.fx.control.fault({
      operationId: "create_a_handler_for_a_bot",
      kind: "latency",
      ms: 1500,
      count: FLEET,
    });
    const interrupted = await run(["up", "--yes", "--skip-preview"], {
      interruptWhen: /cliq:Bot fleet-\d+ created/,
    });
    assert.notEqual(interrupted.code, 0, interrupted.output);
    const before = (await cli.fx.control.state()).bots.length;
    assert.ok(before > 0 && before <= FLEET, `the interrupted run made ${before} of ${FLEET} bots`);
    figures.add(`interrupted up (${before} of ${FLEET} bots made)`, await takeRequests(cli.fx.control));

    const again = await pulumi(["up", "--yes", "--skip-preview"]);
    figures.add("up run again", await takeRequests(cli.fx.control));
    assert.match(again.output, /created/);
    await assertNoDuplicateNorOrphan(FLEET);
    await pulumi(["preview", "--expect-no-changes"]);
    assert.equal((await stateUrns()).length, FLEET * 3);
  });

  const otherOrgEnv = () => ({
    CLIQ_API_URL: otherOrg.apiUrl,
    CLIQ_ACCOUNTS_URL: otherOrg.url,
    CLIQ_CLIENT_ID: OTHER_ORG.clientId,
    CLIQ_CLIENT_SECRET: OTHER_ORG.clientSecret,
    CLIQ_REFRESH_TOKEN: OTHER_ORG.refreshToken,
  });

  /**
   * `up` runs the program, so the default provider takes the new (broken) configuration, and the engine records it
   * in the state even though the run fails; `refresh` and `destroy` do not run the program and configure the
   * provider from that record. The three commands, in that order, are what a user with a broken config meets.
   */
  async function assertEveryCommandFailsKeepingState(expect: RegExp): Promise<void> {
    await takeRequests(cli.fx.control);
    for (const command of [
      ["up", "--yes", "--skip-preview"],
      ["refresh", "--yes", "--skip-preview"],
      ["destroy", "--yes", "--skip-preview"],
    ]) {
      const result = await run(command, { env: otherOrgEnv() });
      assert.notEqual(result.code, 0, `pulumi ${command[0]} must fail:\n${result.output}`);
      assert.match(result.output, expect, `pulumi ${command[0]} names the broken setting`);
      assert.equal(
        (await stateUrns()).length,
        FLEET * 3,
        `pulumi ${command[0]} kept every resource in the state`,
      );
    }
    assert.deepEqual(
      await new EmulatorControl(otherOrg.url).requests(),
      [],
      "the other organisation was never called",
    );
    assert.deepEqual(apiOnly(await takeRequests(cli.fx.control)), []);
    assert.equal((await cli.fx.control.state()).bots.length, FLEET);
  }

  /** After the config is mended, `up` records it again and everything is as it was. */
  async function assertMended(): Promise<void> {
    const up = await pulumi(["up", "--yes", "--skip-preview"]);
    assert.match(up.output, /13 unchanged/);
    await pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  }

  const brokenConfigs: { what: string; key: string; value: string; expect: RegExp }[] = [
    { what: "an unknown data center", key: "cliq:dataCenter", value: "europe", expect: /cliq:dataCenter/ },
    { what: "a malformed API URL", key: "cliq:apiUrl", value: "not a url", expect: /cliq:apiUrl/ },
  ];

  for (const broken of brokenConfigs) {
    it(`${broken.what} in the stack config fails up, refresh and destroy; the state keeps every resource`, async () => {
      await pulumi(["config", "set", broken.key, broken.value]);
      await assertEveryCommandFailsKeepingState(broken.expect);
      const good = emulatorConfig(cli.fx.emulator).plain;
      if (broken.key in good) await pulumi(["config", "set", broken.key, good[broken.key]]);
      else await pulumi(["config", "rm", broken.key]);
      await assertMended();
    });
  }

  it("partial credentials in the stack config are refused, never completed from the shell", async () => {
    await pulumi(["config", "rm", "cliq:refreshToken"]);
    await assertEveryCommandFailsKeepingState(/refreshToken/);
    await pulumi(["config", "set", "--secret", "cliq:refreshToken"], {
      input: emulatorConfig(cli.fx.emulator).secret["cliq:refreshToken"],
    });
    await assertMended();
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.equal((await cli.fx.control.state()).bots.length, 0);
  });
});
