/**
 * The outline of a file: document symbols (headings, nested by depth, and
 * on FAQ pages the questions — the top-level `{cut}`s) and folding ranges
 * for block directives (opener to closer).
 *
 * Symbols come from the file's own text lowered for each build target it is
 * rendered for (targets whose expanded text is the same are lowered once):
 * a heading inside `{ifdef(private)}` is in the outline too. Includes are
 * not spliced, so every symbol lies in this file.
 */
import type {Heading, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {DocumentSymbol, FoldingRange} from 'vscode-languageserver'
import {FoldingRangeKind, SymbolKind} from 'vscode-languageserver'
import type {DirectiveNode, Root} from '../ast.js'
import {compile} from '../compile.js'
import {expand} from '../expand/expand.js'
import type {Cut} from '../constructs/cut.js'
import {actsInCode, isPaired} from './dialect.js'
import type {DocumentText} from './positions.js'
import type {SectionReuse} from './workspace.js'

/** FAQ pages are the `…/faq/faq.md` files (spec `faq-pages.md`). */
export function isFaqPage(file: string): boolean {
  return /(?:^|\/)faq\/faq\.md$/.test(file)
}

interface Entry {
  depth: number
  symbol: DocumentSymbol
  start: number
}

/** Headings (and FAQ questions) of `text`, nested: a heading holds what follows it up to the next one as deep or deeper. */
export function documentSymbols(text: DocumentText, file: string, targets: readonly string[], sections?: SectionReuse): DocumentSymbol[] {
  const entries = new Map<number, Entry>()
  const seen = new Set<string>()
  for (const target of targets) {
    const expanded = expand(text.text, {file, target})
    if (seen.has(expanded.text)) continue
    seen.add(expanded.text)
    const {mdast} = compile(text.text, {file, target, expanded, sections})
    for (const node of mdast.children) collect(node, text, isFaqPage(file), entries, true)
  }
  sections?.prune()
  const roots: DocumentSymbol[] = []
  const stack: Entry[] = []
  for (const entry of [...entries.values()].sort((a, b) => a.start - b.start)) {
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= entry.depth) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) {
      parent.symbol.children!.push(entry.symbol)
      parent.symbol.range = {start: parent.symbol.range.start, end: maxPosition(parent.symbol.range.end, entry.symbol.range.end)}
    } else roots.push(entry.symbol)
    stack.push(entry)
  }
  return roots
}

/** Headings at any depth (inside tabs and notes too); questions only at the top level. */
function collect(node: Nodes, text: DocumentText, faq: boolean, entries: Map<number, Entry>, topLevel: boolean): void {
  const position = node.position
  if (!position || node.data?.file !== undefined) return
  const start = text.offsetOf(position.start)
  if (node.type !== 'heading' && !(topLevel && faq && node.type === 'cut')) {
    if ('children' in node) for (const child of node.children) collect(child as Nodes, text, faq, entries, false)
    return
  }
  if (entries.has(start)) return
  if (node.type === 'heading') {
    const heading = node as Heading
    const name = toString(heading).trim() || '(empty heading)'
    const range = text.rangeOf(position)
    const id = heading.data && 'id' in heading.data ? (heading.data as {id?: unknown}).id : undefined
    const symbol: DocumentSymbol = {name, kind: SymbolKind.String, range, selectionRange: range, children: []}
    if (typeof id === 'string') symbol.detail = `#${id}`
    entries.set(start, {depth: heading.depth, symbol, start})
  } else {
    const [label] = (node as Cut).children
    const labelRange = label?.position ? text.rangeOf(label.position) : text.rangeOf(position)
    const symbol: DocumentSymbol = {name: (label ? toString(label).trim() : '') || '(empty question)', detail: 'question', kind: SymbolKind.Event, range: text.rangeOf(position), selectionRange: labelRange, children: []}
    // A question sits below every heading.
    entries.set(start, {depth: 7, symbol, start})
  }
}

function maxPosition(a: DocumentSymbol['range']['end'], b: DocumentSymbol['range']['end']): DocumentSymbol['range']['end'] {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b
}

/** A folding range from each block directive's opener to its closer. */
export function foldingRanges(tree: Root, text: DocumentText): FoldingRange[] {
  const ranges: FoldingRange[] = []
  const open = new Map<string, DirectiveNode[]>()
  for (const node of tree.children) {
    if (node.type === 'text' || node.context === 'comment' || !isPaired(node.name)) continue
    if (node.context !== 'text' && !actsInCode(node.name)) continue
    if (node.type === 'directive') {
      const stack = open.get(node.name)
      if (stack) stack.push(node)
      else open.set(node.name, [node])
      continue
    }
    const opener = open.get(node.name)?.pop()
    if (!opener) continue
    const startLine = text.rangeOf(opener.position.start).start.line
    const endLine = text.rangeOf(node.position.start).start.line
    if (endLine > startLine) {
      const range: FoldingRange = {startLine, endLine}
      // Conditions and include regions act on the text, not on the page's blocks: they fold as regions.
      if (actsInCode(opener.name)) range.kind = FoldingRangeKind.Region
      ranges.push(range)
    }
  }
  return ranges.sort((a, b) => a.startLine - b.startLine)
}
