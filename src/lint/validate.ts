/**
 * `validate()`: lint a source string, a VFile, or a whole docs tree over one
 * or all build targets, and return diagnostics with stable codes and exact
 * ranges. Never throws on author input.
 *
 * All targets in one pass: each page is expanded per target (cheap, text
 * only); targets whose expanded text is identical share one Markdown parse,
 * and their diagnostics are merged with the targets they apply to.
 */
import type {VFile} from 'vfile'
import {codes, codeUrl, type Code, type Severity} from '../diagnostics/codes.js'
import {report, sortMessages, type VkdocMessage} from '../diagnostics/report.js'
import {attachMessages, isVFile} from '../diagnostics/vfile.js'
import {DocsTree} from '../tree/docs-tree.js'
import {compile, type CompileOptions} from '../compile.js'
import {parse} from '../parser/index.js'
import type {SectionCache} from '../lower/markdown.js'
import {suggestBuildPoint} from '../tree/index.js'
import {checkConditionTargets} from './rules/build-targets.js'
import {checkConditionBalance} from './rules/conditions.js'
import {checkFaq} from './rules/faq.js'
import {attachFixIts} from './rules/fixits.js'

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
  /** `faq` adds the FAQ rules. */
  profile?: 'faq'
  /** Called after each page of a tree (for progress indicators). */
  onPage?: (file: string) => void
  /** With a tree: lint only these pages (files), without the tree-wide checks of metas, fragments and variables. */
  pages?: readonly string[]
  /** Base URL of the rule documentation for the messages' `url` (default `ruleDocsBase`; ends with `/`). */
  ruleDocs?: string
}

function checkOptions(options: ValidateOptions): void {
  if (options.ruleDocs !== undefined && (typeof options.ruleDocs !== 'string' || !options.ruleDocs.endsWith('/'))) throw new TypeError('vkdoc: `ruleDocs` must be a base URL ending with "/"')
  if (typeof options.root === 'string') throw new TypeError('vkdoc: `root` as a folder path reads the disk: use validate from "vkdoc/node" (here `root` is a DocsTree)')
  if (options.profile !== undefined && options.profile !== 'faq') throw new TypeError(`vkdoc: unknown profile \`${String(options.profile)}\` (expected "faq")`)
  for (const [code, setting] of Object.entries(options.rules ?? {})) {
    if (!(code in codes)) throw new TypeError(`vkdoc: unknown rule \`${code}\``)
    if (setting !== 'off' && setting !== 'warn' && setting !== 'error') throw new TypeError(`vkdoc: rule \`${code}\` must be "off", "warn" or "error"`)
  }
}

/** Lint `input` and return its diagnostics, sorted by file and position (a VFile also gets them in `file.messages`). */
export function validate(input: string | VFile | DocsTree, options: ValidateOptions = {}): VkdocMessage[] {
  checkOptions(options)
  let messages: VkdocMessage[]
  if (input instanceof DocsTree) messages = validateTree(input, options)
  else {
    const text = typeof input === 'string' ? input : String(input.value)
    const path = options.path ?? (typeof input === 'string' ? undefined : input.path)
    if (options.root) {
      messages = validatePage(options.root, options.path ?? path ?? 'input.md', text, options)
    } else {
      messages = validateText(text, path ?? 'input.md', options)
    }
  }
  const result = finish(messages, options)
  if (options.ruleDocs !== undefined) for (const message of result) message.url = codeUrl(message.ruleId as Code, options.ruleDocs)
  // A VFile gets the messages too, as vfile-reporter and unified-engine expect them.
  if (isVFile(input)) attachMessages(input, result, {pageName: options.path ?? input.path ?? 'input.md'})
  return result
}

/** A lone text: parse, structure and rendering checks for the target(s). */
function validateText(text: string, file: string, options: ValidateOptions): VkdocMessage[] {
  const targets = options.targets ?? [options.target ?? 'public']
  const messages: VkdocMessage[] = []
  for (const target of targets) {
    const compiled = compile(text, {file, target})
    messages.push(...compiled.messages)
    if (options.profile === 'faq') messages.push(...checkFaq(compiled.mdast, file))
  }
  if (text.includes('{linkto')) messages.push(...attachFixIts(parse(text, {file}).tree, text, file, messages))
  return dropUniversalTargets(messages, targets)
}

