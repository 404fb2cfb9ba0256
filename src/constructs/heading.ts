/**
 * `## {heading(Title)[id=anchor]}`: a Markdown heading with an explicit id,
 * a target for `{linkto(page#anchor)}` (whose `%text` prints the title).
 */
import type {Heading} from 'mdast'
import {defaultHandlers, type Handler} from 'mdast-util-to-hast'
import {defaultHandlers as markdownHandlers, type Handle} from 'mdast-util-to-markdown'
import {emitContext, escapeHtml} from '../render/markdown-kit.js'
import type {Construct} from './types.js'
import {attributeText} from './values.js'

declare module 'mdast' {
  interface HeadingData {
    /** From `{heading(…)[id=x]}`. */
    id?: string
  }
}

const toHast: Handler = (state, node: Heading) => {
  const result = defaultHandlers.heading(state, node)
  if (node.data?.id) result.properties['id'] = node.data.id
  return result
}

const toMarkdown: Handle = (node: Heading, parent, state, info) => {
  // Sections made for cuts and tabs nest below the last heading written.
  emitContext(state).sectionDepth = node.depth
  // Keep `{heading}` ids as anchors, so links to `#id` still land.
  const id = node.data?.id
  const withAnchor: Heading = id ? {...node, children: [{type: 'html', value: `<a id="${escapeHtml(id)}"></a>`}, ...node.children]} : node
  return markdownHandlers.heading(withAnchor, parent, state, info)
}

export const heading: Construct = {
  name: 'heading',
  level: 'inline',
  summary: 'A heading title with an explicit anchor id.',
  syntax: {
    args: 'required',
    argsMeaning: 'title',
    argsKind: 'markdown',
    argsNonEmpty: true,
    attributes: {id: {kind: 'id', summary: 'Anchor for `{linkto(page#id)}`.'}},
  },
  fields: ({args, attributes}) => ({title: args ? args.children : [], id: attributeText(attributes, 'id')}),
  lowering: {
    visible: (node) => node.args,
    wrap: (_kit, node, children, _position, parent) => {
      if (parent.type === 'heading' && node.name === 'heading' && node.id) {
        const target = parent as Heading
        target.data = {...target.data, id: node.id}
      }
      return children
    },
  },
  hast: {heading: toHast},
  markdown: {heading: toMarkdown},
}
