/**
 * `vkdoc lint`: the author's loop. Inputs are grouped by the settings that
 * apply to them (configuration found upward, flags over it); a group inside a
 * docs tree is linted as a part of the whole-tree run (`validate` with
 * `files`), so any set of paths reports exactly what the tree run reports for
 * them. Messages name files relative to the working directory in every
 * format; a draft given with `--as` is reported under the file that was read.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import {faqPageMatcher, printableSettings, settingsKey, type Settings} from '../config/settings.js'
import type {Code} from '../diagnostics/codes.js'
import type {VkdocMessage} from '../diagnostics/report.js'
import {applyFixes} from '../lint/fix.js'
import {invalidUtf8Message} from '../lint/encoding.js'
import {formatters, type FormatterName} from '../lint/format/index.js'
import {validate, type RuleSetting, type ValidateOptions} from '../lint/validate.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {hasBom} from '../tree/decode.js'
import {flag, listValue, parseFor, stringValue} from './args.js'
import {findCommand} from './commands.js'
import {checkTarget, displayOf, RunContext} from './context.js'
import {collectInputs, treePathOf, type InputFile} from './inputs.js'
import {describeFsError, InternalError, UsageError, type Io} from './io.js'
import {cacheFile, defaultCacheFolder, openLintCache} from './cache.js'
import type {ResultCache} from '../cache/results.js'
import {createProgress} from './progress.js'

const spec = findCommand('lint')!

/** A text linted on its own: a file outside the tree's index, a draft (`--as`), stdin. */
interface LoneText {
  /** Where it was read: an absolute path or `-`. */
  disk: string
  /** The name its messages carry: the file read (absolute), or stdin's name. */
  shown: string
  /** Its place in the tree, when linted inside one. */
  treePath?: string
  faq: boolean
}

interface LintGroup {
  settings: Settings
  tree?: DocsTree
  /** Tree paths in scope: named files, and folders (`''`: the whole tree). */
  files: Set<string>
  folders: string[]
  /** Tree paths the command line named directly (for `--profile faq`). */
  named: Set<string>
  texts: LoneText[]
  /** Absolute paths another group lints (a nearer configuration applies to them): left out of this group's folders. */
  elsewhere: Set<string>
}

export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const {values, positionals} = parseFor(spec, args)
  const ctx = new RunContext(io, {
    command: 'lint',
    flags: {root: stringValue(values, 'root'), lang: stringValue(values, 'lang'), target: stringValue(values, 'target'), rules: listValue(values, 'rule'), reportUnusedDisables: flag(values, 'report-unused-disables') || undefined},
    configFile: stringValue(values, 'config'),
    noConfig: flag(values, 'no-config'),
    ignorePatterns: listValue(values, 'ignore-pattern'),
    noIgnore: flag(values, 'no-ignore'),
    stdinFilename: stringValue(values, 'stdin-filename'),
  })
  const printConfig = stringValue(values, 'print-config')
  if (printConfig !== undefined) {
    const settings = await ctx.settings(resolve(io.cwd, printConfig))
    io.stdout.write(JSON.stringify({file: resolve(io.cwd, printConfig), ...printableSettings(settings), faqPage: faqPageMatcher(settings)(settings.root ? (treePathOf(settings.root, resolve(io.cwd, printConfig)) ?? '') : resolve(io.cwd, printConfig), {absolute: !settings.root})}, null, 2) + '\n')
    return 0
  }
  const format = (stringValue(values, 'format') ?? 'stylish') as FormatterName
  const as = stringValue(values, 'as')
  const groups = await planGroups(ctx, positionals, as, stringValue(values, 'profile') === 'faq')
  const messages: VkdocMessage[] = []
  const sources = new Map<string, string>()
  for (const group of groups) messages.push(...lintGroup(ctx, group, values, sources))
  const stdinName = positionals.includes('-') ? (ctx.stdinPath ?? '<stdin>') : null

  let report = messages
  if (flag(values, 'fix')) report = fix(ctx, messages, sources, stdinName)
  if (flag(values, 'quiet')) report = report.filter((message) => message.severity === 'error')
  const output = formatters[format](report, {color: format === 'stylish' && io.stdout.isTTY === true && !io.env['NO_COLOR'], cwd: io.cwd, sources: (file) => sources.get(file)})
  const stream = flag(values, 'fix') && positionals.includes('-') ? io.stderr : io.stdout
  if (output) stream.write(output.endsWith('\n') ? output : output + '\n')
  const errors = report.filter((message) => message.severity === 'error').length
  const warnings = report.filter((message) => message.severity === 'warning').length
  const maxWarnings = stringValue(values, 'max-warnings')
  return errors > 0 || (maxWarnings !== undefined && warnings > Number(maxWarnings)) ? 1 : 0
}

