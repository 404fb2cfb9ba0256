/**
 * `{include(/ru/_includes/_part.md)[tags=a,b; level=+1]}`: text of another
 * file spliced in at the text level (`src/expand/expand.ts` does the
 * splicing, `src/tree/resolve.ts` resolves the path). What reaches the
 * lowering is an include no tree resolved: a marked placeholder, never raw syntax.
 */
import type {Literal, PhrasingContent} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {Position} from 'unist'
import type {DirectiveNode, IncludeDirective} from '../ast.js'
import {element, finish, phrasingParents, renderContext, text} from '../render/hast-kit.js'
import {uiString} from '../render/ui-strings.js'
import type {Construct, LowerKit} from './types.js'
import {argsText, attributeText, commaList} from './values.js'

/** An `{include}` rendered without a docs tree. */
export interface IncludePlaceholder extends Literal {
  type: 'includePlaceholder'
  path: string
}

declare module 'mdast' {
  interface RootContentMap {
    includePlaceholder: IncludePlaceholder
  }
  interface PhrasingContentMap {
    includePlaceholder: IncludePlaceholder
  }
}

function placeholder(kit: LowerKit, directive: DirectiveNode, position: Position): IncludePlaceholder {
  const node = directive as IncludeDirective
  // With a tree, a failed include was already reported by the expansion (not found, cycle, outside root).
  if (!kit.includesResolved) {
    kit.report('include-unresolved', `Unresolved \`{include(${node.path})}\`: no docs tree was given (use \`--root\`)`, node.position.start.offset!, node.position.end.offset!)
  }
  return {type: 'includePlaceholder', path: node.path, value: node.path, position}
}

const toHast: Handler = (state, node: IncludePlaceholder, parent) => {
  const {prefix, lang} = renderContext(state)
  const inline = parent !== undefined && phrasingParents.has(parent.type)
  return finish(state, node, element(inline ? 'span' : 'div', {className: [prefix + 'include-unresolved'], dataInclude: node.path}, [text(uiString(lang, 'include-missing') + node.path)]))
}

// `--` may not appear inside a comment.
const toMarkdown: Handle = (node: IncludePlaceholder) => `<!-- fragment not included: ${node.path.replace(/-(?=-)/g, '-\\')} -->`

export const include: Construct = {
  name: 'include',
  level: 'text',
  summary: 'Splice in a fragment (or its tagged regions), re-indented; `level=+N` shifts its headings.',
  syntax: {
    args: 'required',
    argsMeaning: 'path',
    argsKind: 'include-path',
    argsNonEmpty: true,
    attributes: {
      tags: {kind: 'include-tags', summary: 'Only these `{includetag}` regions (comma-separated).'},
      level: {kind: 'level', summary: 'Shift the fragment’s headings down by N (`+1`).'},
    },
  },
  fields: ({args, attributes}) => {
    const tags = attributeText(attributes, 'tags')
    const level = attributeText(attributes, 'level')
    const levelMatch = level === null ? null : /^\+?(\d+)$/.exec(level)
    return {
      path: argsText(args),
      tags: tags === null ? null : commaList(tags).filter((tag) => !tag.includes('=')),
      level: levelMatch ? Number(levelMatch[1]) : null,
    }
  },
  lowering: {
    leafBlock: (kit, node, position) => ({type: 'paragraph', children: [placeholder(kit, node, position)], position}),
    leaf: (kit, node, position) => placeholder(kit, node, position),
  },
  blockWhenAlone: (node: PhrasingContent) => node.type === 'includePlaceholder',
  hast: {includePlaceholder: toHast},
  markdown: {includePlaceholder: toMarkdown},
}
