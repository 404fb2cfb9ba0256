/**
 * The deliberate differences between `toHtml(markdown, {sanitize: false})`
 * and the bare pipeline (mdast-util-from-markdown + GFM → mdast-util-to-hast
 * → hast-util-to-html) on plain Markdown, in one place. Each is a change
 * made to the bare output on purpose, written as that change, with the spec
 * examples where it shows; `test/spec-html.test.ts` checks that every other
 * example is identical and that each listed one differs exactly by its
 * change. The README lists the same.
 */
import type {Nodes, Root} from 'hast'
import {isSafeUrl} from '../src/render/sanitize.js'

export interface DeliberateDifference {
  why: string
  /** The examples (`commonmark N`, `gfm N`) where it shows. */
  examples: readonly string[]
  /** Apply the difference to a bare hast tree (in place). */
  apply(tree: Root): void
}

const onlyComments = /^\s*(?:<!--[\s\S]*?--!?>\s*)+$/

export const deliberateDifferences: Readonly<Record<string, DeliberateDifference>> = {
  'comments are dropped': {
    why: 'HTML comments are notes to the authors of the docs (and hide drafts); they are never published, even with sanitize: false.',
    examples: ['commonmark 179', 'commonmark 183', 'commonmark 308', 'commonmark 309', 'commonmark 625'],
    apply: (tree) => edit(tree, (node) => (node.type === 'raw' && (onlyComments.test(node.value) || /^<!--/.test(node.value.trim())) ? [] : undefined), undefined, true),
  },
  'links with an unsafe scheme are their text': {
    why: 'Only http, https, mailto, tel and relative URLs become links (URLs are filtered even with sanitize: false); a link whose URL is dropped is its text, not an <a> without href.',
    examples: ['commonmark 596', 'commonmark 598', 'commonmark 599', 'commonmark 601'],
    apply: (tree) =>
      edit(tree, (node) => (node.type === 'element' && node.tagName === 'a' && typeof node.properties['href'] === 'string' && !isSafeUrl(node.properties['href']) ? node.children : undefined)),
  },
  'characters HTML reports as errors become U+FFFD': {
    why: 'Control characters other than whitespace, lone surrogates and noncharacters are parse errors in HTML; they become U+FFFD, as CommonMark does with NUL.',
    examples: [],
    apply: (tree) => edit(tree, () => undefined, (value) => value.replace(/(?![\t\n\f\r])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}/gu, '\uFFFD')),
  },
}

/**
 * Replace nodes by what `replace` returns (undefined keeps a node) and map every text and raw value; with
 * `asBlock`, a removed node takes the line feed that separated it from the next block along.
 */
function edit(parent: Root | Extract<Nodes, {children: unknown}>, replace: (node: Nodes) => Nodes[] | undefined, map?: (value: string) => string, asBlock = false): void {
  const children = parent.children as Nodes[]
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (map && 'value' in child && typeof child.value === 'string') child.value = map(child.value)
    const replacement = replace(child)
    if (replacement) {
      const next = children[index + 1]
      const separator = asBlock && replacement.length === 0 && next?.type === 'text' && next.value === '\n' ? 1 : 0
      children.splice(index, 1 + separator, ...replacement)
      index--
      continue
    }
    if ('children' in child) edit(child, replace, map, asBlock)
  }
}
