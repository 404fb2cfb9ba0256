/**
 * `validate()`: lint a source string, a VFile, or a whole docs tree over one
 * or all build targets, and return diagnostics with stable codes and exact
 * ranges. Never throws on author input.
 *
 * All targets in one pass: each page is expanded per target (cheap, text
 * only); targets whose expanded text is identical share one Markdown parse,
 * and their diagnostics are merged with the targets they apply to.
 *
 * A tree can be linted in part (`files`): the result is exactly what the
 * whole-tree run reports for those files. Fragments are judged where they are
 * included (the pages including them are rendered and only the fragment's
 * messages kept), and the tree-level checks (meta files, variables) run
 * whenever their files are in scope.
 */
import type {VFile} from 'vfile'
import {codes, codeUrl, type Code, type Severity} from '../diagnostics/codes.js'
import {copyMessage, report, sortMessages, type VkdocMessage} from '../diagnostics/report.js'
import {attachMessages, isVFile} from '../diagnostics/vfile.js'
import {DocsTree, type VariableGapRecord} from '../tree/docs-tree.js'
import {compile, type CompileOptions} from '../compile.js'
import {parse} from '../parser/index.js'
import type {SectionCache} from '../lower/markdown.js'
import {suggestBuildPoint, type PageEntry} from '../tree/index.js'
import {checkConditionTargets} from './rules/build-targets.js'
import {checkConditionBalance} from './rules/conditions.js'
import {checkFaq, isFaqPagePath} from './rules/faq.js'
import {attachFixIts} from './rules/fixits.js'
import {invalidUtf8Message} from './encoding.js'
import {applyInlineControl} from './inline-control.js'
import {explainMisspeltOpeners} from './near-miss.js'

export type RuleSetting = 'off' | 'warn' | 'error'

export interface ValidateOptions {
  /** Place a string in a tree: its path inside the tree (`ru/start/partners/faq/faq.md`). */
  path?: string
  /** The docs tree to resolve includes, variables and links in (a folder path works through `vkdoc/node`). */
  root?: DocsTree
  /** One build target (default: every target of each page's meta; `public` for a lone string). */
  target?: string
  /** Several build targets. */
  targets?: readonly string[]
  /** Rule severities by code. */
  rules?: Readonly<Partial<Record<Code, RuleSetting>>>
  /** `faq`: the string linted is a FAQ page whatever its path (a draft). Not for a tree: there `isFaqPage` decides. */
  profile?: 'faq'
  /** Which files are FAQ pages, whose FAQ rules apply (default `isFaqPagePath`: a page `…/faq/faq.md`). */
  isFaqPage?: (file: string) => boolean
  /** Called after each page of a tree (for progress indicators). */
  onPage?: (file: string) => void
  /**
   * With a tree: lint only these files, without the tree-wide checks of metas
   * and variables. A page is linted over its targets; a fragment gets its own
   * syntax checks (its rendering is checked through the pages including it).
   */
  pages?: readonly string[]
  /**
   * With a tree: report exactly what the whole-tree run reports for these files
   * (tree paths, or a predicate on them): pages, fragments (through the pages
   * including them), meta files, language meta files (variables).
   */
  files?: readonly string[] | ((file: string) => boolean)
  /** Honour `<!-- vkdoc-disable… -->` comments (default `true`). */
  inlineControl?: boolean
  /** Report `vkdoc-disable` comments that suppress nothing (`unused-disable-directive`). */
  reportUnusedDisables?: boolean
  /** Base URL of the rule documentation for the messages' `url` (default `ruleDocsBase`; ends with `/`). */
  ruleDocs?: string
  /** With a tree: reuse each page's messages from an earlier run when nothing it depends on changed (`vkdoc lint --cache`). */
  cache?: LintCache
  /**
   * Parsed Markdown sections to reuse (`SectionCache`). Without it each page
   * gets a fresh cache shared by its targets; an editor passes one per open
   * page and keeps it across edits, so an edit re-parses only the sections
   * it touched.
   */
  sections?: SectionCache
}

/**
 * Where a tree run keeps each page's messages between runs. `lookup` answers
 * only when nothing the page depends on changed; the variable gaps the page's
 * expansion found are part of its result (they are reported at the meta file).
 */
export interface LintCache {
  lookup(tree: DocsTree, file: string): {messages: VkdocMessage[]; gaps: VariableGapRecord[]} | undefined
  store(tree: DocsTree, file: string, messages: readonly VkdocMessage[], gaps: readonly VariableGapRecord[]): void
}

/** Every option `validate` knows: an unknown key is a programming error (and TypeScript keeps this list whole). */
const optionKeys: Record<keyof ValidateOptions, true> = {
  path: true,
  root: true,
  target: true,
  targets: true,
  rules: true,
  profile: true,
  isFaqPage: true,
  onPage: true,
  pages: true,
  files: true,
  inlineControl: true,
  reportUnusedDisables: true,
  ruleDocs: true,
  cache: true,
  sections: true,
}

