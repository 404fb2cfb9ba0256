/**
 * Diagnostics of open documents: vkdoc's lint over every build target of a
 * page, turned into LSP diagnostics.
 *
 * - A page shows its own problems, and problems in text it includes on its
 *   `{include}` line (with the place in the fragment and the include chain
 *   as related information).
 * - A fragment shows its own syntax problems and the problems its text has
 *   inside the pages it is checked through (see `Workspace.contextPages`).
 * - A file outside the tree is linted alone.
 *
 * The build targets a problem is limited to are named in the message.
 */
import type {Diagnostic, DiagnosticRelatedInformation, Range} from 'vscode-languageserver'
import {DiagnosticSeverity} from 'vscode-languageserver'
import type {VkdocMessage} from '../diagnostics/report.js'
import {validate} from '../lint/validate.js'
import {walkDirectives} from '../lower/anchors.js'
import {resolveIncludePath} from '../tree/resolve.js'
import type {DocumentText} from './positions.js'
import type {OpenDocument, Workspace} from './workspace.js'

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData {
  /** The tree file (or document URI, outside the tree) the problem is in: where a fix or a disable comment goes. */
  file: string
  /** 1-based line of the problem in that file. */
  line: number
  /** The certain repair, as offsets of that file. */
  fix?: {start: number; end: number; text: string}
  /** The text of that line when the problem was found: a quick fix asked for after an edit there is not offered. */
  lineText: string
}

const severities = {error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information} as const

/**
 * One round of checks after an edit: each page is linted once, however many
 * open documents show its results (a page and the fragment it includes).
 */
export class CheckRound {
  private readonly results = new Map<string, VkdocMessage[]>()

  constructor(private readonly workspace: Workspace) {}

  /** The lint messages of a page (over its targets) or of a fragment's own syntax. */
  private messages(file: string): VkdocMessage[] {
    let messages = this.results.get(file)
    if (!messages) {
      const sections = this.workspace.roleOf(file) === 'page' ? this.workspace.sectionsOf(file) : undefined
      messages = validate(this.workspace.tree, {...this.workspace.lint.options, pages: [file], sections})
      sections?.prune()
      this.results.set(file, messages)
    }
    return messages
  }

  /** The diagnostics to publish for an open document. */
  diagnostics(document: OpenDocument): Diagnostic[] {
    const workspace = this.workspace
    const file = document.file
    if (workspace.isIgnored(document)) return []
    const options = workspace.lint.options
    if (file === null) {
      const text = workspace.documentText(document)
      return validate(document.text, {...options, path: document.uri}).map((message) => toDiagnostic(workspace, message, text, document.uri))
    }
    const text = workspace.text(file)
    if (!text) return []
    const role = workspace.roleOf(file)
    if (role === 'other') {
      return validate(text.text, {...options, root: workspace.tree, path: file}).map((message) => placeInFile(workspace, message, file, text))
    }
    if (role === 'page') return this.messages(file).map((message) => placeInFile(workspace, message, file, text))
    const own = [...this.messages(file)]
    for (const page of workspace.contextPages(file)) own.push(...this.messages(page).filter((message) => message.file === file))
    return mergeAcrossPages(own).map(({message, targets}) => toDiagnostic(workspace, message, text, file, {targets}))
  }
}

/** A message of `file`'s check, shown in `file`: at its place, or at the `{include}` that brought its text in. */
function placeInFile(workspace: Workspace, message: VkdocMessage, file: string, text: DocumentText): Diagnostic {
  if (message.file === undefined || message.file === file) return toDiagnostic(workspace, message, text, file)
  // Messages of the expansion (an undefined variable in a fragment) carry no chain: find the includes leading there.
  const chain = message.includeChain ? parseChain(message.includeChain) : [...includePath(workspace, file, message.file), {file: message.file, line: message.line ?? 1}]
  const outer = chain[0]
  const source = workspace.text(message.file)
  const related: DiagnosticRelatedInformation[] = []
  if (source) related.push({location: {uri: workspace.uriOf(message.file), range: rangeOfMessage(message, source)}, message: message.reason})
  related.push(...includeSteps(workspace, chain.slice(1, -1)))
  return toDiagnostic(workspace, message, text, file, {
    range: outer && outer.file === file ? includeRange(workspace, file, outer.line, text) : text.lineRange(1),
    where: ` (in ${message.file}${message.line ? `:${message.line}` : ''})`,
    related,
  })
}

/** How a message is shown when not at its own place, or with other targets. */
interface Shown {
  range?: Range
  /** Appended to the reason (where the problem really is). */
  where?: string
  related?: DiagnosticRelatedInformation[]
  /** The build targets to name (default: the message's). */
  targets?: string[] | undefined
}

