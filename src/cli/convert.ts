/**
 * `vkdoc html|json|md|ast`: convert files one by one. Everything that can be
 * wrong with the call (a target the tree does not define, `--as` without a
 * tree, two inputs writing one output) is found before the first file is
 * written; a file that cannot be read or fails is reported with its name and
 * the others are still converted (exit 2 at the end).
 */
import {mkdirSync, readFileSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {faqFromCompiled, compile, type CompileOptions, type Compiled} from '../compile.js'
import type {VkdocMessage} from '../diagnostics/report.js'
import {invalidUtf8Message} from '../lint/encoding.js'
import {formatters} from '../lint/format/index.js'
import {parse} from '../parser/index.js'
import {mdastToHast} from '../render/to-hast.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToMarkdown} from '../render/to-markdown.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {langOf} from '../tree/index.js'
import {flag, parseFor, stringValue} from './args.js'
import {findCommand} from './commands.js'
import {checkTarget, displayOf, openMarkdownInputs, RunContext} from './context.js'
import {treePathOf} from './inputs.js'
import {describeFsError, IoError, UsageError, type Io} from './io.js'
import {writeInside} from './build-pages.js'
import {planOutputs} from './output-paths.js'

type Format = 'html' | 'json' | 'md'

const extensions: Record<Format, string> = {html: '.html', json: '.json', md: '.md'}

interface Job {
  /** Absolute path or `-`. */
  disk: string
  /** The name messages carry. */
  shown: string
  tree?: DocsTree
  root?: string | null
  /** The page it is rendered as (a tree file, or `--as`). */
  treePath?: string
  /** Its text stands for `treePath` instead of the tree's file (`--as`, stdin). */
  draft: boolean
  target: string
}

export async function convertCommand(format: Format, args: readonly string[], io: Io): Promise<number> {
  const {values, positionals} = parseFor(findCommand(format)!, args)
  if (positionals.length === 0) throw new UsageError(`\`vkdoc ${format}\` needs FILE, DIR, GLOB or -`, format)
  const {ctx, cwdSettings, inputs} = await openMarkdownInputs(format, values, positionals, io, {root: stringValue(values, 'root'), lang: stringValue(values, 'lang'), target: stringValue(values, 'target')})
  const as = stringValue(values, 'as')
  if (as !== undefined && inputs.files.length !== 1) throw new UsageError('`--as` places exactly one input file (or `-`) in the tree', format)

  const jobs: Job[] = []
  for (const input of inputs.files) {
    // A draft placed with `--as` belongs to the tree it is placed in: the working directory's settings.
    const settings = as !== undefined ? cwdSettings : await ctx.settings(input.path)
    if (input.path !== '-' && ctx.isIgnored(input.path, settings)) {
      if (input.via === 'file') io.stderr.write(`vkdoc: ${displayOf(input.path, io.cwd)} is ignored; --no-ignore converts it\n`)
      continue
    }
    const tree = ctx.tree(settings)
    const target = settings.targets?.[0] ?? 'public'
    if (tree) checkTarget(tree, target, format)
    if (as !== undefined && !tree) throw new UsageError('`--as` needs `--root DIR` (or `root` in a configuration): it places the file in that tree', format)
    const shown = input.path === '-' ? (ctx.stdinPath ?? '<stdin>') : input.path
    let treePath: string | undefined = as
    if (tree && as === undefined) {
      const onDisk = input.path === '-' ? ctx.stdinPath : input.path
      treePath = (onDisk && treePathOf(settings.root!, onDisk)) ?? undefined
      if (treePath === undefined && input.via === 'file') {
        throw new UsageError(`\`${displayOf(shown, io.cwd)}\` is outside the docs root \`${displayOf(settings.root!, io.cwd)}\`; \`--as PAGE\` renders a draft as a page of the tree`, format)
      }
    }
    jobs.push({disk: input.path, shown, tree, root: settings.root, treePath, draft: as !== undefined || input.path === '-', target})
  }
  if (jobs.length === 0) throw new UsageError('no files to convert: every file given is ignored', format)
  const out = stringValue(values, 'out')
  const outDir = out === undefined ? undefined : resolve(io.cwd, out)
  const outputs = out === undefined ? undefined : planOutputs(jobs.map((job) => ({path: job.disk === '-' ? (ctx.stdinPath ?? '-') : job.disk, root: job.root})), out, extensions[format], io.cwd, format)
  const options: CompileOptions = {
    sanitize: !flag(values, 'no-sanitize'),
    ...(stringValue(values, 'class-prefix') !== undefined ? {classPrefix: stringValue(values, 'class-prefix')} : {}),
    ...(stringValue(values, 'vars') !== undefined ? {variables: loadVariables(resolve(io.cwd, stringValue(values, 'vars')!), io.cwd)} : {}),
  }

  const messages: VkdocMessage[] = []
  let failures = 0
  jobs.forEach((job, index) => {
    try {
      const {output, messages: found} = convertOne(ctx, job, format, options, flag(values, 'faq'))
      messages.push(...found)
      if (outputs && outDir !== undefined) {
        // Inside OUT, and never through a symbolic link left there (as the build writes).
        mkdirSync(outDir, {recursive: true})
        writeInside(outDir, relative(outDir, outputs[index]!), output)
      } else io.stdout.write(output.endsWith('\n') ? output : output + '\n')
    } catch (error) {
      failures++
      io.stderr.write(describeFailure(error, job.shown, io.cwd))
    }
  })
  if (messages.length > 0) io.stderr.write(formatters.stylish(messages, {color: io.stderr.isTTY === true && !io.env['NO_COLOR'], cwd: io.cwd}) + '\n')
  if (failures > 0) return 2
  return messages.some((message) => message.severity === 'error') ? 1 : 0
}

/** One line for a file that failed: an I/O problem as such, anything else as an internal error naming the file. */
export function describeFailure(error: unknown, file: string, cwd: string): string {
  if (error instanceof IoError) return `vkdoc: ${error.message}\n`
  return `vkdoc: internal error on ${displayOf(file, cwd)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
}

function convertOne(ctx: RunContext, job: Job, format: Format, options: CompileOptions, faq: boolean): {output: string; messages: VkdocMessage[]} {
  const decoded = ctx.read(job.disk)
  const path = job.treePath
  let compiled: Compiled
  let meta: CompileOptions['meta']
  if (job.tree && path !== undefined) {
    const fromTree = !job.draft && job.tree.page(path)?.file === path
    compiled = job.tree.render(path, {...options, target: job.target, ...(fromTree ? {} : {text: decoded.text})})
    const page = job.tree.page(path)
    meta = {title: page?.title ?? null, ...(page ? {page: {url: '/' + page.folder, file: page.file, lang: langOf(page.file) ?? null, target: job.target}} : {})}
  } else {
    compiled = compile(decoded.text, {...options, target: job.target, file: job.shown})
  }
  const messages = compiled.messages.map((message) => {
    // One target is rendered: every message is of that target, so none says "only in".
    delete message.targets
    if (path !== undefined && message.file === path) message.file = job.shown
    else if (message.file && job.root && path !== undefined) message.file = resolve(job.root, message.file)
    return message
  })
  if (decoded.problem) messages.unshift(invalidUtf8Message(job.shown, decoded.text, decoded.problem))
  const output =
    format === 'html'
      ? hastToHtml(mdastToHast(compiled.mdast, {...options, ...(path !== undefined && langOf(path) ? {lang: langOf(path)!} : {})}), {sanitize: options.sanitize})
      : format === 'md'
        ? mdastToMarkdown(compiled.mdast, options)
        : faq
          ? JSON.stringify(faqFromCompiled(compiled, {...options, meta}), null, 2)
          : JSON.stringify({type: 'vkdoc-document', version: 1, target: job.target, tree: compiled.mdast}, null, 2)
  return {output, messages}
}

/** `--vars FILE`: a JSON object of names to strings, or a meta file with `variables`. */
function loadVariables(file: string, cwd: string): Record<string, string> {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : describeFsError(error)
    throw new UsageError(`\`--vars ${displayOf(file, cwd)}\`: ${reason}`)
  }
  const record = (data && typeof data === 'object' && 'variables' in data ? (data as {variables: unknown}).variables : data) as Record<string, unknown>
  const variables: Record<string, string> = {}
  for (const [name, value] of Object.entries(record ?? {})) if (typeof value === 'string') variables[name] = value
  return variables
}

/** `vkdoc ast FILE|-`: the dialect AST as JSON. */
export function astCommand(args: readonly string[], io: Io): number {
  const {values, positionals} = parseFor(findCommand('ast')!, args)
  if (positionals.length !== 1) throw new UsageError('`vkdoc ast` takes one FILE (or - for stdin)', 'ast')
  const input = positionals[0]!
  const ctx = new RunContext(io, {command: 'ast', flags: {}, noConfig: true, stdinFilename: stringValue(values, 'stdin-filename')})
  const path = input === '-' ? '-' : resolve(io.cwd, input)
  const decoded = ctx.read(path)
  const shown = path === '-' ? (ctx.stdinPath ?? '<stdin>') : path
  const result = parse(decoded.text, {file: shown})
  const positions = flag(values, 'positions')
  io.stdout.write(JSON.stringify(result.tree, (key, value) => (key === 'position' && !positions ? undefined : value), 2) + '\n')
  const messages = decoded.problem ? [invalidUtf8Message(shown, decoded.text, decoded.problem), ...result.messages] : result.messages
  if (messages.length > 0) io.stderr.write(formatters.stylish(messages, {cwd: io.cwd}) + '\n')
  return messages.some((message) => message.severity === 'error') ? 1 : 0
}