function checkOptions(options: ValidateOptions, input: unknown): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('vkdoc: validate options must be an object')
  for (const key of Object.keys(options)) {
    if (!(key in optionKeys)) throw new TypeError(`vkdoc: unknown validate option \`${key}\` (known: ${Object.keys(optionKeys).join(', ')})`)
  }
  if (options.ruleDocs !== undefined && (typeof options.ruleDocs !== 'string' || !options.ruleDocs.endsWith('/'))) throw new TypeError('vkdoc: `ruleDocs` must be a base URL ending with "/"')
  if (typeof options.root === 'string') throw new TypeError('vkdoc: `root` as a folder path reads the disk: use validate from "vkdoc/node" (here `root` is a DocsTree)')
  if (options.profile !== undefined && options.profile !== 'faq') throw new TypeError(`vkdoc: unknown profile \`${String(options.profile)}\` (expected "faq")`)
  if (options.profile !== undefined && input instanceof DocsTree) {
    throw new TypeError('vkdoc: `profile` applies to one text; the FAQ pages of a tree are chosen by `isFaqPage`')
  }
  if (options.target !== undefined && (typeof options.target !== 'string' || options.target === '')) throw new TypeError('vkdoc: `target` must be a non-empty string')
  if (options.files !== undefined && typeof options.files !== 'function' && !Array.isArray(options.files)) throw new TypeError('vkdoc: `files` must be an array of tree paths or a predicate')
  for (const [code, setting] of Object.entries(options.rules ?? {})) {
    if (!(code in codes)) throw new TypeError(`vkdoc: unknown rule \`${code}\``)
    if (setting !== 'off' && setting !== 'warn' && setting !== 'error') throw new TypeError(`vkdoc: rule \`${code}\` must be "off", "warn" or "error"`)
  }
}

/** What `finish` needs to know about the run: file texts, and which files were linted whole. */
interface RunScope {
  read: (file: string) => string | undefined
  complete: (file: string) => boolean
  files: readonly string[]
}

/** Lint `input` and return its diagnostics, sorted by file and position (a VFile also gets them in `file.messages`). */
export function validate(input: string | VFile | DocsTree, options: ValidateOptions = {}): VkdocMessage[] {
  checkOptions(options, input)
  let messages: VkdocMessage[]
  let scope: RunScope
  if (input instanceof DocsTree) {
    const inScope = scopePredicate(options)
    const run = validateTree(input, options, inScope)
    messages = run.messages
    const linted = options.pages ? new Set(options.pages) : undefined
    scope = {
      read: (file) => input.read(file),
      complete: (file) => (linted ? linted.has(file) : inScope ? inScope(file) : true),
      files: run.files,
    }
  } else {
    const text = typeof input === 'string' ? input : String(input.value)
    const file = options.path ?? (typeof input === 'string' ? undefined : input.path) ?? 'input.md'
    const tree = options.root
    messages = tree ? validatePage(tree, file, text, options) : validateText(text, file, options)
    scope = {read: (name) => (name === file ? text : tree?.read(name)), complete: (name) => name === file, files: [file]}
  }
  const result = finish(messages, options, scope)
  if (options.ruleDocs !== undefined) for (const message of result) message.url = codeUrl(message.ruleId as Code, options.ruleDocs)
  // A VFile gets the messages too, as vfile-reporter and unified-engine expect them.
  if (isVFile(input)) attachMessages(input, result, {pageName: options.path ?? input.path ?? 'input.md'})
  return result
}

/** The FAQ rules apply to a file when it is a FAQ page (or, for one text, when `profile: 'faq'` says so). */
function faqApplies(file: string, options: ValidateOptions): boolean {
  return options.profile === 'faq' || (options.isFaqPage ?? isFaqPagePath)(file)
}

/** A lone text: parse, structure and rendering checks for the target(s). */
function validateText(text: string, file: string, options: ValidateOptions): VkdocMessage[] {
  const targets = options.targets ?? [options.target ?? 'public']
  const messages: VkdocMessage[] = []
  for (const target of targets) {
    const compiled = compile(text, {file, target})
    const targetMessages = [...compiled.messages]
    if (faqApplies(file, options)) targetMessages.push(...checkFaq(compiled.mdast, file))
    for (const message of targetMessages) message.targets = [target]
    messages.push(...targetMessages)
  }
  if (text.includes('{linkto')) messages.push(...attachFixIts(parse(text, {file}).tree, text, file, messages))
  return dropUniversalTargets(messages, targets)
}

/**
 * One message per problem of a page: the same problem found in several
 * targets (whose texts differ elsewhere) keeps the union of its targets, and a
 * problem found in every target linted needs no "only in …" at all.
 */
