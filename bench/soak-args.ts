/** Command line of `npm run soak` (pure: the default seed is passed in, so parsing is deterministic). */

export interface SoakOptions {
  cycles: number;
  rate: number;
  seed: number;
  /** Shorter runs at rising fault rates instead of one run at `rate`. */
  sweep: boolean;
  sweepCycles: number;
  sweepRates: number[];
  /** Shared by the emulator and the client: 0.001 makes a 5-minute lock last 0.3 s. */
  timeScale: number;
  help: boolean;
}

export const SOAK_USAGE = `usage: npm run soak -- [--cycles N] [--fault-rate R] [--seed N] [--time-scale S]
       npm run soak -- --sweep [--sweep-cycles N] [--sweep-rates R1,R2,...] [--fault-rate R] [--seed N]

  --cycles N         cycles of create, refresh, update, destroy (default 80)
  --fault-rate R     share of requests (API and OAuth) answered with a fault, 0..1 (default 0.25)
  --seed N           seed of the fault plan (default: random, printed so a run can be replayed)
  --time-scale S     emulator and client time scale (default 0.001: a 5-minute lock lasts 0.3 s)
  --sweep            runs of --sweep-cycles cycles at each of --sweep-rates, and the rate where failures begin
  --sweep-cycles N   cycles per sweep run (default 20)
  --sweep-rates L    comma-separated rates (default 0.25,0.35,0.5,0.65,0.8)

Exit code 1 when any category (duplicates, orphans, drift, failures, secrets) is non-zero at --fault-rate
(with --sweep: at any swept rate up to --fault-rate).`;

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer, got ${text}`);
  return value;
}

function rateOf(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text === "" || !(value >= 0 && value <= 1)) {
    throw new Error(`${flag} needs a rate within 0..1, got ${text}`);
  }
  return value;
}

function seedOf(text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`--seed needs an integer within 0..4294967295, got ${text}`);
  }
  return value;
}

function timeScaleOf(text: string | undefined): number {
  const value = Number(text);
  if (!(value > 0 && value <= 1)) throw new Error(`--time-scale needs a number within (0, 1], got ${text}`);
  return value;
}

export function parseSoakArgs(argv: readonly string[], defaultSeed: number): SoakOptions {
  const options: SoakOptions = {
    cycles: 80,
    rate: 0.25,
    seed: defaultSeed,
    sweep: false,
    sweepCycles: 20,
    sweepRates: [0.25, 0.35, 0.5, 0.65, 0.8],
    timeScale: 0.001,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--cycles":
        options.cycles = positiveInteger(flag, value());
        break;
      case "--fault-rate":
        options.rate = rateOf(flag, value());
        break;
      case "--seed":
        options.seed = seedOf(value());
        break;
      case "--time-scale":
        options.timeScale = timeScaleOf(value());
        break;
      case "--sweep":
        options.sweep = true;
        break;
      case "--sweep-cycles":
        options.sweepCycles = positiveInteger(flag, value());
        break;
      case "--sweep-rates":
        options.sweepRates = (value() ?? "").split(",").map((r) => rateOf(flag, r.trim()));
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}\n${SOAK_USAGE}`);
    }
  }
  options.sweepRates.sort((a, b) => a - b);
  return options;
}
