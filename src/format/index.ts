/**
 * `format(source)`: the dialect formatter. It normalises what authors write
 * inconsistently and nothing else — Markdown it has no rule for stays byte
 * for byte — and it never changes what renders: the result is rendered for
 * every build target the page names and compared with the source's
 * rendering; a rule whose edits would change the HTML is not applied.
 *
 * Rules (each documented with examples in the README):
 * - `directive-spelling`: a directive in its canonical spelling (`printer.ts`);
 * - `block-indent`: a block directive line inside a list item indented to
 *   the item's content (one to three columns off is the same container to
 *   CommonMark, and reads as a mistake);
 * - `block-spacing`: a blank line between a block's closer and the next
 *   block's opener at the top level, and no runs of blank lines around
 *   block directive lines.
 */
import type {ListItem, Nodes} from 'mdast'
import type {DirectiveNode} from '../ast.js'
import {compile} from '../compile.js'
import {isBlockName} from '../constructs/index.js'
import {aloneOnLine, expand} from '../expand/expand.js'
import type {SectionCache} from '../lower/markdown.js'
import {parse} from '../parser/index.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToHast} from '../render/to-hast.js'
import {printDirective} from './printer.js'

export type FormatRule = 'directive-spelling' | 'block-indent' | 'block-spacing'

export const formatRules: readonly FormatRule[] = ['directive-spelling', 'block-indent', 'block-spacing']

export interface FormatOptions {
  /** The rules to apply (default: all of `formatRules`). */
  rules?: readonly FormatRule[]
  /** Build targets whose rendering must not change (default: `public` and every target a condition of the page names). */
  targets?: readonly string[]
  /** How to render a text for a target when checking (default: the text alone, as `toHtml` does); a docs tree passes its own. */
  render?: (text: string, target: string) => string
}

export interface FormatResult {
  text: string
  /** The rules whose edits were kept. */
  applied: FormatRule[]
  /** Rules whose edits would have changed the rendering, so they were left out. */
  refused: FormatRule[]
}

interface Edit {
  start: number
  end: number
  text: string
}

/** Format a page; returns the source itself when nothing changes. */
export function format(source: string, options?: Readonly<FormatOptions> | null): string {
  return formatPage(source, options).text
}

/** Format a page and say which rules changed it. */
export function formatPage(source: string, options?: Readonly<FormatOptions> | null): FormatResult {
  const settings = checkOptions(options)
  const rules = settings.rules ?? formatRules
  // Parsed sections shared by every parse of this call: the rules' and the checking renders' (an edit touches few sections).
  const sections: SectionCache = new Map()
  const render = settings.render ?? aloneRenderer(sections)
  const targets = settings.targets ?? targetsOf(source)
  // The source is rendered only once some rule has edits to check.
  let baseline: Map<string, string> | undefined
  const rendersTheSame = (text: string): boolean => {
    baseline ??= new Map(targets.map((target) => [target, render(source, target)]))
    return targets.every((target) => render(text, target) === baseline!.get(target))
  }
  let text = source
  const applied: FormatRule[] = []
  const refused: FormatRule[] = []
  for (const rule of formatRules) {
    if (!rules.includes(rule)) continue
    const next = applyEdits(text, editsOf(rule, text, sections))
    if (next === text) continue
    if (rendersTheSame(next)) {
      text = next
      applied.push(rule)
    } else refused.push(rule)
  }
  return {text, applied, refused}
}

function checkOptions(options: Readonly<FormatOptions> | null | undefined): FormatOptions {
  if (options === null || options === undefined) return {}
  if (typeof options !== 'object') throw new TypeError('vkdoc: format options must be an object')
  for (const key of Object.keys(options)) if (!['rules', 'targets', 'render'].includes(key)) throw new TypeError(`vkdoc: unknown format option \`${key}\``)
  for (const rule of options.rules ?? []) if (!formatRules.includes(rule)) throw new TypeError(`vkdoc: unknown format rule \`${String(rule)}\` (expected ${formatRules.join(', ')})`)
  if (options.render !== undefined && typeof options.render !== 'function') throw new TypeError('vkdoc: `render` must be a function')
  return options
}

/**
 * Render a text alone for a target, as `toHtml` does. One formatting call renders the source and each
 * candidate for every target: targets that expand a text alike share one render (alone, a target changes
 * nothing but the conditions).
 */
function aloneRenderer(sections: SectionCache): (text: string, target: string) => string {
  const byExpansion = new Map<string, string>()
  return (text, target) => {
    const expanded = expand(text, {target})
    let html = byExpansion.get(expanded.text)
    if (html === undefined) {
      html = hastToHtml(mdastToHast(compile(text, {target, expanded, sections}).mdast))
      byExpansion.set(expanded.text, html)
    }
    return html
  }
}

/** `public` and every build target a condition of the page names. */
function targetsOf(source: string): string[] {
  const targets = new Set(['public'])
  for (const node of parse(source).tree.children) {
    if (node.type === 'directive' && (node.name === 'ifdef' || node.name === 'ifndef')) for (const target of node.targets) targets.add(target)
  }
  return [...targets]
}

function applyEdits(text: string, edits: Edit[]): string {
  if (edits.length === 0) return text
  edits.sort((a, b) => a.start - b.start)
  let result = ''
  let cursor = 0
  for (const edit of edits) {
    if (edit.start < cursor) continue
    result += text.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }
  return result + text.slice(cursor)
}

