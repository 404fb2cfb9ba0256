/**
 * `{formula}` … `{/formula}`: a verbatim (LaTeX) block; its body is never
 * scanned for directives (`2^{32-M}` is LaTeX). Lowered as a region: hidden
 * from the page's Markdown parse, rebuilt where its placeholder lands.
 */
import type {Literal, RootContent} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {FormulaDirective} from '../ast.js'
import {element, finish, renderContext, text} from '../render/hast-kit.js'
import type {Construct, Region} from './types.js'

export interface Formula extends Literal {
  type: 'formula'
}

declare module 'mdast' {
  interface RootContentMap {
    formula: Formula
  }
  interface BlockContentMap {
    formula: Formula
  }
}

const closer = '{/formula}'

function lowerFormula(text: string, node: FormulaDirective, end: number): RootContent {
  let body = node.body
  if (body === null) {
    const rest = text.slice(node.position.end.offset!, end)
    body = rest.endsWith(closer) ? rest.slice(0, -closer.length) : rest
  }
  const start = node.position.start
  return {type: 'formula', value: body.replace(/^\r?\n/, '').replace(/\r?\n[ \t]*$/, ''), position: {start, end: {...start, offset: end}}}
}

const toHast: Handler = (state, node: Formula) => finish(state, node, element('div', {className: [renderContext(state).prefix + 'formula']}, [element('code', {}, [text(node.value)])]))

const toMarkdown: Handle = (node: Formula, parent, state, info) => state.handle({type: 'code', lang: 'math', value: node.value}, parent, state, info)

export const formula: Construct = {
  name: 'formula',
  level: 'block',
  summary: 'A verbatim formula (LaTeX) block.',
  syntax: {args: 'none', attributes: {}, closed: true},
  fields: () => ({body: null}),
  lowering: {
    regions: ({text, tokens}) => {
      const regions: Region[] = []
      for (const token of tokens) {
        // A malformed opener (`{formula(x)}`) stays text; it is reported.
        if (token.type !== 'directive' || token.name !== 'formula' || token.context !== 'text' || token.malformed) continue
        const start = token.position.start.offset!
        let end = token.position.end.offset!
        if (token.body === null || !text.slice(start, end).includes(closer)) {
          const close = text.indexOf(closer, end)
          if (close !== -1) end = close + closer.length
        }
        regions.push({start, end, lower: (kit) => lowerFormula(kit.text, token, end)})
      }
      return regions
    },
  },
  hast: {formula: toHast},
  markdown: {formula: toMarkdown},
}