/** Sort the inputs into groups by their settings, and decide for each whether it is a part of a tree or a text on its own. */
async function planGroups(ctx: RunContext, positionals: readonly string[], as: string | undefined, forceFaq: boolean): Promise<LintGroup[]> {
  const io = ctx.io
  const cwdSettings = await ctx.cwdSettings()
  const groups = new Map<string, LintGroup>()
  const groupOf = (settings: Settings): LintGroup => {
    const key = settingsKey(settings)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = {settings, tree: ctx.tree(settings), files: new Set(), folders: [], named: new Set(), texts: [], elsewhere: new Set()}))
    return group
  }
  if (positionals.length === 0) {
    if (as !== undefined) throw new UsageError('`--as` places one input file (or `-`) in the tree: give the file', 'lint')
    if (!cwdSettings.root) throw new UsageError('`vkdoc lint` needs PATH... or --root DIR (or `root` in a configuration)', 'lint')
    groupOf(cwdSettings).folders.push('')
    return [...groups.values()]
  }
  const inputs = collectInputs(positionals, {cwd: io.cwd, fallbackRoot: cwdSettings.root, extensions: cwdSettings.root ? ['.md', '.json'] : ['.md'], command: 'lint'})
  for (const note of inputs.notes) io.stderr.write(note + '\n')
  if (as !== undefined && inputs.files.length + inputs.folders.length !== 1) throw new UsageError('`--as` places exactly one input file (or `-`) in the tree', 'lint')
  // Folders inside a tree are scopes of the tree run; elsewhere their Markdown files are linted one by one.
  for (const folder of inputs.folders) {
    const settings = await ctx.settings(folder, true)
    const tree = ctx.tree(settings)
    if (!tree || !settings.root) {
      if (inputs.emptyFolders.includes(folder)) throw new UsageError(`\`${displayOf(folder, io.cwd)}\`: no Markdown files to lint`, 'lint')
      continue
    }
    const inTree = treePathOf(settings.root, folder) ?? (folder === settings.root || settings.root.startsWith(folder + '/') ? '' : null)
    if (inTree !== null) groupOf(settings).folders.push(inTree)
  }
  let kept = 0
  for (const input of inputs.files) {
    // A draft placed with `--as` belongs to the tree it is placed in: the working directory's settings.
    const settings = as !== undefined ? cwdSettings : await ctx.settings(input.path)
    const group = groupOf(settings)
    if (input.path !== '-' && ctx.isIgnored(input.path, settings)) {
      if (input.via === 'file') io.stderr.write(`vkdoc: ${displayOf(input.path, io.cwd)} is ignored (by .vkdocignore, ignorePatterns or --ignore-pattern); --no-ignore lints it\n`)
      continue
    }
    kept++
    placeInput(ctx, group, input, as, forceFaq)
  }
  const result = [...groups.values()]
  // A folder's scope covers the files under it that its own settings apply to, not those of a nearer configuration.
  for (const group of result) {
    for (const other of result) {
      if (other === group) continue
      for (const file of other.files) if (other.settings.root) group.elsewhere.add(resolve(other.settings.root, file))
      for (const text of other.texts) if (text.disk !== '-') group.elsewhere.add(text.disk)
    }
  }
  for (const group of result) checkGroup(group, io.cwd)
  if (kept === 0 && result.every((group) => group.folders.length === 0)) throw new UsageError('no files to lint: every file given is ignored', 'lint')
  return result
}

function placeInput(ctx: RunContext, group: LintGroup, input: InputFile, as: string | undefined, forceFaq: boolean): void {
  const {settings, tree} = group
  const io = ctx.io
  const shown = input.path === '-' ? (ctx.stdinPath ?? '<stdin>') : input.path
  const isFaq = faqPageMatcher(settings)
  if (!tree || !settings.root) {
    if (as !== undefined) throw new UsageError('`--as` needs `--root DIR` (or `root` in a configuration): it places the file in that tree', 'lint')
    group.texts.push({disk: input.path, shown, faq: (forceFaq && input.via !== 'folder') || isFaq(shown, {absolute: true})})
    return
  }
  if (as !== undefined) {
    group.texts.push({disk: input.path, shown, treePath: as, faq: forceFaq || isFaq(as)})
    return
  }
  const diskPath = input.path === '-' ? ctx.stdinPath : input.path
  const treePath = diskPath ? treePathOf(settings.root, diskPath) : null
  if (treePath === null) {
    if (input.path === '-') throw new UsageError('stdin inside a tree needs `--stdin-filename PATH` (its file in the tree) or `--as PAGE`', 'lint')
    if (input.via === 'file') throw new UsageError(`\`${displayOf(input.path, io.cwd)}\` is outside the docs root \`${displayOf(settings.root, io.cwd)}\`; \`--as PAGE\` lints a draft as a page of the tree`, 'lint')
    // Found by a folder or glob that reaches beyond the tree: linted as a file of its own.
    group.texts.push({disk: input.path, shown, faq: isFaq(input.path, {absolute: true})})
    return
  }
  if (input.path !== '-' && input.via !== 'file' && !isTreeFile(tree, treePath)) return // the tree run does not lint it either
  if (input.path === '-' || !isTreeFile(tree, treePath)) {
    // Stdin standing for a tree file, or a file named on the command line that the tree's index does not know.
    group.texts.push({disk: input.path, shown, treePath, faq: (forceFaq && input.via !== 'folder') || isFaq(treePath)})
    return
  }
  group.files.add(treePath)
  if (input.via === 'file') group.named.add(treePath)
}

