/**
 * The reference pages' example blocks: each language's program embedded from its file under examples/ (the files
 * tests/examples/*.test.ts run through the real CLI), with what that language installs and the type token it
 * shows. One table of languages serves every page, so an install step is written once.
 */
import * as fs from "fs";
import * as path from "path";
import { PLUGIN_DOWNLOAD_URL } from "../provider/plugin/package-schema";

export const EXAMPLES_DIR = path.join(__dirname, "..", "examples");

/** The plugin version the pages' install commands name (the plugin's version is the package's). */
const VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }
).version;

export interface ExampleLanguage {
  /** The folder name under examples/<example>/. */
  folder: "typescript" | "python" | "go" | "yaml";
  title: string;
  /** The program file shown, in the language's folder. */
  program: string;
  /** The project's files besides the program: what a user copies. */
  files: readonly string[];
  /** The code fence's language. */
  fence: string;
  /** How the language reaches Cliq: the npm package's dynamic resources, or the `cliq` provider plugin. */
  route: "dynamic" | "plugin";
  /** What a project of this language installs, in a few lines of Markdown. */
  install: string;
}

/**
 * How the `cliq` plugin is installed: from a release's archive (named as scripts/release/ names them), by the
 * engine itself once the release is public (the schema's `pluginDownloadURL`), or from a clone's pack.
 */
export const PLUGIN_INSTALL =
  `\`pulumi plugin install resource cliq ${VERSION} --file pulumi-resource-cliq-v${VERSION}-<os>-<arch>.tar.gz\` ` +
  `with the archive of a release for your platform (once the release is published at \`${PLUGIN_DOWNLOAD_URL}\`, ` +
  `\`pulumi plugin install resource cliq ${VERSION}\` downloads it itself); in a clone, \`npm run plugin:pack\` ` +
  `writes \`.cache/plugin/pulumi-resource-cliq-v${VERSION}.tar.gz\` for this machine`;

/** Where the steps for unpublished packages are written once, as the template test runs them. */
const BEFORE_PUBLISHED =
  "[templates/README.md](../templates/README.md#what-to-install-first-until-the-packages-are-published)";

export const EXAMPLE_LANGUAGES: readonly ExampleLanguage[] = [
  {
    folder: "typescript",
    title: "TypeScript",
    program: "index.ts",
    files: ["Pulumi.yaml", "package.json"],
    fence: "ts",
    route: "dynamic",
    install:
      "`npm install pulumi-zoho-cliq @pulumi/pulumi`: dynamic resources, no plugin to install (the provider runs " +
      "inside Pulumi's Node.js dynamic-provider host). Until the package is on npm, install its `npm pack` " +
      `tarball instead (${BEFORE_PUBLISHED}).`,
  },
  {
    folder: "python",
    title: "Python",
    program: "__main__.py",
    files: ["Pulumi.yaml", "requirements.txt"],
    fence: "python",
    route: "plugin",
    install:
      "the plugin; then `pulumi install`: the project's `packages: cliq: cliq@" +
      VERSION +
      "` (Pulumi.yaml) " +
      "makes it generate the `pulumi_cliq` SDK from the installed plugin into `sdks/cliq`, add that folder to " +
      "requirements.txt and install both into `venv` (offline, set `PULUMI_DISABLE_REGISTRY_RESOLVE=true`).",
  },
  {
    folder: "go",
    title: "Go",
    program: "main.go",
    files: ["Pulumi.yaml", "go.mod"],
    fence: "go",
    route: "plugin",
    install:
      "the plugin; then the Go SDK, `go get github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq@v" +
      VERSION +
      "` once its tag is published. Until then, generate it from the installed plugin and require it through a " +
      `\`replace\` (${BEFORE_PUBLISHED}, whose steps the template test runs as written).`,
  },
  {
    folder: "yaml",
    title: "YAML",
    program: "Pulumi.yaml",
    files: [],
    fence: "yaml",
    route: "plugin",
    install: "the plugin. No SDK: the types come from the plugin's schema.",
  },
];

/** What names the page's subject in each language: a resource's type token, a function's name. */
export interface TypeTokens {
  /** "Type token" for a resource, "Function" for a function. */
  label: string;
  names: Record<ExampleLanguage["folder"], string>;
}

/** A resource's tokens: the dynamic provider's for TypeScript, the plugin's for the other languages. */
export function resourceTokens(kind: string): TypeTokens {
  const plugin = `cliq:index:${kind}`;
  return {
    label: "Type token",
    names: { typescript: `pulumi-nodejs:dynamic/cliq:${kind}`, python: plugin, go: plugin, yaml: plugin },
  };
}

/** The program text of one example in one language. */
export function exampleProgram(example: string, language: ExampleLanguage): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, example, language.folder, language.program), "utf8");
}

/** A project's files (program first), each as a link relative to docs/. */
function projectLinks(example: string, language: ExampleLanguage): string {
  const folder = `examples/${example}/${language.folder}`;
  return [language.program, ...language.files]
    .map((file) => `[\`${file}\`](../${folder}/${file})`)
    .join(", ");
}

/** One language's section: the page's subject as this language names it, the project's files, the program. */
function languageSection(example: string, language: ExampleLanguage, tokens: TypeTokens): string {
  return [
    `### ${language.title}`,
    "",
    `${tokens.label}: \`${tokens.names[language.folder]}\`. Project \`examples/${example}/${language.folder}\`: ` +
      `${projectLinks(example, language)}.`,
    "",
    "```" + language.fence,
    exampleProgram(example, language).trimEnd(),
    "```",
  ].join("\n");
}

/** What each language installs, one bullet each. */
export function installList(): string {
  return [
    `- **The \`cliq\` plugin** (Python, Go, YAML): ${PLUGIN_INSTALL}.`,
    ...EXAMPLE_LANGUAGES.map((language) => `- **${language.title}**: ${language.install}`),
  ].join("\n");
}

/**
 * The example block of a page: every language's program of `examples/<example>/`, and the name of the page's
 * resource or function in each.
 */
export function examplesBlock(example: string, tokens: TypeTokens): string {
  const intro =
    `Every program below is \`examples/${example}/<language>\`, run by the test suite through the real ` +
    "`pulumi` CLI against the Cliq emulator (`up`, then `destroy`). TypeScript uses the npm package's dynamic " +
    "resources; Python, Go and YAML use the `cliq` provider plugin. What each language installs:";
  return [
    intro,
    installList(),
    ...EXAMPLE_LANGUAGES.map((language) => languageSection(example, language, tokens)),
  ].join("\n\n");
}