function dropUniversalTargets(messages: VkdocMessage[], targets: readonly string[]): VkdocMessage[] {
  const merged = mergeByPlace(messages)
  for (const message of merged) {
    if (message.targets && targets.every((target) => message.targets!.includes(target))) delete message.targets
  }
  return merged
}

/** Merge messages with the same file, place and code: targets united, a fix kept, no target list when one had none. */
function mergeByPlace(messages: readonly VkdocMessage[]): VkdocMessage[] {
  const merged = new Map<string, VkdocMessage>()
  for (const message of messages) {
    const key = `${message.file}\u0000${message.line}\u0000${message.column}\u0000${message.ruleId}`
    const existing = merged.get(key)
    if (!existing) {
      merged.set(key, message)
      continue
    }
    // A fragment's parse messages come both through the pages including it and from its own pass; keep the fix.
    if (!existing.fix && message.fix) existing.fix = message.fix
    if (existing.targets && message.targets) {
      for (const target of message.targets) if (!existing.targets.includes(target)) existing.targets.push(target)
    } else if (!message.targets) delete existing.targets
  }
  return [...merged.values()]
}

/** `invalid-utf8` for a tree file the file system could not decode. */
function encodingMessages(tree: DocsTree, file: string, source: string): VkdocMessage[] {
  const problem = tree.fs.encodingProblem?.(file)
  return problem ? [invalidUtf8Message(file, source, problem)] : []
}

/** One page (or a draft placed with `path`) inside a tree. */
function validatePage(tree: DocsTree, file: string, text: string | undefined, options: ValidateOptions): VkdocMessage[] {
  const targets = targetsOf(tree.page(file), options)
  const messages: VkdocMessage[] = []
  const source = text ?? tree.read(file) ?? ''
  if (text === undefined) messages.push(...encodingMessages(tree, file, source))
  // A tree file's parse is the one its renders below use; its messages are the tree's, so they are copied.
  const parsed = (text === undefined ? tree.parsed(file) : undefined) ?? parse(source, {file})
  messages.push(...parsed.messages.map(copyMessage))
  messages.push(...checkConditionTargets(parsed.tree, source, file, tree.index.buildPoints, (name) => suggestBuildPoint(tree.index, name)))
  messages.push(...attachFixIts(parsed.tree, source, file, messages))
  const byText = new Map<string, VkdocMessage[]>()
  // Targets whose texts differ in a few conditions still share most sections: each is parsed once.
  const sections: SectionCache = options.sections ?? new Map()
  const faq = faqApplies(file, options)
  for (const target of targets) {
    const expanded = tree.expand(file, target, text)
    const shared = byText.get(expanded.text)
    if (shared) {
      for (const message of shared) if (message.targets && !message.targets.includes(target)) message.targets.push(target)
      continue
    }
    const compiled = tree.render(file, {target, text, expanded, sections})
    const pageMessages = [...compiled.renderMessages]
    if (faq) pageMessages.push(...checkFaq(compiled.mdast, file))
    for (const message of pageMessages) message.targets = [target]
    byText.set(expanded.text, pageMessages)
    messages.push(...pageMessages)
  }
  return dropUniversalTargets(messages, targets)
}

/** A page of a tree run, from the cache when nothing it depends on changed. */
function lintPage(tree: DocsTree, file: string, options: ValidateOptions): VkdocMessage[] {
  const cache = options.cache
  if (!cache) return validatePage(tree, file, undefined, options)
  const cached = cache.lookup(tree, file)
  if (cached) {
    for (const gap of cached.gaps) tree.recordVariableGap(gap)
    return cached.messages
  }
  const messages = validatePage(tree, file, undefined, options)
  cache.store(tree, file, messages, tree.variableGapsOf(file))
  return messages
}

/** `files` as a predicate on tree paths, or `undefined` for the whole tree. */
function scopePredicate(options: ValidateOptions): ((file: string) => boolean) | undefined {
  if (options.files === undefined) return undefined
  if (typeof options.files === 'function') return options.files
  const set = new Set(options.files)
  return (file) => set.has(file)
}

/** Whether the whole-tree run lints a page (pages built for no target are skipped unless a target is asked for). */
function lintsPage(page: PageEntry, options: ValidateOptions): boolean {
  return !page.dontbuild || options.target !== undefined || options.targets !== undefined
}