function editsOf(rule: FormatRule, text: string, sections: SectionCache): Edit[] {
  if (rule === 'directive-spelling') return spellingEdits(text)
  if (rule === 'block-indent') return indentEdits(text, sections)
  return spacingEdits(text)
}

/** Directives of the text context at the top level of the AST. */
function textDirectives(text: string): DirectiveNode[] {
  return parse(text).tree.children.filter((node): node is DirectiveNode => node.type === 'directive' && node.context === 'text')
}

function spellingEdits(text: string): Edit[] {
  const edits: Edit[] = []
  for (const node of textDirectives(text)) {
    const start = node.position.start.offset!
    const end = node.position.end.offset!
    const printed = printDirective(node, {aloneOnLine: aloneOnLine(text, start, end) !== null})
    if (printed !== null && printed !== text.slice(start, end)) edits.push({start, end, text: printed})
  }
  return edits
}

/** `[start, end)` of the line holding `offset`, without its line break. */
function lineAt(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  const newline = text.indexOf('\n', offset)
  const end = newline === -1 ? text.length : newline
  return [start, text.charCodeAt(end - 1) === 13 ? end - 1 : end]
}

/** Block directive lines: a block opener or closer alone on its line (text context), by line start. */
function blockLines(text: string): Map<number, {indent: number; kind: 'open' | 'close'}> {
  const lines = new Map<number, {indent: number; kind: 'open' | 'close'}>()
  for (const node of parse(text).tree.children) {
    if (node.type === 'text' || node.context !== 'text' || !isBlockName(node.name)) continue
    if (node.type === 'directive' && node.malformed) continue
    const start = node.position.start.offset!
    const [lineStart, lineEnd] = lineAt(text, start)
    const before = text.slice(lineStart, start)
    if (!/^ *$/.test(before) || text.slice(node.position.end.offset!, lineEnd).trim() !== '') continue
    lines.set(lineStart, {indent: before.length, kind: node.type === 'close' ? 'close' : 'open'})
  }
  return lines
}

/** The column a list item's content starts at, from its marker (`-   x` → 4); `null` when unusual (tabs, blank first line). */
function contentIndent(text: string, item: ListItem): number | null {
  const offset = item.position?.start.offset
  if (offset === undefined) return null
  const [lineStart, lineEnd] = lineAt(text, offset)
  const line = text.slice(lineStart, lineEnd)
  const found = /^([-*+]|\d{1,9}[.)])( {1,4})(?=\S)/.exec(line.slice(offset - lineStart))
  if (!found || line.includes('\t') || !/^[ >]*$/.test(line.slice(0, offset - lineStart))) return null
  return offset - lineStart + found[1]!.length + found[2]!.length
}

function indentEdits(text: string, sections: SectionCache): Edit[] {
  const lines = blockLines(text)
  // No list item without a list marker at a line start (after container prefixes): no Markdown parse needed.
  if (lines.size === 0 || !/^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?$)/m.test(text)) return []
  const edits: Edit[] = []
  const tree = compile(text, {sections}).mdast
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!('children' in node)) continue
    for (const child of node.children as Nodes[]) stack.push(child)
    if (node.type !== 'listItem') continue
    const indent = contentIndent(text, node)
    if (indent === null) continue
    for (const child of node.children as Nodes[]) {
      if (!isBlockName(child.type) || !child.position) continue
      for (const offset of [child.position.start.offset!, Math.max(child.position.start.offset!, child.position.end.offset! - 1)]) {
        const [lineStart] = lineAt(text, offset)
        const line = lines.get(lineStart)
        if (!line || line.indent === indent || Math.abs(line.indent - indent) > 3) continue
        edits.push({start: lineStart, end: lineStart + line.indent, text: ' '.repeat(indent)})
      }
    }
  }
  return edits
}

/** Lines of a text: `[start, end)` without the line break, and where the next line starts. */
function splitLines(text: string): Array<{start: number; end: number; next: number}> {
  const lines: Array<{start: number; end: number; next: number}> = []
  let start = 0
  while (start <= text.length) {
    const newline = text.indexOf('\n', start)
    const next = newline === -1 ? text.length + 1 : newline + 1
    const end = newline === -1 ? text.length : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline
    lines.push({start, end, next})
    if (newline === -1) break
    start = next
  }
  return lines
}

function spacingEdits(text: string): Edit[] {
  const directiveLines = blockLines(text)
  const lines = splitLines(text)
  const blank = (index: number): boolean => index >= 0 && index < lines.length && text.slice(lines[index]!.start, lines[index]!.end).trim() === ''
  const blockAt = (index: number) => (index >= 0 && index < lines.length ? directiveLines.get(lines[index]!.start) : undefined)
  const lineBreak = text.includes('\r\n') ? '\r\n' : '\n'
  const edits: Edit[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = blockAt(index)
    if (!line || line.indent !== 0) continue
    let after = index + 1
    while (blank(after) && after < lines.length - 1) after++
    // Keep one blank line of a run after (and before) a block directive line.
    if (after - index - 1 >= 2) edits.push({start: lines[index + 2]!.start, end: lines[after]!.start, text: ''})
    let before = index - 1
    while (blank(before)) before--
    if (index - before - 1 >= 2) edits.push({start: lines[before + 2]!.start, end: lines[index]!.start, text: ''})
    const next = blockAt(index + 1)
    if (line.kind === 'close' && next && next.indent === 0 && next.kind === 'open') edits.push({start: lines[index + 1]!.start, end: lines[index + 1]!.start, text: lineBreak})
  }
  return edits
}
