/**
 * `{caption(Title)[align=center; position=under; id=x; number={const(n)}]}`
 * … `{/caption}`: a figure with a numbered, linkable title (`%number` in a
 * `{linkto}` to its id prints the number).
 */
import type {Paragraph, Parent, PhrasingContent} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {Attribute} from '../ast.js'
import {block, element, finish, flow, renderContext, splitLabel} from '../render/hast-kit.js'
import {blocks, escapeHtml} from '../render/markdown-kit.js'
import type {Construct, DirectiveLabel, FlowContent} from './types.js'
import {attributeText, attributeValue} from './values.js'

export interface Caption extends Parent {
  type: 'caption'
  /** `id=` (an anchor target for `{linkto(#id)}`). */
  id: string | null
  /** The resolved number (from `number={const(x)}`), as printed. */
  number: string | null
  align: string | null
  /** `position=above|under`. */
  placement: string | null
  children: Array<DirectiveLabel | FlowContent>
}

declare module 'mdast' {
  interface RootContentMap {
    caption: Caption
  }
  interface BlockContentMap {
    caption: Caption
  }
}

const alignments: ReadonlySet<string> = new Set(['left', 'center', 'right'])

/** The last `id=` value without a stray `=` (the malformed captions of the corpus repeat `id`). */
export function readableId(attributes: readonly Attribute[] | null): string | null {
  const ids = (attributes ?? []).filter((attribute) => attribute.key === 'id' && !attribute.value.raw.includes('='))
  return ids.length > 0 ? ids[ids.length - 1]!.value.raw.trim() : null
}

const toHast: Handler = (state, node: Caption) => {
  const {prefix} = renderContext(state)
  const {label, body} = splitLabel(node)
  const classes = [prefix + 'caption']
  if (node.align && alignments.has(node.align)) classes.push(prefix + 'align-' + node.align)
  const properties = node.id ? {id: node.id, className: classes} : {className: classes}
  const content = flow(state, node, body)
  const title = label ? [element('figcaption', {}, state.all(label))] : []
  const after = node.placement === 'under' || node.placement === 'below'
  return finish(state, node, block(state, 'figure', properties, after ? [...content, ...title] : [...title, ...content]))
}

const toMarkdown: Handle = (node: Caption, _parent, state, info) => {
  const {label, body} = splitLabel(node)
  if (!label) return blocks(state, node, body, info)
  // Keep the caption id as an anchor, so `{linkto(#id)}` links still land.
  const anchor: PhrasingContent[] = node.id ? [{type: 'html', value: `<a id="${escapeHtml(node.id)}"></a>`}] : []
  const titleParagraph: Paragraph = {type: 'paragraph', children: [...anchor, {type: 'emphasis', children: label.children}]}
  const under = node.placement === 'under' || node.placement === 'below'
  return blocks(state, node, under ? [...body, titleParagraph] : [titleParagraph, ...body], info)
}

export const caption: Construct = {
  name: 'caption',
  level: 'block',
  summary: 'A figure with a title that may be numbered and linked to.',
  syntax: {
    args: 'required',
    argsMeaning: 'title',
    argsKind: 'markdown',
    attributes: {
      align: {kind: 'text', values: ['left', 'center', 'right'], summary: 'Alignment of the figure.'},
      position: {kind: 'text', values: ['above', 'under'], summary: 'Title above or under the content.'},
      id: {kind: 'id', summary: 'Anchor for `{linkto(#id)}`; `%number` prints the number.'},
      number: {kind: 'markdown', summary: 'The number shown, usually `{const(id)}`.'},
    },
    closed: true,
  },
  fields: ({args, attributes}) => {
    const number = attributeValue(attributes, 'number')
    return {
      title: args ? args.children : [],
      align: attributeText(attributes, 'align'),
      placement: attributeText(attributes, 'position'),
      id: attributeText(attributes, 'id'),
      number: number ? number.children : null,
    }
  },
  lowering: {
    block: {
      titled: true,
      build: (kit, node, label, children, position) => {
        const directive = node as Extract<typeof node, {name: 'caption'}>
        const number = kit.plainText(directive.number).trim()
        return {
          type: 'caption',
          id: directive.malformed ? readableId(directive.attributes) : directive.id,
          number: directive.number && number !== '' ? number : null,
          align: directive.align,
          placement: directive.placement,
          children: label ? [label, ...children] : children,
          position,
        }
      },
    },
  },
  hast: {caption: toHast},
  markdown: {caption: toMarkdown},
}