/** Every page of a tree over its targets, plus the tree-level checks (metas, variables, fragments); `inScope` narrows it. */
function validateTree(tree: DocsTree, options: ValidateOptions, inScope: ((file: string) => boolean) | undefined): {messages: VkdocMessage[]; files: string[]} {
  if (options.pages) {
    const pages = options.pages.filter((file) => tree.page(file) || tree.index.fragments.has(file))
    return {messages: pages.flatMap((file) => (tree.page(file) ? validatePage(tree, file, undefined, options) : validateFragment(tree, file))), files: pages}
  }
  const files: string[] = []
  const wanted = inScope ? pagesJudging(tree, inScope) : undefined
  // Variables are judged over every page using them: with a language meta file in scope, the pages
  // not linted are still expanded (text only) so the gaps found are those of the whole run.
  const variablesInScope = !inScope || tree.index.languages.some((lang) => inScope(`${lang}/${lang}.meta.json`))
  const messages: VkdocMessage[] = tree.index.diagnostics.filter((message) => !inScope || (message.file !== undefined && inScope(message.file)))
  for (const page of tree.pages()) {
    if (!lintsPage(page, options)) {
      options.onPage?.(page.file)
      continue
    }
    if (!inScope || inScope(page.file)) files.push(page.file)
    if (!wanted || wanted.has(page.file)) messages.push(...lintPage(tree, page.file, options))
    else if (variablesInScope) for (const target of targetsOf(page, options)) tree.expand(page.file, target)
    options.onPage?.(page.file)
  }
  // Fragments: their own syntax, once (their rendering is checked through the pages including them).
  for (const fragment of [...tree.index.fragments].sort()) {
    if (inScope && !inScope(fragment)) continue
    if (tree.read(fragment) === undefined) continue
    files.push(fragment)
    messages.push(...validateFragment(tree, fragment))
  }
  if (variablesInScope) messages.push(...variableGapMessages(tree))
  return {messages: inScope ? messages.filter((message) => message.file !== undefined && inScope(message.file)) : messages, files}
}

/** A fragment's own syntax: encoding, parse messages, build targets and balance of its conditions, fix-its. */
function validateFragment(tree: DocsTree, fragment: string): VkdocMessage[] {
  const source = tree.read(fragment)
  if (source === undefined) return []
  const parsed = parse(source, {file: fragment})
  return [
    ...encodingMessages(tree, fragment, source),
    ...parsed.messages,
    ...checkConditionTargets(parsed.tree, source, fragment, tree.index.buildPoints, (name) => suggestBuildPoint(tree.index, name)),
    ...checkConditionBalance(parsed.tree, fragment),
    ...attachFixIts(parsed.tree, source, fragment, parsed.messages),
  ]
}

/** The targets a page is linted for: those asked for, else its build points, else `public` (a draft, a page built for none). */
function targetsOf(page: PageEntry | undefined, options: ValidateOptions): readonly string[] {
  return options.targets ?? (options.target ? [options.target] : page && page.targets.length > 0 ? page.targets : ['public'])
}

/** Pages whose lint reports on files in scope: the pages in scope and every page including a fragment in scope. */
function pagesJudging(tree: DocsTree, inScope: (file: string) => boolean): Set<string> {
  const wanted = new Set<string>()
  const pages = tree.pages()
  for (const page of pages) if (inScope(page.file)) wanted.add(page.file)
  // Every page is judged already (the whole tree is in scope): no need for the include graph.
  if (wanted.size === pages.length) return wanted
  for (const fragment of tree.index.fragments) {
    if (!inScope(fragment)) continue
    for (const includer of tree.includersOf(fragment)) if (tree.page(includer)) wanted.add(includer)
  }
  return wanted
}

function variableGapMessages(tree: DocsTree): VkdocMessage[] {
  const messages: VkdocMessage[] = []
  for (const gap of tree.variableGaps.values()) {
    const definition = tree.index.variables.get(gap.lang)?.get(gap.name)
    if (!definition) continue
    for (const [target, example] of gap.targets) {
      messages.push(
        report('var-no-value-for-build', `Unexpected missing value of variable \`${gap.name}\` for build point \`${target}\` (used by pages built for it, e.g. ${example})`, definition.position, {file: definition.file, targets: [target]}),
      )
    }
  }
  return messages
}

/** Merge duplicates (same file, place and code) across targets, explain near misses, apply inline control and rule settings, sort. */
function finish(messages: VkdocMessage[], options: ValidateOptions, scope: RunScope): VkdocMessage[] {
  let result = explainMisspeltOpeners(mergeByPlace(messages), scope.read)
  if (options.inlineControl !== false) {
    result = applyInlineControl(result, {read: scope.read, reportUnused: options.reportUnusedDisables, complete: scope.complete, files: scope.files})
  }
  const kept: VkdocMessage[] = []
  for (const message of result) {
    const setting = options.rules?.[message.ruleId as Code]
    if (setting === 'off') continue
    if (setting) setSeverity(message, setting === 'error' ? 'error' : 'warning')
    kept.push(message)
  }
  return sortMessages(kept)
}

function setSeverity(message: VkdocMessage, severity: Severity): void {
  message.severity = severity
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
}

export type {CompileOptions}