/** Files the whole-tree run reports on: pages, fragments, meta files. */
function isTreeFile(tree: DocsTree, path: string): boolean {
  return tree.page(path)?.file === path || tree.index.fragments.has(path) || path.endsWith('.json')
}

/** A folder of the tree holding no page, fragment or meta file is a usage error, not a clean run. */
function checkGroup(group: LintGroup, cwd: string): void {
  if (!group.tree || group.folders.length === 0 || group.folders.includes('')) return
  const known = treeFiles(group.tree)
  for (const folder of group.folders) {
    if (!known.some((file) => file.startsWith(folder + '/'))) {
      throw new UsageError(`\`${displayOf(resolve(group.settings.root!, folder), cwd)}\`: no page, fragment or meta file of the tree to lint`, 'lint')
    }
  }
}

function treeFiles(tree: DocsTree): string[] {
  const files = [...tree.index.fragments]
  for (const entry of [...tree.index.pages.values(), ...tree.index.sections.values()]) {
    if ('file' in entry) files.push(entry.file)
    if (entry.metaFile) files.push(entry.metaFile)
    files.push(...entry.alternateMetaFiles)
  }
  return files
}

type Values = ReturnType<typeof parseFor>['values']

function validateOptions(group: LintGroup, values: Values): ValidateOptions {
  const targets = group.settings.targets ?? undefined
  if (group.tree && targets) for (const target of targets) checkTarget(group.tree, target, 'lint')
  return {
    ...(targets ? {targets} : {}),
    rules: group.settings.rules as Partial<Record<Code, RuleSetting>>,
    reportUnusedDisables: group.settings.reportUnusedDisables,
    inlineControl: !flag(values, 'no-inline-config'),
  }
}

/** Lint one group; messages come back naming absolute paths (or stdin's name). */
function lintGroup(ctx: RunContext, group: LintGroup, values: Values, sources: Map<string, string>): VkdocMessage[] {
  const options = validateOptions(group, values)
  const messages: VkdocMessage[] = []
  const {tree, settings} = group
  const forceFaq = stringValue(values, 'profile') === 'faq'
  if (tree && settings.root && (group.files.size > 0 || group.folders.length > 0)) {
    const root = settings.root
    const ignored = ctx.ignoreTest(settings)
    const whole = group.folders.includes('')
    const folders = group.folders.map((folder) => folder + '/')
    const inScope = (file: string): boolean =>
      (group.files.has(file) || ((whole || folders.some((folder) => file.startsWith(folder))) && !group.elsewhere.has(resolve(root, file)))) && !ignored(resolve(root, file))
    const isFaq = faqPageMatcher(settings)
    const order = tree.pages().map((page) => page.file)
    const progress = createProgress({total: order.length, label: 'lint', stream: ctx.io.stderr})
    let done = 0
    const isFaqPage = (file: string): boolean => isFaq(file) || (forceFaq && group.named.has(file))
    const cached = flag(values, 'cache') || settings.cache ? openLintCache(lintCachePath(ctx, settings, values, options), tree, cacheOptionsOf(options, settings), isFaqPage) : undefined
    let found: VkdocMessage[]
    try {
      found = validate(tree, {...options, files: inScope, isFaqPage, onPage: () => (done++, progress.tick()), ...(cached ? {cache: cached.cache} : {})})
    } catch (error) {
      // Pages are linted in this order, each reported done: the one that failed is the next one.
      const where = order[done] ? displayOf(resolve(root, order[done]!), ctx.io.cwd) : `the fragments and meta files of ${displayOf(root, ctx.io.cwd)}`
      throw new InternalError(where, error)
    }
    progress.done()
    if (cached) saveCache(ctx, cached.results, 'lint')
    for (const message of found) {
      if (message.file) {
        const text = tree.read(message.file)
        message.file = resolve(root, message.file)
        if (text !== undefined) sources.set(message.file, text)
      }
      placeIncludeChain(message, root, ctx.io.cwd)
      messages.push(message)
    }
  }
  for (const lone of group.texts) {
    const decoded = ctx.read(lone.disk)
    sources.set(lone.shown, decoded.text)
    const path = lone.treePath ?? lone.shown
    let found: VkdocMessage[]
    try {
      found = validate(decoded.text, {...options, path, ...(tree ? {root: tree} : {}), ...(lone.faq ? {profile: 'faq' as const} : {isFaqPage: () => false})})
    } catch (error) {
      throw new InternalError(displayOf(lone.shown, ctx.io.cwd), error)
    }
    if (decoded.problem) found.unshift(invalidUtf8Message(path, decoded.text, decoded.problem))
    for (const message of found) {
      if (message.file === path) message.file = lone.shown
      else if (message.file && settings.root) {
        const text = tree?.read(message.file)
        message.file = resolve(settings.root, message.file)
        if (text !== undefined) sources.set(message.file, text)
      }
      if (settings.root) placeIncludeChain(message, settings.root, ctx.io.cwd)
      messages.push(message)
    }
  }
  return messages
}