/** A problem found in every target linted needs no "only in …": drop its target list. */
function dropUniversalTargets(messages: VkdocMessage[], targets: readonly string[]): VkdocMessage[] {
  for (const message of messages) {
    if (message.targets && targets.every((target) => message.targets!.includes(target))) delete message.targets
  }
  return messages
}

/** One page (or a draft placed with `path`) inside a tree. */
function validatePage(tree: DocsTree, file: string, text: string | undefined, options: ValidateOptions): VkdocMessage[] {
  const page = tree.page(file)
  const targets = options.targets ?? (options.target ? [options.target] : page && page.targets.length > 0 ? page.targets : ['public'])
  const messages: VkdocMessage[] = []
  const source = text ?? tree.read(file) ?? ''
  const parsed = parse(source, {file})
  messages.push(...parsed.messages)
  messages.push(...checkConditionTargets(parsed.tree, source, file, tree.index.buildPoints, (name) => suggestBuildPoint(tree.index, name)))
  messages.push(...attachFixIts(parsed.tree, source, file, messages))
  const byText = new Map<string, VkdocMessage[]>()
  // Targets whose texts differ in a few conditions still share most sections: each is parsed once.
  const sections: SectionCache = new Map()
  for (const target of targets) {
    const expanded = tree.expand(file, target, text)
    const shared = byText.get(expanded.text)
    if (shared) {
      for (const message of shared) if (message.targets && !message.targets.includes(target)) message.targets.push(target)
      continue
    }
    const compiled = tree.render(file, {target, text, expanded, sections})
    const pageMessages = compiled.renderMessages
    for (const message of pageMessages) message.targets = [target]
    if (options.profile === 'faq') pageMessages.push(...checkFaq(compiled.mdast, file))
    byText.set(expanded.text, pageMessages)
    messages.push(...pageMessages)
  }
  return dropUniversalTargets(messages, targets)
}

/** Every page of a tree over its targets, plus the tree-level checks (metas, variables, fragments). */
function validateTree(tree: DocsTree, options: ValidateOptions): VkdocMessage[] {
  if (options.pages) return options.pages.flatMap((file) => (tree.page(file) ? validatePage(tree, file, undefined, options) : []))
  const messages: VkdocMessage[] = [...tree.index.diagnostics]
  for (const page of tree.pages()) {
    if (page.dontbuild && !options.target && !options.targets) {
      options.onPage?.(page.file)
      continue
    }
    messages.push(...validatePage(tree, page.file, undefined, options))
    options.onPage?.(page.file)
  }
  // Fragments: their own syntax, once (their rendering is checked through the pages including them).
  for (const fragment of [...tree.index.fragments].sort()) {
    const source = tree.read(fragment)
    if (source === undefined) continue
    const parsed = parse(source, {file: fragment})
    messages.push(...parsed.messages)
    messages.push(...checkConditionTargets(parsed.tree, source, fragment, tree.index.buildPoints, (name) => suggestBuildPoint(tree.index, name)))
    messages.push(...checkConditionBalance(parsed.tree, fragment))
    messages.push(...attachFixIts(parsed.tree, source, fragment, parsed.messages))
  }
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

/** Merge duplicates (same file, place and code) across targets, apply rule settings, sort. */
function finish(messages: VkdocMessage[], options: ValidateOptions): VkdocMessage[] {
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
  const result: VkdocMessage[] = []
  for (const message of merged.values()) {
    const setting = options.rules?.[message.ruleId as Code]
    if (setting === 'off') continue
    if (setting) setSeverity(message, setting === 'error' ? 'error' : 'warning')
    result.push(message)
  }
  return sortMessages(result)
}

function setSeverity(message: VkdocMessage, severity: Severity): void {
  message.severity = severity
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
}

export type {CompileOptions}
