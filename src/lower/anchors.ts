/**
 * Per-page numbering and anchors, computed from the directive tokens of the
 * expanded text (no Markdown parse needed): `{counter}` values in document
 * order, `{const}` lookups, and the ids of `{heading}` and `{caption}` with
 * the text `%text` / `%number` resolve to.
 */
import type {DirectiveNode, InlineContent, Root} from '../ast.js'
import type {Expanded} from '../expand/expand.js'
import {readableId} from '../constructs/caption.js'
import {parse} from '../parser/index.js'
import {contextAt, scanContexts} from '../lexer/contexts.js'
import {slug} from 'github-slugger'

export interface Numbering {
  counters: Map<DirectiveNode, string>
  constants: Map<string, string>
}

export interface Anchor {
  kind: 'heading' | 'caption'
  /** Heading text (for `%text`) or caption number (for `%number`). */
  text: string
  depth?: number
}

export interface PageAnchors {
  /** Text of the first level-1 `{heading}`, if any. */
  title: string | null
  ids: Map<string, Anchor>
}

/** Every directive in document order, including those nested in arguments (counters in captions). */
export function* walkDirectives(nodes: readonly InlineContent[]): Generator<DirectiveNode> {
  for (const node of nodes) {
    if (node.type !== 'directive') continue
    yield node
    if (node.args) yield* walkDirectives(node.args.children)
    if (node.attributes) for (const attribute of node.attributes) yield* walkDirectives(attribute.value.children)
  }
}

/** `{counter(name)}` values per page, in document order; `[id=x]` stores the value for `{const(x)}`. */
export function numberCounters(nodes: readonly InlineContent[]): Numbering {
  const counts = new Map<string, number>()
  const numbering: Numbering = {counters: new Map(), constants: new Map()}
  for (const node of walkDirectives(nodes)) {
    if (node.context === 'comment' || node.name !== 'counter') continue
    const value = (counts.get(node.counter) ?? 0) + 1
    counts.set(node.counter, value)
    numbering.counters.set(node, String(value))
    if (node.id) numbering.constants.set(node.id, String(value))
  }
  return numbering
}

/** Plain text of directive arguments, with nested counters/consts printed. */
export function plainText(numbering: Numbering, nodes: readonly InlineContent[] | null): string {
  if (!nodes) return ''
  let result = ''
  for (const node of nodes) {
    if (node.type === 'text') result += node.value
    else if (node.type === 'directive') {
      if (node.name === 'counter') result += numbering.counters.get(node) ?? ''
      else if (node.name === 'const') result += numbering.constants.get(node.id) ?? ''
      else if (node.name === 'var') result += node.variable
      else if (node.name !== 'ifdef' && node.name !== 'ifndef' && node.args) result += plainText(numbering, node.args.children)
    }
  }
  return result.replace(/`/g, '')
}

/** Heading and caption anchors of a parsed expanded page. */
export function anchorsOf(tree: Root, text: string, numbering: Numbering): PageAnchors {
  const anchors: PageAnchors = {title: null, ids: new Map()}
  for (const node of tree.children) {
    // Malformed headings and captions still define their id when it can be read:
    // `{caption()[id=position=above;…;id=video_x]}` means `video_x` to its readers.
    if (node.type !== 'directive' || node.context !== 'text') continue
    if (node.name === 'heading') {
      const lineStart = text.lastIndexOf('\n', node.position.start.offset! - 1) + 1
      const hashes = /^\s*(#{1,6})\s/.exec(text.slice(lineStart, node.position.start.offset!))
      const depth = hashes ? hashes[1]!.length : undefined
      const headingText = plainText(numbering, node.title).trim()
      if (depth === 1 && anchors.title === null) anchors.title = detached(headingText)
      if (node.id && !anchors.ids.has(node.id)) anchors.ids.set(detached(node.id), {kind: 'heading', text: detached(headingText), depth})
    } else if (node.name === 'caption') {
      const id = node.malformed ? readableId(node.attributes) : node.id
      if (id && !anchors.ids.has(id)) anchors.ids.set(detached(id), {kind: 'caption', text: detached(plainText(numbering, node.number).trim())})
    }
  }
  return anchors
}

/**
 * A copy of `text` that does not hold on to the page it was cut from. Engines share the memory of a
 * substring with its whole string, and a docs tree keeps the anchors of every page (for the pages
 * linking to it): kept as substrings, they kept every expanded page alive too (12 MB for ru).
 */
function detached(text: string): string {
  return (' ' + text).slice(1)
}

/** Anchors of an expanded page text. */
export function pageAnchors(text: string): PageAnchors {
  const tree = parse(text).tree
  return anchorsOf(tree, text, numberCounters(tree.children))
}

const expansionTrees = new WeakMap<Expanded, Root>()

/**
 * The dialect tree of an expansion's text, parsed once per expansion: a docs tree that computed a page's anchors
 * (for a page linking to it) hands the same expansion to the page's render, which then does not parse it again.
 */
export function expansionTree(expanded: Expanded): Root {
  let tree = expansionTrees.get(expanded)
  if (!tree) {
    tree = parse(expanded.text).tree
    expansionTrees.set(expanded, tree)
  }
  return tree
}

/** Anchors of an expansion (see `expansionTree`). */
export function expansionAnchors(expanded: Expanded): PageAnchors {
  const tree = expansionTree(expanded)
  return anchorsOf(tree, expanded.text, numberCounters(tree.children))
}

/** Slugs of the plain ATX headings (no `{heading}`) of an expanded page text, outside code (asked only for a missing anchor). */
export function plainHeadingSlugs(text: string): Set<string> {
  const contexts = scanContexts(text)
  const slugs = new Set<string>()
  for (const match of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    if (match[1]!.includes('{heading(') || contextAt(contexts, match.index) !== 'text') continue
    slugs.add(slug(match[1]!.replace(/[*_`]/g, '')))
  }
  return slugs
}