/** What a lint result depends on besides the files: the targets linted and the language loaded. */
function cacheOptionsOf(options: ValidateOptions, settings: Settings): unknown {
  return {targets: options.targets ?? null, lang: settings.lang}
}

function lintCachePath(ctx: RunContext, settings: Settings, values: Values, options: ValidateOptions): string {
  const location = stringValue(values, 'cache-location')
  const folder = location !== undefined ? resolve(ctx.io.cwd, location) : (settings.cacheLocation ?? defaultCacheFolder(ctx.io.cwd))
  return cacheFile(folder, 'lint', settings.root!, cacheOptionsOf(options, settings))
}

/** Write the cache; a cache that cannot be written costs the next run time, never this run's result. */
export function saveCache(ctx: RunContext, results: ResultCache<unknown>, command: string): void {
  const from = results.hits
  const total = results.hits + results.misses
  try {
    results.save()
    ctx.io.stderr.write(`${command}: ${from} of ${total} page(s) from the cache${results.rejected && results.rejected !== 'missing' ? ` (the cache file was ${results.rejected === 'other-key' ? 'made for other code, options or tree files' : 'not a vkdoc cache'} and is replaced)` : ''}\n`)
  } catch (error) {
    ctx.io.stderr.write(`vkdoc: cannot write the cache ${displayOf(results.path, ctx.io.cwd)} (${describeFsError(error)}); results are not kept for the next run\n`)
  }
}

/** Include chains name tree files (`ru/x/x.md:12`): shown, like every path, relative to the working directory. */
function placeIncludeChain(message: VkdocMessage, root: string, cwd: string): void {
  if (!message.includeChain) return
  message.includeChain = message.includeChain.map((link) => {
    const colon = link.lastIndexOf(':')
    const file = colon === -1 ? link : link.slice(0, colon)
    return relative(cwd, resolve(root, file)).split(sep).join('/') + (colon === -1 ? '' : link.slice(colon))
  })
}

/**
 * `--fix`: apply the certain repairs and write each file back where it was
 * read (a byte-order mark kept); stdin's text is printed to stdout instead,
 * fixed. A file that was not valid UTF-8 is never written (its U+FFFD would
 * replace bytes). Returns the messages left to report.
 */
function fix(ctx: RunContext, messages: VkdocMessage[], sources: ReadonlyMap<string, string>, stdinName: string | null): VkdocMessage[] {
  const broken = new Set(messages.filter((message) => message.ruleId === 'invalid-utf8').map((message) => message.file))
  const fixable = (file: string | undefined): boolean => file !== undefined && !broken.has(file) && sources.has(file)
  const fixed = applyFixes(
    messages.filter((message) => fixable(message.file)),
    (file) => sources.get(file),
  )
  let written = 0
  for (const [file, text] of fixed) {
    if (file === stdinName) continue
    const bom = hasBom(readFileSync(file))
    writeFileSync(file, bom ? '\uFEFF' + text : text)
    written++
  }
  if (stdinName !== null) ctx.io.stdout.write(fixed.get(stdinName) ?? sources.get(stdinName) ?? '')
  ctx.io.stderr.write(`fixed ${written} file(s)${stdinName !== null && fixed.has(stdinName) ? ' and stdin' : ''}\n`)
  return messages.filter((message) => !message.fix || !fixable(message.file))
}
