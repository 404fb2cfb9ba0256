/**
 * `{counter(figures)[id=net]}` prints the next value of a page-wide counter
 * (and stores it under `net`); `{const(net)}` prints the stored value.
 * Numbering is per rendered page, in document order (`src/lower/anchors.ts`).
 */
import type {Literal} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {ConstDirective, CounterDirective} from '../ast.js'
import {text} from '../render/hast-kit.js'
import type {Construct} from './types.js'
import {argsText, attributeText} from './values.js'

/** `{counter(NAME)[id=CID]}`: the counter's value at this place. */
export interface Counter extends Literal {
  type: 'counter'
  name: string
  id: string | null
}

/** `{const(CID)}`: the value a counter stored under CID. */
export interface Constant extends Literal {
  type: 'constant'
  id: string
}

declare module 'mdast' {
  interface RootContentMap {
    constant: Constant
    counter: Counter
  }
  interface PhrasingContentMap {
    constant: Constant
    counter: Counter
  }
}

const valueHast: Handler = (_state, node: Counter | Constant) => text(node.value)
const valueMarkdown: Handle = (node: Counter | Constant, _parent, state, info) => state.safe(node.value, info)

export const counter: Construct = {
  name: 'counter',
  level: 'inline',
  summary: 'The next value of a page-wide counter; `id=` stores it for `{const}`.',
  syntax: {args: 'required', argsMeaning: 'counter name', argsKind: 'counter', argsNonEmpty: true, attributes: {id: {kind: 'counter-id', summary: 'Store the value under this id.'}}},
  fields: ({args, attributes}) => ({counter: argsText(args), id: attributeText(attributes, 'id')}),
  lowering: {
    leaf: (kit, node, position) => {
      const directive = node as CounterDirective
      return {type: 'counter', name: directive.counter, id: directive.id, value: kit.counterValue(directive), position}
    },
  },
  hast: {counter: valueHast},
  markdown: {counter: valueMarkdown},
}

export const constant: Construct = {
  name: 'const',
  level: 'inline',
  summary: 'The value a `{counter}` stored under this id.',
  syntax: {args: 'required', argsMeaning: 'counter id', argsKind: 'counter-id', argsNonEmpty: true, attributes: {}},
  fields: ({args}) => ({id: argsText(args)}),
  lowering: {
    leaf: (kit, node, position) => {
      const directive = node as ConstDirective
      return {type: 'constant', id: directive.id, value: kit.constantValue(directive.id), position}
    },
  },
  hast: {constant: valueHast},
  markdown: {constant: valueMarkdown},
}
