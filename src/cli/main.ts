#!/usr/bin/env node
/**
 * The `vkdoc` command line: a thin layer over the public API.
 *
 *   vkdoc ast FILE [--positions]
 *   vkdoc html|json|md FILE|DIR|- ... [-o OUT] [--target T] [--as PATH] [--root DIR] [--vars FILE] [--faq]
 *   vkdoc lint PATH... [--root DIR] [--target T | --all-targets] [--profile faq] [--as PAGE]
 *              [--format stylish|json|sarif|github] [--max-warnings N] [--fix] [--quiet]
 *   vkdoc build --root DIR [--target T] [--lang ru] --out OUT [--workers N] [--watch] [PAGE...]
 *
 * Exit codes: 0 done and clean, 1 done with errors in the input, 2 usage or I/O error.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {
  DocsTree,
  applyFixes,
  compile,
  faqFromCompiled,
  formatters,
  hastToHtml,
  loadDocs,
  mdastToHast,
  mdastToMarkdown,
  parse,
  validate,
  type CompileOptions,
  type Compiled,
  type FormatterName,
  type VkdocMessage,
} from '../node.js'
import {buildSite} from './build.js'
import {createProgress} from './progress.js'

class UsageError extends Error {}

const usage = `Usage:
  vkdoc ast FILE [--positions]
  vkdoc html|json|md FILE|DIR|- ... [-o OUT] [--target T] [--as PATH] [--root DIR] [--vars FILE] [--faq] [--no-sanitize]
  vkdoc lint PATH... [--root DIR] [--target T | --all-targets] [--profile faq] [--as PAGE]
             [--format stylish|json|sarif|github] [--max-warnings N] [--fix] [--quiet]
  vkdoc build --root DIR [--target T] [--lang ru] --out OUT [--workers N] [--watch] [PAGE...]
Exit codes: 0 clean, 1 errors in the input, 2 usage or I/O error.`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(usage + '\n')
    return command ? 0 : 2
  }
  switch (command) {
    case 'ast':
      return astCommand(rest)
    case 'html':
    case 'json':
    case 'md':
      return convertCommand(command, rest)
    case 'lint':
      return lintCommand(rest)
    case 'build':
      return buildSite(rest)
    default:
      throw new UsageError(`unknown command \`${command}\``)
  }
}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8')
  return readFileSync(file, 'utf8')
}

function astCommand(args: string[]): number {
  const {values, positionals} = parseArgs({args, allowPositionals: true, options: {positions: {type: 'boolean'}}})
  if (positionals.length !== 1) throw new UsageError('`vkdoc ast` takes one FILE (or - for stdin)')
  const file = positionals[0]!
  const result = parse(readInput(file), {file})
  const json = JSON.stringify(result.tree, (key, value) => (key === 'position' && !values.positions ? undefined : value), 2)
  process.stdout.write(json + '\n')
  printMessages(result.messages, 'stylish')
  return result.messages.some((message) => message.severity === 'error') ? 1 : 0
}

/** Markdown files of the inputs: files as given, folders walked. */
function collectFiles(inputs: string[]): string[] {
  const files: string[] = []
  for (const input of inputs) {
    if (input === '-') {
      files.push(input)
      continue
    }
    if (!existsSync(input)) throw new IoError(`${input}: no such file or folder`)
    if (statSync(input).isDirectory()) {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir).sort()) {
          const path = join(dir, name)
          if (statSync(path).isDirectory()) walk(path)
          else if (name.endsWith('.md')) files.push(path)
        }
      }
      walk(input)
    } else files.push(input)
  }
  return files
}

class IoError extends Error {}

function loadVariables(file: string | undefined): Record<string, string> | undefined {
  if (!file) return undefined
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new IoError(`${file}: cannot read variables (${(error as Error).message})`)
  }
  const record = (data && typeof data === 'object' && 'variables' in data ? (data as {variables: unknown}).variables : data) as Record<string, unknown>
  const variables: Record<string, string> = {}
  for (const [name, value] of Object.entries(record ?? {})) {
    if (typeof value === 'string') variables[name] = value
  }
  return variables
}

function treeRelative(root: string, file: string): string {
  return relative(root, resolve(file)).split('\\').join('/')
}

function convertCommand(format: 'html' | 'json' | 'md', args: string[]): number {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: {type: 'string', short: 'o'},
      target: {type: 'string'},
      as: {type: 'string'},
      root: {type: 'string'},
      vars: {type: 'string'},
      faq: {type: 'boolean'},
      'no-sanitize': {type: 'boolean'},
      'class-prefix': {type: 'string'},
    },
  })
  if (positionals.length === 0) throw new UsageError(`\`vkdoc ${format}\` needs FILE, DIR or -`)
  const files = collectFiles(positionals)
  if (values.as && files.length !== 1) throw new UsageError('`--as` places exactly one input file in the tree')
  const target = values.target ?? 'public'
  const tree = values.root ? loadDocs(values.root) : undefined
  const variables = loadVariables(values.vars)
  const options: CompileOptions = {target, sanitize: !values['no-sanitize'], classPrefix: values['class-prefix'], variables}
  const messages: VkdocMessage[] = []
  const base = positionals.length === 1 && positionals[0] !== '-' && statSync(positionals[0]!).isDirectory() ? positionals[0]! : undefined
  for (const file of files) {
    const source = readInput(file)
    let compiled: Compiled
    let meta: {title: string | null} | undefined
    if (tree) {
      const path = values.as ?? treeRelative(values.root!, file)
      compiled = tree.render(path, {...options, target, text: source})
      const page = tree.page(path)
      meta = page ? {title: page.title} : undefined
    } else {
      compiled = compile(source, {...options, file, path: values.as})
    }
    messages.push(...compiled.messages)
    const output = render(format, compiled, {...options, meta, faq: values.faq})
    if (values.out) {
      const name = base ? relative(base, file) : file === '-' ? 'stdin.md' : file.split(/[\\/]/).pop()!
      const outFile = join(values.out, name.replace(/\.md$/, format === 'html' ? '.html' : format === 'json' ? '.json' : '.md'))
      mkdirSync(dirname(outFile), {recursive: true})
      writeFileSync(outFile, output)
    } else {
      process.stdout.write(output.endsWith('\n') ? output : output + '\n')
    }
  }
  printMessages(messages, 'stylish')
  return messages.some((message) => message.severity === 'error') ? 1 : 0
}

