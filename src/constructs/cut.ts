/**
 * `{cut(Title)}` … `{/cut}`: a collapsible section (`<details>`); on FAQ
 * pages each top-level cut is a question and its body the answer.
 */
import type {Parent, Root} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import {block, element, finish, flow, renderContext, splitLabel} from '../render/hast-kit.js'
import {blocks, emitContext, htmlBlock, sectionTitle} from '../render/markdown-kit.js'
import {questionIdsOf} from '../render/question-ids.js'
import type {Construct, DirectiveLabel, FlowContent} from './types.js'

export interface Cut extends Parent {
  type: 'cut'
  children: Array<DirectiveLabel | FlowContent>
}

declare module 'mdast' {
  interface RootContentMap {
    cut: Cut
  }
  interface BlockContentMap {
    cut: Cut
  }
}

const toHast: Handler = (state, node: Cut, parent) => {
  const context = renderContext(state)
  const {label, body} = splitLabel(node)
  const summary = label ? [element('summary', {}, state.all(label))] : []
  // A question of the page (a top-level cut) carries its FAQ JSON id, so `page#id` opens it (assets/tabs.js).
  if (parent?.type === 'root' && !context.questionIds) context.questionIds = questionIdsOf(parent as Root)
  const id = parent?.type === 'root' ? context.questionIds?.get(node) : undefined
  return finish(state, node, block(state, 'details', {className: [context.prefix + 'cut'], ...(id ? {id} : {})}, [...summary, ...flow(state, node, body)]))
}

const toMarkdown: Handle = (node: Cut, parent, state, info) => {
  const context = emitContext(state)
  const {label, body} = splitLabel(node)
  if (context.cut === 'heading') {
    const outer = context.sectionDepth
    const depth = outer + 1
    const head = sectionTitle(label?.children ?? [], depth, parent, state, info)
    context.sectionDepth = depth
    const content = blocks(state, node, body, info)
    context.sectionDepth = outer
    return content ? head + '\n\n' + content : head
  }
  const summary = label ? htmlBlock(state, {type: 'root', children: [{type: 'paragraph', children: label.children}]}).replace(/^<p>|<\/p>$/g, '') : ''
  const content = blocks(state, node, body, info)
  return `<details>\n<summary>${summary}</summary>\n\n${content ? content + '\n\n' : ''}</details>`
}

export const cut: Construct = {
  name: 'cut',
  level: 'block',
  summary: 'A collapsible section; on FAQ pages, a question and its answer.',
  syntax: {args: 'required', argsMeaning: 'title', argsKind: 'markdown', attributes: {}, closed: true},
  fields: ({args}) => ({title: args ? args.children : []}),
  lowering: {
    block: {
      titled: true,
      build: (_kit, _node, label, children, position) => ({type: 'cut', children: label ? [label, ...children] : children, position}),
    },
  },
  hast: {cut: toHast},
  markdown: {cut: toMarkdown},
}
