/**
 * Runnable documentation. A fenced block whose info string carries a title, ```sh title="quickstart"```, is a
 * step of the scenario named by the title; the steps run in document order as one shell session, so `cd` and
 * `export` carry over as they do in a reader's terminal. A block titled `<scenario>-emulator` is what the reader
 * runs in a second terminal: it is started in the background, and the session goes on once it prints that it
 * listens. A shell block without a title says why it does not run here: `norun="<reason>"` (output, an excerpt,
 * Zoho or Pulumi Cloud needed, ...) or `runby="<test file>"` (another suite runs it as written); untitled.test.ts
 * holds every document to that.
 */

/** One fenced code block of a Markdown document. */
export interface CodeBlock {
  /** The language of the info string (`sh`, `ts`, ...). */
  lang: string;
  /** The `title="..."` of the info string, if any. */
  title?: string;
  /** The `norun="..."` of the info string: why the block does not run. */
  norun?: string;
  /** The `runby="..."` of the info string: the test file that runs the block. */
  runby?: string;
  body: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** A scenario's steps, in document order. */
export interface Scenario {
  name: string;
  steps: { kind: "foreground" | "background"; block: CodeBlock }[];
}

/** Suffix of the title of a block a reader runs in a second terminal. */
export const BACKGROUND_SUFFIX = "-emulator";

/** Every fenced block of `markdown` (``` fences; the info string is its first word plus attributes). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const end = lines.findIndex((text, j) => j > i && /^\s*```\s*$/.test(text));
    if (end < 0) throw new Error(`line ${i + 1}: code block never closed`);
    const attributes = Object.fromEntries(
      (["title", "norun", "runby"] as const).flatMap((name) => {
        const value = new RegExp(`\\b${name}="([^"]+)"`).exec(open[3]!)?.[1];
        return value === undefined ? [] : [[name, value]];
      }),
    );
    const body = lines
      .slice(i + 1, end)
      .map((text) => text.slice(Math.min(indent, text.length - text.trimStart().length)))
      .join("\n");
    blocks.push({ lang: open[2]!, ...attributes, body, line: i + 1 });
    i = end;
  }
  return blocks;
}

/** The scenarios of a document: its titled shell blocks, grouped by title (the background suffix removed). */
export function scenarios(markdown: string): Scenario[] {
  const byName = new Map<string, Scenario>();
  for (const block of codeBlocks(markdown)) {
    if (block.title === undefined) continue;
    if (block.lang !== "sh")
      throw new Error(`line ${block.line}: a titled block must be \`sh\`, not ${block.lang}`);
    const background = block.title.endsWith(BACKGROUND_SUFFIX);
    const name = background ? block.title.slice(0, -BACKGROUND_SUFFIX.length) : block.title;
    const scenario = byName.get(name) ?? { name, steps: [] };
    scenario.steps.push({ kind: background ? "background" : "foreground", block });
    byName.set(name, scenario);
  }
  return [...byName.values()];
}

/** What the harness needs from the session besides the blocks themselves. */
export interface SessionHooks {
  /** A command run after every foreground step, with the step's index as its one argument. */
  afterStep: string;
  /** The file a background step's output goes to. */
  backgroundLog: string;
  /** What a background step prints once it is ready. */
  readyPattern: string;
}

/** Single-quotes a value for bash. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The scenario as one bash script: each foreground step as written followed by the hook; each background step
 * started in a subshell with its output in the log, then waited for (at most 60 s) until it says it is ready.
 */
export function sessionScript(scenario: Scenario, hooks: SessionHooks): string {
  const log = shellQuote(hooks.backgroundLog);
  const parts = ["set -euo pipefail"];
  scenario.steps.forEach((step, index) => {
    parts.push(`# --- step ${index} (line ${step.block.line}, ${step.kind})`);
    if (step.kind === "foreground") {
      parts.push(step.block.body, `${hooks.afterStep} ${index}`);
      return;
    }
    parts.push(
      `( ${step.block.body.trim()} ) > ${log} 2>&1 &`,
      `for _ in $(seq 1 600); do grep -q ${shellQuote(hooks.readyPattern)} ${log} && break; sleep 0.1; done`,
      `grep -q ${shellQuote(hooks.readyPattern)} ${log} || { echo "background step never got ready:"; cat ${log}; exit 1; }`,
    );
  });
  return parts.join("\n") + "\n";
}
