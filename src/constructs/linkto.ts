/**
 * `{linkto(../page#anchor)[text=Shown text]}`: a cross-reference. The
 * target resolves to a page of the docs tree (or an anchor of this page);
 * `text=%text` prints the target heading, `%number` a caption's number.
 */
import type {Parent, PhrasingContent} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {Position} from 'unist'
import type {DirectiveNode, LinktoDirective} from '../ast.js'
import {quote} from '../diagnostics/wording.js'
import {element, finish, renderContext, text} from '../render/hast-kit.js'
import {safeUrl} from '../render/sanitize.js'
import type {Construct, LowerKit, ResolvedLink} from './types.js'
import {attributeValue} from './values.js'

export interface Linkto extends Parent {
  type: 'linkto'
  /** The target as written (whitespace removed): `../page#anchor`, `#anchor`, `/ru/…`. */
  target: string
  /** The href to render, resolved by the emitter options or the docs tree. */
  url: string
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    linkto: Linkto
  }
  interface PhrasingContentMap {
    linkto: Linkto
  }
}

/** Same-page anchors resolve here; other pages through the docs tree, or to a relative/site-absolute href. */
function resolve(kit: LowerKit, target: string): ResolvedLink | undefined {
  const hash = target.indexOf('#')
  const pathPart = hash === -1 ? target : target.slice(0, hash)
  const anchor = hash === -1 ? '' : target.slice(hash + 1)
  if (pathPart === '') {
    const found = kit.anchor(anchor)
    if (found) return {url: '#' + anchor, title: found.kind === 'heading' ? found.text : undefined, number: found.kind === 'caption' ? found.text : undefined}
    // Not on this rendering of the page: a tree knows the page's other targets.
    if (kit.resolveInTree) return kit.resolveInTree(target) ?? {url: '#' + anchor}
    return {url: '#' + anchor, problem: {code: 'linkto-missing-anchor', reason: `Unexpected anchor \`#${anchor}\`: no \`{heading}\` or \`{caption}\` of this page has this id`}}
  }
  const fromTree = kit.resolveInTree?.(target)
  if (fromTree) return fromTree
  const clean = pathPart.replace(/\/+$/, '')
  let url = clean
  if (kit.path && !clean.startsWith('/')) {
    const parts = kit.path.split('/').slice(0, -1)
    for (const segment of clean.split('/')) {
      if (segment === '..') parts.pop()
      else if (segment !== '.' && segment !== '') parts.push(segment)
    }
    url = '/' + parts.join('/')
  }
  return {url: url + (anchor ? '#' + anchor : '')}
}

function unresolvedText(kit: LowerKit, node: LinktoDirective, placeholder: string): void {
  kit.report('linkto-text-unresolved', `Cannot resolve \`${placeholder}\` of \`{linkto(${node.target})}\` here: the target is shown instead`, node.position.start.offset!, node.position.end.offset!)
}

function lowerLinkto(kit: LowerKit, directive: DirectiveNode, children: PhrasingContent[], position: Position): PhrasingContent {
  const node = directive as LinktoDirective
  const resolution = resolve(kit, node.target)
  if (resolution?.problem) kit.report(resolution.problem.code, resolution.problem.reason, node.position.start.offset!, node.position.end.offset!)
  let content = children
  const textValue = content.length === 1 && content[0]!.type === 'text' ? content[0].value.trim() : null
  if (textValue === '%text') {
    const title = resolution?.title
    if (title === undefined) unresolvedText(kit, node, '%text')
    content = [{type: 'text', value: title ?? node.target, position: content[0]!.position}]
  } else {
    for (const child of content) {
      if (child.type === 'text' && child.value.includes('%number')) {
        const number = resolution?.number
        if (number === undefined) unresolvedText(kit, node, '%number')
        child.value = child.value.replaceAll('%number', number ?? '?')
      }
    }
  }
  if (content.length === 0) content = [{type: 'text', value: resolution?.title ?? node.target, position}]
  return {type: 'linkto', target: node.target, url: resolution?.url ?? '', children: content, position}
}

const toHast: Handler = (state, node: Linkto) => {
  const {prefix} = renderContext(state)
  const href = safeUrl(node.url)
  const children = state.all(node)
  const content = children.length > 0 ? children : [text(node.target)]
  // Without a usable URL (unresolved or unsafe) the text stays, as a span.
  return finish(state, node, href ? element('a', {href, className: [prefix + 'linkto']}, content) : element('span', {className: [prefix + 'linkto']}, content))
}

const toMarkdown: Handle = (node: Linkto, parent, state, info) => {
  const children: PhrasingContent[] = node.children.length > 0 ? node.children : [{type: 'text', value: node.target}]
  const url = safeUrl(node.url)
  if (!url) return state.containerPhrasing({...node, children}, info)
  return state.handle({type: 'link', url, title: null, children}, parent, state, info)
}

export const linkto: Construct = {
  name: 'linkto',
  level: 'inline',
  summary: 'A link to a page of the docs tree or an anchor; `text=%text` prints the target title.',
  syntax: {
    args: 'required',
    argsMeaning: 'target',
    argsKind: 'page-target',
    argsNonEmpty: true,
    attributes: {text: {kind: 'markdown', freeText: true, summary: 'The link text; `%text` prints the target heading, `%number` a caption number.'}},
  },
  fields: ({args, attributes}) => {
    const shown = attributeValue(attributes, 'text')
    return {target: args ? args.raw.replace(/\s+/g, '') : '', text: shown ? shown.children : null}
  },
  check: ({node, source, malformed}) => {
    if (node.name !== 'linkto' || node.attributes || malformed) return []
    const start = node.position.start.offset!
    const end = node.position.end.offset!
    return [{code: 'linkto-missing-text', reason: `Unexpected ${quote(source.slice(start, end))} without attributes, expected \`[text=…]\` after the target`, start, end}]
  },
  lowering: {
    visible: (node) => (node.name === 'linkto' ? (node.attributes?.find((attribute) => attribute.key === 'text')?.value ?? null) : null),
    wrap: (kit, node, children, position) => [lowerLinkto(kit, node, children, position)],
    leaf: (kit, node, position) => lowerLinkto(kit, node, [], position),
  },
  hast: {linkto: toHast},
  markdown: {linkto: toMarkdown},
}
