/**
 * The one table of vkdoc's commands and options. Argument parsing, `--help`,
 * `vkdoc help CMD` and the README's command-line reference are all made from
 * it (`npm run docs:cli` regenerates the README section; a test keeps it in
 * step), so an option documented is an option parsed, with the same words.
 *
 * Adding a command: add a row to `commands` (options from the groups below
 * or its own) and a case to the dispatcher in `run.ts`.
 */
import {codes} from '../diagnostics/codes.js'

export interface OptionSpec {
  type: 'boolean' | 'string'
  short?: string
  /** May be given more than once (values collect in order). */
  multiple?: boolean
  /** The value's placeholder in help (`DIR`). */
  arg?: string
  description: string
  /** The accepted values, when they are a fixed list. */
  choices?: readonly string[]
  /** What applies when the option is not given, as shown in help. */
  defaultText?: string
  /** Checks one value: the problem in words, or `undefined` when it is fine. */
  check?: (value: string) => string | undefined
}

export interface CommandSpec {
  name: string
  /** One line for the command list. */
  summary: string
  /** Synopsis lines, without the leading `vkdoc `. */
  usage: readonly string[]
  /** Paragraphs after the synopsis in `--help`. */
  details?: readonly string[]
  options: Readonly<Record<string, OptionSpec>>
}

const wholeNumber = (least: number, most = Number.MAX_SAFE_INTEGER) => (value: string): string | undefined =>
  /^\d+$/.test(value) && Number(value) >= least && Number(value) <= most ? undefined : `takes a whole number from ${least}${most === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${most}`}`

/** A build point name as `config/*.mjs` writes them (`public`, `private-pg`, `data_p`). */
const checkTarget = (value: string): string | undefined => (/^[A-Za-z0-9][\w.-]*$/.test(value) ? undefined : 'takes a build point name such as `public`')

/** A language folder (`ru`): a single folder name, never a path. */
const checkLang = (value: string): string | undefined => (/^[A-Za-z][\w-]*$/.test(value) ? undefined : 'takes a language folder name such as `ru`')

const checkRule = (value: string): string | undefined => {
  const match = /^([a-z0-9-]+)\s*[=:]\s*(off|warn|error)$/.exec(value.trim())
  if (!match) return 'takes CODE=off|warn|error (`faq-question-mark=off`)'
  return match[1]! in codes ? undefined : `names \`${match[1]}\`, which is not a vkdoc code (see docs/rules)`
}