function render(format: 'html' | 'json' | 'md', compiled: Compiled, options: CompileOptions & {faq?: boolean; meta?: {title: string | null}}): string {
  if (format === 'html') return hastToHtml(mdastToHast(compiled.mdast, options), {sanitize: options.sanitize})
  if (format === 'md') return mdastToMarkdown(compiled.mdast, options)
  if (options.faq) return JSON.stringify(faqFromCompiled(compiled, options), null, 2)
  return JSON.stringify({type: 'vkdoc-document', version: 1, target: options.target, tree: compiled.mdast}, null, 2)
}

function printMessages(messages: VkdocMessage[], format: FormatterName, stream: NodeJS.WriteStream = process.stderr): void {
  if (messages.length === 0) return
  stream.write(formatters[format](messages, {color: stream.isTTY === true, cwd: process.cwd()}) + '\n')
}

function lintCommand(args: string[]): number {
  const {values, positionals} = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: {type: 'string'},
      target: {type: 'string'},
      'all-targets': {type: 'boolean'},
      profile: {type: 'string'},
      as: {type: 'string'},
      format: {type: 'string', default: 'stylish'},
      'max-warnings': {type: 'string'},
      fix: {type: 'boolean'},
      quiet: {type: 'boolean'},
    },
  })
  const format = values.format as FormatterName
  if (!(format in formatters)) throw new UsageError(`unknown format \`${format}\` (stylish, json, sarif, github)`)
  if (values.profile !== undefined && values.profile !== 'faq') throw new UsageError(`unknown profile \`${values.profile}\``)
  if (values.target && values['all-targets']) throw new UsageError('`--target` and `--all-targets` exclude each other')
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings'])
  if (Number.isNaN(maxWarnings)) throw new UsageError('`--max-warnings` takes a number')
  if (positionals.length === 0 && !values.root) throw new UsageError('`vkdoc lint` needs PATH... or --root DIR')
  const profile = values.profile as 'faq' | undefined
  let messages: VkdocMessage[] = []
  const root = values.root
  const tree = root ? loadDocs(root) : undefined
  const sources = new Map<string, string>()
  /** Where each file linted from the command line is on disk, by the name its messages carry (`--as` renames). */
  const diskPaths = new Map<string, string>()
  const lintOne = (file: string, text: string, path?: string): VkdocMessage[] => {
    sources.set(path ?? file, text)
    diskPaths.set(path ?? file, file)
    return validate(text, {path: path ?? file, root: tree, target: values.target ?? (tree ? undefined : 'public'), profile})
  }
  if (tree && (positionals.length === 0 || (positionals.length === 1 && resolve(positionals[0]!) === resolve(root!)))) {
    const progress = createProgress({total: tree.pages().length, label: 'lint', stream: process.stderr})
    messages = validate(tree, {target: values.target, profile, onPage: () => progress.tick()})
    progress.done()
  } else {
    for (const file of collectFiles(positionals)) {
      const text = readInput(file)
      const path = values.as ?? (tree ? treeRelative(root!, file) : file)
      messages.push(...lintOne(file, text, path))
    }
  }
  if (values.fix) {
    // Fix the text that was linted (a draft given with `--as` is not the tree's page) and write it where it was read.
    const writable = (file: string): boolean => diskPaths.get(file) !== '-'
    const fixed = applyFixes(
      messages.filter((message) => message.file !== undefined && writable(message.file)),
      (file) => sources.get(file) ?? tree?.read(file) ?? (existsSync(join(root ?? '.', file)) ? readFileSync(join(root ?? '.', file), 'utf8') : undefined),
    )
    for (const [file, text] of fixed) writeFileSync(diskPaths.get(file) ?? (root ? join(root, file) : file), text)
    messages = messages.filter((message) => !message.fix || !writable(message.file ?? ''))
    process.stderr.write(`fixed ${fixed.size} file(s)\n`)
  }
  if (values.quiet) messages = messages.filter((message) => message.severity === 'error')
  const output = formatters[format](messages, {color: format === 'stylish' && process.stdout.isTTY === true, cwd: process.cwd(), sources: (file) => sources.get(file) ?? tree?.read(file)})
  if (output) process.stdout.write(output.endsWith('\n') ? output : output + '\n')
  const errors = messages.filter((message) => message.severity === 'error').length
  const warnings = messages.filter((message) => message.severity === 'warning').length
  return errors > 0 || warnings > maxWarnings ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as {code?: string}).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as {code?: string}).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`vkdoc: ${(error as Error).message}\n\n${usage}\n`)
    } else if (error instanceof IoError || (error as {code?: string}).code === 'ENOENT' || (error as {code?: string}).code === 'EISDIR') {
      process.stderr.write(`vkdoc: ${(error as Error).message}\n`)
    } else {
      process.stderr.write(`vkdoc: internal error: ${(error as Error).stack ?? String(error)}\n`)
    }
    process.exitCode = 2
  },
)

export {DocsTree}
