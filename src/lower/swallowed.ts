/**
 * Directives CommonMark made part of raw HTML, code or an autolink.
 *
 * A directive's placeholder is text to CommonMark, so a line right after an
 * HTML block of kinds 6–7 (which runs to the next blank line), text inside
 * `<https://…>`, or a line the fence rules put in code, is not a directive
 * any more: `{note:info}\n<div>x</div>\n{/note}` would close the note at the
 * end of the page and print `{/note}`. The lowering asks this module, for
 * each parsed range, which placeholders landed inside such a node, and
 * reports each at the directive and at its partner (the opener of a lost
 * closer, the closer of a lost opener), so neither end is silent.
 */
import type {Nodes, RootContent} from 'mdast'
import type {CloseNode, DirectiveNode} from '../ast.js'
import {firstAtOrAfter, rangeAt} from '../syntax/sorted.js'

/** A placeholder the lowering made: where it is and which token it stands for. */
export interface PlacedMark {
  start: number
  end: number
  node: DirectiveNode | CloseNode
}

/** A placeholder inside a node that shows it as raw text. */
export interface SwallowedMark {
  mark: PlacedMark
  /** What holds it: `an HTML block`, `raw HTML`, `a code block`, `a code span`, `an autolink`. */
  holder: string
  /** Offset of the holding node. */
  holderStart: number
}

interface Holder {
  start: number
  end: number
  holder: string
}

/**
 * The marks (`marksOf()`, asked only when some holder exists) that lie inside raw HTML, code or an angle-bracket autolink of `children` (nodes with
 * offsets of the text `text` starts at `base` of). A block placeholder's own one-line HTML block does not count.
 */
export function swallowedMarks(children: readonly RootContent[], text: string, base: number, marksOf: () => readonly PlacedMark[]): SwallowedMark[] {
  const holders: Holder[] = []
  const stack: Array<{node: Nodes; flow: boolean}> = children.map((node) => ({node, flow: true}))
  while (stack.length > 0) {
    const {node, flow} = stack.pop()!
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start !== undefined && end !== undefined) {
      if (node.type === 'html') holders.push({start, end, holder: flow ? 'an HTML block' : 'raw HTML'})
      else if (node.type === 'code') holders.push({start, end, holder: 'a code block'})
      else if (node.type === 'inlineCode') holders.push({start, end, holder: 'a code span'})
      else if (node.type === 'link' && text.charCodeAt(start - base) === 60 /* < */) holders.push({start, end, holder: 'an autolink'})
    }
    if ('children' in node) {
      const childFlow = node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition'
      for (const child of node.children) stack.push({node: child as Nodes, flow: childFlow})
    }
  }
  if (holders.length === 0) return []
  holders.sort((a, b) => a.start - b.start)
  const found: SwallowedMark[] = []
  for (const mark of marksOf()) {
    const holder = rangeAt(holders, mark.start)
    if (!holder) continue
    // A block placeholder is its own one-line HTML block (after the indentation).
    const ownStart = skipIndentation(text, holder.start - base) + base
    if (holder.holder === 'an HTML block' && ownStart === mark.start) continue
    found.push({mark, holder: holder.holder, holderStart: ownStart})
  }
  return found
}

function skipIndentation(text: string, index: number): number {
  let at = index
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++
  return at
}

/**
 * The partner of a paired block token (the closer of an opener, the opener of a closer) among `tokens` (document
 * order), pairing by name as the structure check does; undefined when it has none.
 */
export function partnerOf(tokens: ReadonlyArray<DirectiveNode | CloseNode>, token: DirectiveNode | CloseNode, isPaired: (name: string) => boolean): DirectiveNode | CloseNode | undefined {
  const open = new Map<string, Array<DirectiveNode | CloseNode>>()
  for (const candidate of tokens) {
    if (candidate.context !== 'text' || !isPaired(candidate.name)) continue
    const stack = open.get(candidate.name) ?? []
    open.set(candidate.name, stack)
    if (candidate.type === 'directive') {
      stack.push(candidate)
      continue
    }
    const opener = stack.pop()
    if (candidate === token) return opener
    if (opener === token) return candidate
  }
  return undefined
}

/**
 * Closers the lexer found in code (a fence or HTML block the text leaves open) while an opener of the same name
 * in text is never closed: the opener is reported as unclosed elsewhere; this is the place of the lost closer.
 */
export function closersInCode(tokens: ReadonlyArray<DirectiveNode | CloseNode>, isPaired: (name: string) => boolean): Array<{closer: CloseNode; opener: DirectiveNode}> {
  const open = new Map<string, DirectiveNode[]>()
  for (const token of tokens) {
    if (token.context !== 'text' || !isPaired(token.name)) continue
    if (token.type === 'directive') {
      const stack = open.get(token.name) ?? []
      stack.push(token)
      open.set(token.name, stack)
    } else open.get(token.name)?.pop()
  }
  // Closers in code by name, in document order: the first one after each unclosed opener (binary search).
  const inCode = new Map<string, CloseNode[]>()
  for (const token of tokens) {
    if (token.type !== 'close' || token.context === 'text' || !open.has(token.name)) continue
    const list = inCode.get(token.name) ?? []
    list.push(token)
    inCode.set(token.name, list)
  }
  const found: Array<{closer: CloseNode; opener: DirectiveNode}> = []
  const used = new Set<CloseNode>()
  for (const [name, openers] of open) {
    const closers = inCode.get(name)
    if (!closers) continue
    for (const opener of openers) {
      const closer = closers[firstAtOrAfter(closers, (node) => node.position.start.offset!, opener.position.end.offset!)]
      if (closer && !used.has(closer)) {
        used.add(closer)
        found.push({closer, opener})
      }
    }
  }
  return found
}