const checkBase = (value: string): string | undefined =>
  value === '.' || value === './' || /^\/(?:[^\s?#"'<>\\]*\/)?$/.test(value) || /^\/[^\s?#"'<>\\]*$/.test(value) ? undefined : 'takes a URL path such as `/docs/`, or `./` for relative links'

/** Where the docs tree is and which part of it: every command that can work inside a tree. */
const treeOptions = {
  root: {type: 'string', arg: 'DIR', description: 'The docs tree (the folder holding `ru/` and `config/`): includes, variables, links and build targets resolve in it.', defaultText: '`root` of the configuration'},
  lang: {type: 'string', arg: 'LANG', description: 'Load only this language folder of the tree.', check: checkLang},
} satisfies Record<string, OptionSpec>

const targetOption = {
  target: {type: 'string', arg: 'T', description: 'The build target (build point) to render for; with `--root` it must be one the tree defines.', defaultText: 'first of `targets` in the configuration, else `public`', check: checkTarget},
} satisfies Record<string, OptionSpec>

/** Which files a command reads when given folders and globs. */
const inputOptions = {
  'ignore-pattern': {type: 'string', multiple: true, arg: 'PATTERN', description: 'Skip files matching this pattern (gitignore syntax, relative to the working directory), besides `.vkdocignore` and `ignorePatterns`.'},
  'no-ignore': {type: 'boolean', description: 'Read ignored files too (`.vkdocignore`, `ignorePatterns`, `--ignore-pattern` are not applied).'},
  'stdin-filename': {type: 'string', arg: 'PATH', description: 'The name of the text read from `-` (stdin): used for messages, the configuration, the FAQ-page rule and its place in the tree.'},
  config: {type: 'string', short: 'c', arg: 'FILE', description: 'Use this configuration file instead of searching upward from each file.'},
  'no-config': {type: 'boolean', description: 'Use no configuration file.'},
} satisfies Record<string, OptionSpec>

/** `--cache`: keep results between runs (lint and build inside a tree). */
const cacheOptions = {
  cache: {type: 'boolean', description: 'Reuse the results of pages nothing they depend on changed since the last run (checked by content: the page, its fragments, the pages it links to, variables, build points, options and vkdoc itself).', defaultText: '`cache` of the configuration'},
  'cache-location': {type: 'string', arg: 'DIR', description: 'Folder of the cache files.', defaultText: '`cacheLocation` of the configuration, else `node_modules/.cache/vkdoc`'},
} satisfies Record<string, OptionSpec>

const placeOption = {
  as: {type: 'string', arg: 'PAGE', description: 'Treat the one input (a draft, stdin) as this page of the tree (`ru/x/x.md`); needs `--root`. Messages still name the file that was read.'},
} satisfies Record<string, OptionSpec>

const renderOptions = {
  vars: {type: 'string', arg: 'FILE', description: 'Variables for `{var(…)}` without a tree: a JSON object, or a meta file with `variables`.'},
  'no-sanitize': {type: 'boolean', description: 'UNSAFE: pass raw HTML of the source through unsanitised (scripts and event handlers included). Only for trusted input.'},
  'class-prefix': {type: 'string', arg: 'PREFIX', description: 'Prefix of the classes and ids vkdoc emits.', defaultText: '`vk-`', check: (value) => (/^(?:[a-z][\w-]*)?$/i.test(value) ? undefined : 'takes letters, digits, `-` or `_`, starting with a letter')},
} satisfies Record<string, OptionSpec>

const outOption = {
  out: {type: 'string', short: 'o', arg: 'OUT', description: 'Write one file per input under OUT, mirroring the inputs\' paths (relative to `--root`, else to their common folder); without it, print to stdout.'},
} satisfies Record<string, OptionSpec>

const helpOption = {
  help: {type: 'boolean', short: 'h', description: 'Show this help.'},
} satisfies Record<string, OptionSpec>

const convertDetails = ['PATH is a file, a folder (its `.md` files), a glob (`docs/**/faq.md`) or `-` for stdin.']

export const commands: readonly CommandSpec[] = [
  {
    name: 'lint',
    summary: 'Check files, folders, globs or a whole docs tree.',
    usage: ['lint [PATH|GLOB|-]... [options]', 'lint --root DIR [options]'],
    details: [
      'Without PATH, lints the whole tree of `--root` (or of the configuration). With PATHs inside a tree, reports exactly what the whole-tree run reports for those files: fragments are judged where they are included, meta files and variables whenever their files are given.',
      'FAQ rules apply to FAQ pages only (`faqPages` of the configuration, default `**/faq/faq.md`).',
    ],
    options: {
      ...treeOptions,
      target: {...targetOption.target, description: 'Lint for this build target only.', defaultText: '`targets` of the configuration, else every target of each page'},
      ...placeOption,
      format: {type: 'string', short: 'f', arg: 'NAME', description: 'Report format.', choices: ['stylish', 'json', 'sarif', 'github'], defaultText: '`stylish`'},
      rule: {type: 'string', multiple: true, arg: 'CODE=SEVERITY', description: 'Set a code to `off`, `warn` or `error` (over the configuration\'s `rules`).', check: checkRule},
      'max-warnings': {type: 'string', arg: 'N', description: 'Exit 1 when there are more than N warnings.', check: wholeNumber(0)},
      quiet: {type: 'boolean', description: 'Report errors only.'},
      fix: {type: 'boolean', description: 'Apply the certain repairs the diagnostics carry and write the files back; with `-` print the fixed text to stdout (the report goes to stderr).'},
      profile: {type: 'string', arg: 'NAME', description: '`faq`: treat the files named on the command line (and stdin) as FAQ pages.', choices: ['faq']},
      'report-unused-disables': {type: 'boolean', description: 'Report `vkdoc-disable` comments that suppress nothing.'},
      'no-inline-config': {type: 'boolean', description: 'Ignore `<!-- vkdoc-disable… -->` comments.'},
      'print-config': {type: 'string', arg: 'FILE', description: 'Print the settings that apply to FILE (configuration and flags merged) as JSON, and exit.'},
      ...cacheOptions,
      ...inputOptions,
      ...helpOption,
    },
  },
  {
    name: 'html',
    summary: 'Render to an HTML fragment (sanitised).',
    usage: ['html PATH... [-o OUT] [options]'],
    details: convertDetails,
    options: {...outOption, ...treeOptions, ...targetOption, ...placeOption, ...renderOptions, ...inputOptions, ...helpOption},
  },
  {
    name: 'json',
    summary: 'FAQ JSON (`--faq`, schema/faq.schema.json) or the whole document tree as JSON.',
    usage: ['json PATH... [--faq] [-o OUT] [options]'],
    details: convertDetails,
    options: {
      faq: {type: 'boolean', description: 'The FAQ shape: one question per top-level `{cut}`.'},
      ...outOption,
      ...treeOptions,
      ...targetOption,
      ...placeOption,
      ...renderOptions,
      ...inputOptions,
      ...helpOption,
    },
  },
  {
    name: 'md',
    summary: 'Plain CommonMark/GFM with no dialect left.',
    usage: ['md PATH... [-o OUT] [options]'],
    details: convertDetails,
    options: {...outOption, ...treeOptions, ...targetOption, ...placeOption, vars: renderOptions.vars, ...inputOptions, ...helpOption},
  },
  {
    name: 'ast',
    summary: 'The lossless dialect AST of one file as JSON.',
    usage: ['ast FILE|- [--positions]'],
    options: {
      positions: {type: 'boolean', description: 'Keep the `position` of every node.'},
      'stdin-filename': inputOptions['stdin-filename'],
      ...helpOption,
    },
  },
  {
    name: 'build',
    summary: 'Render every page of a target to a site folder (HTML, FAQ JSON, assets, manifest).',
    usage: ['build --root DIR --out OUT [PAGE...] [options]'],
    details: [
      'PAGE limits the build to these pages (`ru/x/x.md` or `ru/x`). `--base /docs/` serves the site under a sub-path; `--base ./` makes every link relative, so the folder also works opened from disk.',
    ],
    options: {
      ...treeOptions,
      ...targetOption,
      out: {type: 'string', short: 'o', arg: 'OUT', description: 'The site folder to write.'},
      base: {type: 'string', arg: 'PATH', description: 'URL path the site is served under (`/docs/`), or `./` for relative links.', defaultText: '`/`', check: checkBase},
      workers: {type: 'string', arg: 'N', description: 'Worker threads.', defaultText: 'one per core', check: wholeNumber(1, 256)},
      watch: {type: 'boolean', description: 'Keep running and re-render what an edit touches.'},
      serve: {type: 'boolean', description: 'With `--watch`: also serve OUT on 127.0.0.1 (see `vkdoc serve`).'},
      'out-inside-root': {type: 'boolean', description: 'Allow OUT to be the docs root or a folder inside it (refused otherwise: the build would write into the sources).'},
      port: {type: 'string', arg: 'N', description: 'Port for `--serve`.', defaultText: '`4000`', check: wholeNumber(0, 65535)},
      ...cacheOptions,
      ...helpOption,
    },
  },
  {
    name: 'serve',
    summary: 'A preview server on 127.0.0.1 that renders pages on request and reloads them on change.',
    usage: ['serve --root DIR [--port N] [options]'],
    details: ['Pages render from the tree on each request after an edit (no build folder); an open page reloads itself when a file it depends on changes. Listens on the loopback interface only.'],
    options: {
      ...treeOptions,
      ...targetOption,
      port: {type: 'string', short: 'p', arg: 'N', description: 'Port (`0`: any free port).', defaultText: '`4000`', check: wholeNumber(0, 65535)},
      ...helpOption,
    },
  },
  {
    name: 'fmt',
    summary: 'Format the dialect (directive spelling, block indentation and spacing) without changing what renders.',
    usage: ['fmt PATH|GLOB|- [--check | --write] [options]'],
    details: [
      'One file (or `-`) prints the formatted text; `--check` lists the files that would change and exits 1; `--write` rewrites them. Markdown without a rule is left byte for byte; an edit that would change the rendering of a page (inside `--root`: through the tree, for each target it is built for) is not made.',
    ],
    options: {
      check: {type: 'boolean', description: 'List the files that would change (exit 1 when some would).'},
      write: {type: 'boolean', short: 'w', description: 'Rewrite the files that change.'},
      ...treeOptions,
      ...inputOptions,
      ...helpOption,
    },
  },
  {
    name: 'lsp',
    summary: 'The language server for editors (Language Server Protocol over stdin and stdout).',
    usage: ['lsp --stdio'],
    details: [
      'The editor starts it and talks JSON-RPC over standard input and output. The docs root is the nearest folder at or above the workspace folder holding `config/*.mjs`, or `root` in the initialization options (with `lang`). See the README section "Editors" for VS Code, Neovim and Helix.',
    ],
    options: {
      stdio: {type: 'boolean', description: 'Talk over standard input and output (the only transport; required).'},
      clientProcessId: {type: 'string', arg: 'PID', description: 'The editor\'s process id, as some clients pass it: the server exits when that process is gone.', check: wholeNumber(1)},
      ...helpOption,
    },
  },
  {
    name: 'help',
    summary: 'Show help for a command.',
    usage: ['help [COMMAND]', 'help --markdown'],
    options: {
      markdown: {type: 'boolean', description: 'Print the reference of every command as Markdown (the README\'s command-line section is this output).'},
      ...helpOption,
    },
  },
]

/** Options of `vkdoc` itself, before any command. */
export const globalOptions: Readonly<Record<string, OptionSpec>> = {
  version: {type: 'boolean', short: 'v', description: 'Print the version.'},
  ...helpOption,
}

export const exitCodes: readonly string[] = ['`0` done and clean', '`1` done with errors in the input (or more warnings than `--max-warnings`)', '`2` usage or I/O error (nothing written)']

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name)
}