/** An LSP diagnostic for a message found in `file` (whose text is `text`). */
function toDiagnostic(workspace: Workspace, message: VkdocMessage, text: DocumentText, file: string, shown: Shown = {}): Diagnostic {
  const targets = 'targets' in shown ? shown.targets : message.targets
  const only = targets && targets.length > 0 ? ` (only in ${targets.join(', ')})` : ''
  const diagnostic: Diagnostic = {
    range: shown.range ?? rangeOfMessage(message, text),
    severity: severities[message.severity] ?? DiagnosticSeverity.Warning,
    source: 'vkdoc',
    message: message.reason + (shown.where ?? '') + only,
  }
  if (message.ruleId) diagnostic.code = message.ruleId
  if (message.url) diagnostic.codeDescription = {href: message.url}
  const related = shown.related ?? includeSteps(workspace, parseChain(message.includeChain).slice(0, -1))
  const cause = message.cause
  if (cause && typeof cause === 'object' && 'reason' in cause) {
    const causeMessage = cause as VkdocMessage
    const causeText = causeMessage.file ? workspace.text(causeMessage.file) : text
    if (causeText) related.push({location: {uri: workspace.uriOf(causeMessage.file ?? file), range: rangeOfMessage(causeMessage, causeText)}, message: causeMessage.reason})
  }
  if (related.length > 0) diagnostic.relatedInformation = related
  const home = message.file ?? file
  const homeText = home === file ? text : (workspace.text(home) ?? text)
  const line = message.line ?? 1
  const data: DiagnosticData = {file: home, line, lineText: homeText.lineText(line)}
  if (message.fix) data.fix = message.fix
  diagnostic.data = data
  return diagnostic
}

function rangeOfMessage(message: VkdocMessage, text: DocumentText) {
  const place = message.place
  if (place) return text.rangeOf(place)
  return text.lineRange(message.line ?? 1)
}

/** `['ru/a/a.md:12', 'ru/_includes/_b.md:3']` → files and 1-based lines, outermost first. */
function parseChain(chain: readonly string[] | undefined): {file: string; line: number}[] {
  return (chain ?? []).map((link) => {
    const colon = link.lastIndexOf(':')
    const line = Number(link.slice(colon + 1))
    return colon > 0 && Number.isInteger(line) ? {file: link.slice(0, colon), line} : {file: link, line: 1}
  })
}

/** Related information for each `{include}` a text came through. */
function includeSteps(workspace: Workspace, steps: readonly {file: string; line: number}[]): DiagnosticRelatedInformation[] {
  const related: DiagnosticRelatedInformation[] = []
  for (const step of steps) {
    const text = workspace.text(step.file)
    if (!text) continue
    related.push({location: {uri: workspace.uriOf(step.file), range: includeRange(workspace, step.file, step.line, text)}, message: `included from ${step.file}:${step.line}`})
  }
  return related
}

/** The `{include}` lines leading from `page` to `file` (outermost first; the shortest way), or none. */
function includePath(workspace: Workspace, page: string, file: string): {file: string; line: number}[] {
  const index = workspace.tree.index
  const reached = new Map<string, {from: string; line: number} | null>([[page, null]])
  const queue = [page]
  while (queue.length > 0) {
    const current = queue.shift()!
    for (const node of walkDirectives(workspace.tree.tree(current)?.children ?? [])) {
      if (node.name !== 'include') continue
      const resolved = resolveIncludePath(index, current, node.path)
      if (!('file' in resolved) || reached.has(resolved.file)) continue
      reached.set(resolved.file, {from: current, line: node.position.start.line})
      if (resolved.file !== file) {
        queue.push(resolved.file)
        continue
      }
      const steps: {file: string; line: number}[] = []
      for (let step = reached.get(file); step; step = reached.get(step.from)) steps.unshift({file: step.from, line: step.line})
      return steps
    }
  }
  return []
}

/** The range of the `{include}` on a line of `file` (the whole line when none is found). */
function includeRange(workspace: Workspace, file: string, line: number, text: DocumentText) {
  for (const node of walkDirectives(workspace.tree.tree(file)?.children ?? [])) {
    if (node.name === 'include' && node.position.start.line === line) return text.rangeOf(node.position)
  }
  return text.lineRange(line)
}

/**
 * A fragment checked through several pages reports the same problem once;
 * the build targets it shows in are those of every page (none listed = all).
 * The messages are left alone (the round shares them with the pages' own diagnostics).
 */
function mergeAcrossPages(messages: readonly VkdocMessage[]): {message: VkdocMessage; targets: string[] | undefined}[] {
  const merged = new Map<string, {message: VkdocMessage; targets: string[] | undefined}>()
  for (const message of messages) {
    const key = `${message.line}:${message.column}:${message.ruleId}:${message.reason}`
    const existing = merged.get(key)
    if (!existing) merged.set(key, {message, targets: message.targets ? [...message.targets] : undefined})
    else if (!existing.targets || !message.targets) existing.targets = undefined
    else for (const target of message.targets) if (!existing.targets.includes(target)) existing.targets.push(target)
  }
  return [...merged.values()]
}
