/**
 * CST → dialect AST (`src/ast.ts`), the narrowing half of the super grammar:
 * every directive is checked against its shape (`shapes.ts`), given its
 * typed fields and its context, and what is malformed is flagged and turned
 * into a problem (a message to be).
 *
 * Text nodes are not built from tokens but from the gaps between directive
 * nodes, so the root (and every segment) covers its source exactly, whatever
 * the tokens were. Per-run state travels in an explicit `BuildState`.
 */
import type {CstNode, IToken} from 'chevrotain'
import type {Position} from 'unist'
import type {
  Attribute,
  CloseNode,
  DirectiveName,
  DirectiveNode,
  InlineContent,
  Root,
  Segment,
  TextNode,
  TokenContext,
} from '../ast.js'
import {constructOf} from '../constructs/index.js'
import type {DirectiveParts, DirectiveSyntax, PartProblem} from '../constructs/types.js'
import {describeAt, orList, quote} from '../diagnostics/wording.js'
import {contextAt, type ContextScan} from '../lexer/contexts.js'
import {fromInclusive, type LineIndex} from '../syntax/position.js'
import type {
  ArgsCstNode,
  AttributeCstNode,
  AttributesCstNode,
  DirectiveCstNode,
  DocumentCstNode,
  FormulaCstNode,
} from './cst.js'

/** A diagnostic before it becomes a message: code, wording and `[start, end)`. */
export type Problem = PartProblem

export {describeAt, quote}

/** What building needs besides the CST: the source, its line index and its code/comment ranges. */
export interface BuildState {
  source: string
  lines: LineIndex
  contexts: ContextScan
}

/** `[start, end)` of a token (the one place token ends are converted). */
function tokenRange(token: IToken): [number, number] {
  return fromInclusive(token.startOffset, token.endOffset ?? token.startOffset + token.image.length - 1)
}

/** `[start, end)` of a CST node. */
function nodeRange(node: CstNode): [number, number] {
  const location = node.location
  if (!location || Number.isNaN(location.startOffset) || location.endOffset === undefined || Number.isNaN(location.endOffset)) {
    throw new Error(`CST node \`${node.name}\` has no location`)
  }
  return fromInclusive(location.startOffset, location.endOffset)
}

/** The syntax of a directive name; a name the lexer accepted always has one. */
function syntaxOf(name: string): DirectiveSyntax {
  const syntax = constructOf(name)?.syntax
  if (!syntax) throw new Error(`No syntax registered for directive \`${name}\``)
  return syntax
}

// ---------------------------------------------------------------------------
// Root

/**
 * Build the root from the `document` CST.
 *
 * @param cst The CST of the whole file.
 * @param state Source, line index and context ranges.
 * @returns The root and the problems found in directives.
 */
export function buildRoot(cst: DocumentCstNode, state: BuildState): {root: Root; problems: Problem[]} {
  const problems: Problem[] = []
  const items: InlineContent[] = []
  const children = cst.children

  for (const directive of children.directive ?? []) {
    const local: Problem[] = []
    const node = buildDirective(directive, state, local)
    // Code and comments keep only clean directives: a broken one there is
    // just text (a shell `{var}`, a commented-out draft), not a defect.
    if (node.context !== 'text' && local.length > 0) continue
    items.push(node)
    for (const problem of local) problems.push(problem)
  }
  for (const formula of children.formula ?? []) for (const node of buildFormula(formula, state)) items.push(node)
  for (const token of children.CloseTag ?? []) items.push(buildCloseTag(token, state))
  items.sort((a, b) => a.position.start.offset! - b.position.start.offset!)

  const root: Root = {
    type: 'root',
    children: fillGaps(0, state.source.length, items, state),
    position: state.lines.position(0, state.source.length),
  }
  return {root, problems}
}

/** Interleave `items` (sorted, inside `[start, end)`) with text nodes for the gaps between them. */
function fillGaps(start: number, end: number, items: InlineContent[], state: BuildState): InlineContent[] {
  const result: InlineContent[] = []
  let cursor = start
  for (const item of items) {
    const itemStart = item.position.start.offset!
    if (itemStart > cursor) result.push(textNode(cursor, itemStart, state))
    result.push(item)
    cursor = item.position.end.offset!
  }
  if (end > cursor) result.push(textNode(cursor, end, state))
  return result
}

function textNode(start: number, end: number, state: BuildState): TextNode {
  return {type: 'text', value: state.source.slice(start, end), position: state.lines.position(start, end)}
}

// ---------------------------------------------------------------------------
// Closers and formulas

function buildCloseTag(token: IToken, state: BuildState): CloseNode {
  const [start, end] = tokenRange(token)
  return {
    type: 'close',
    name: token.image.slice(2, -1) as DirectiveName,
    context: contextAt(state.contexts, start),
    position: state.lines.position(start, end),
  }
}

/** `{formula}` + verbatim body + `{/formula}`: an opener (with `body`) and a closer; the body stays a text gap. */
function buildFormula(cst: FormulaCstNode, state: BuildState): InlineContent[] {
  const [openStart, openEnd] = tokenRange(cst.children.FormulaOpen[0]!)
  const closeToken = cst.children.FormulaClose?.[0]
  const bodyToken = cst.children.FormulaBody?.[0]
  const context = contextAt(state.contexts, openStart)
  const opener: DirectiveNode = {
    type: 'directive',
    name: 'formula',
    variant: null,
    args: null,
    attributes: null,
    context,
    body: closeToken ? (bodyToken?.image ?? '') : null,
    position: state.lines.position(openStart, openEnd),
  }
  if (!closeToken) return [opener]
  const [closeStart, closeEnd] = tokenRange(closeToken)
  const closer: CloseNode = {type: 'close', name: 'formula', context, position: state.lines.position(closeStart, closeEnd)}
  return [opener, closer]
}

// ---------------------------------------------------------------------------
// Directives

/** One part after the name. */
interface HeadPart {
  kind: 'variant' | 'args' | 'attributes'
  start: number
  end: number
}

const partOrder = ['variant', 'args', 'attributes'] as const
const partOpeners = {variant: ':', args: '(', attributes: '['} as const

function malformed(list: Problem[], reason: string, start: number, end: number): void {
  list.push({code: 'malformed-directive', reason, start, end})
}

/**
 * Build a directive (or a malformed `{/name(…)}` closer), pushing its
 * problems and those of directives nested in it.
 */
function buildDirective(cst: DirectiveCstNode, state: BuildState, problems: Problem[]): DirectiveNode | CloseNode {
  const {source} = state
  const children = cst.children
  const headToken = children.DirectiveStart?.[0] ?? children.CloseStart?.[0]
  if (!headToken) throw new Error('Directive CST without a head token')
  const isCloser = children.DirectiveStart === undefined
  const name = headToken.image.slice(isCloser ? 2 : 1) as DirectiveName
  const [start, end] = nodeRange(cst)
  const headEnd = tokenRange(headToken)[1]
  const context = contextAt(state.contexts, start)
  const display = isCloser ? `{/${name}` : `{${name}`

  const variantToken = children.Variant?.[0]
  const variantRange = variantToken ? tokenRange(variantToken) : undefined
  const argsNode = children.args?.[0]
  const attributesNode = children.attributes?.[0]
  const argsRange = argsNode ? nodeRange(argsNode) : undefined
  const attributesRange = attributesNode ? nodeRange(attributesNode) : undefined

  // Structural problems: parts repeated or out of order, missing closers.
  const structural: Problem[] = []
  if (
    (children.Variant?.length ?? 0) > 1 ||
    (children.args?.length ?? 0) > 1 ||
    (children.attributes?.length ?? 0) > 1 ||
    (variantRange && argsRange && argsRange[0] < variantRange[0]) ||
    (variantRange && attributesRange && attributesRange[0] < variantRange[0]) ||
    (argsRange && attributesRange && attributesRange[0] < argsRange[0])
  ) {
    checkPartOrder(cst, display, source, structural)
  }
  const argsClosed = argsNode?.children.ArgsClose !== undefined
  if (argsRange && !argsClosed) {
    malformed(
      structural,
      `Unexpected ${describeAt(source, argsRange[1])}, expected \`)\` to close the arguments of ${quote(display + '}')}`,
      argsRange[0],
      argsRange[1],
    )
  }
  if (attributesRange && attributesNode?.children.AttrsClose === undefined) {
    malformed(
      structural,
      `Unexpected ${describeAt(source, attributesRange[1])}, expected \`]\` to close the attributes of ${quote(display + '}')}`,
      attributesRange[0],
      attributesRange[1],
    )
  }
  if (children.RCurly === undefined) {
    malformed(structural, `Unexpected ${describeAt(source, end)}, expected \`}\` to end ${quote(display + '…')}`, start, end)
  }

  const args = argsNode ? buildArgs(argsNode, argsClosed, state, problems) : null
  const attributes = attributesNode ? buildAttributes(attributesNode, state, problems) : null
  const variant = variantToken ? variantToken.image.slice(1) : null
  const position = state.lines.position(start, end)

  if (isCloser) {
    const extraStart = Math.min(variantRange?.[0] ?? end, argsRange?.[0] ?? end, attributesRange?.[0] ?? end)
    const extraEnd = children.RCurly ? end - 1 : end
    if (extraStart < extraEnd) {
      malformed(
        structural,
        `Unexpected ${quote(source.slice(extraStart, extraEnd))} in a closing tag, expected \`}\` right after ${quote(display)}`,
        extraStart,
        extraEnd,
      )
    }
    if (structural.length > 0) problems.push(structural[0]!)
    return {type: 'close', name, context, malformed: true, position}
  }

  // Shape problems: what this name accepts.
  const shape = syntaxOf(name)
  const attributeKeys = Object.keys(shape.attributes)
  const semantic: Problem[] = []
  if (variantToken && !shape.variant) {
    malformed(
      semantic,
      `Unexpected ${quote(variantToken.image)} after ${quote(display)}, expected ${orList(shape.args === 'none' ? ['[', '}'] : ['(', '[', '}'])}`,
      variantRange![0],
      variantRange![1],
    )
  }
  if (shape.variant && !variantToken) {
    malformed(
      semantic,
      `Unexpected ${describeAt(source, headEnd)} after ${quote(display)}, expected \`:${shape.variant.meaning}\` (${orList(shape.variant.values)})`,
      start,
      end,
    )
  }
  if (shape.args === 'required' && !argsRange) {
    const after = variantRange ? variantRange[1] : headEnd
    malformed(
      semantic,
      `Unexpected ${describeAt(source, after)} after ${quote(display)}, expected \`(\` and the ${shape.argsMeaning ?? 'arguments'}`,
      start,
      end,
    )
  }
  if (shape.args === 'none' && argsRange) {
    malformed(
      semantic,
      `Unexpected ${quote(source.slice(argsRange[0], argsRange[1]))} after ${quote(display)}, expected ${orList(attributeKeys.length > 0 ? ['[', '}'] : ['}'])}`,
      argsRange[0],
      argsRange[1],
    )
  }
  if (shape.argsNonEmpty && args && args.raw.trim() === '') {
    malformed(semantic, `Unexpected empty \`()\` in ${quote(display + '}')}, expected the ${shape.argsMeaning ?? 'arguments'}`, start, end)
  }
  if (attributesNode && attributesRange && attributes) {
    checkAttributes(name, shape, attributes, attributesNode, attributesRange, state, semantic)
  }

  const isMalformed = structural.length > 0 || semantic.length > 0
  // Structural problems are pushed root cause first (an unterminated ARGS
  // also leaves the `}` missing); shape problems in source order.
  if (structural.length > 0) problems.push(structural[0]!)
  else pushFirst(problems, semantic)

  const node = typedNode(name, {variant, args, attributes}, context, position)
  if (isMalformed) node.malformed = true
  const check = constructOf(name)?.check
  if (check) for (const problem of check({node, source, variantRange, malformed: isMalformed})) problems.push(problem)
  return node
}

/** The slow path for a head whose parts repeat or come out of order (`{cut[x](y)}`). */
function checkPartOrder(cst: DirectiveCstNode, display: string, source: string, structural: Problem[]): void {
  const parts: HeadPart[] = []
  for (const token of cst.children.Variant ?? []) {
    const [start, end] = tokenRange(token)
    parts.push({kind: 'variant', start, end})
  }
  for (const node of cst.children.args ?? []) {
    const [start, end] = nodeRange(node)
    parts.push({kind: 'args', start, end})
  }
  for (const node of cst.children.attributes ?? []) {
    const [start, end] = nodeRange(node)
    parts.push({kind: 'attributes', start, end})
  }
  parts.sort((a, b) => a.start - b.start)
  let stage = -1
  for (const part of parts) {
    const rank = partOrder.indexOf(part.kind)
    if (rank > stage) {
      stage = rank
      continue
    }
    const expected = [...partOrder.slice(stage + 1).map((kind) => partOpeners[kind]), '}']
    malformed(
      structural,
      `Unexpected ${quote(source.slice(part.start, part.end))} in ${quote(display)}, expected ${orList(expected)}`,
      part.start,
      part.end,
    )
  }
}

/** Report one problem per directive (the earliest): later ones are usually its echo. */
function pushFirst(problems: Problem[], candidates: Problem[]): void {
  let first: Problem | undefined
  for (const candidate of candidates) if (!first || candidate.start < first.start) first = candidate
  if (first) problems.push(first)
}

function buildArgs(cst: ArgsCstNode, closed: boolean, state: BuildState, problems: Problem[]): Segment {
  const [, openEnd] = tokenRange(cst.children.ArgsOpen[0]!)
  const [, nodeEnd] = nodeRange(cst)
  const contentEnd = closed ? nodeEnd - 1 : nodeEnd
  return buildSegment(openEnd, contentEnd, cst.children.directive, cst.children.CloseTag, state, problems)
}

function buildAttributes(cst: AttributesCstNode, state: BuildState, problems: Problem[]): Attribute[] {
  const children = cst.children
  const [, openEnd] = tokenRange(children.AttrsOpen[0]!)
  const closeToken = children.AttrsClose?.[0]
  const [, nodeEnd] = nodeRange(cst)
  const contentEnd = closeToken ? tokenRange(closeToken)[0] : nodeEnd
  const separators = (children.Semicolon ?? []).map(tokenRange)
  return children.attribute.map((attribute, index) => {
    const start = index === 0 ? openEnd : separators[index - 1]![1]
    const end = index < separators.length ? separators[index]![0] : contentEnd
    return buildAttribute(attribute, start, end, state, problems)
  })
}

function buildAttribute(cst: AttributeCstNode, start: number, end: number, state: BuildState, problems: Problem[]): Attribute {
  const children = cst.children
  const keyToken = children.key?.[0]
  const equalsToken = children.keyEquals?.[0]
  const valueStart = equalsToken ? tokenRange(equalsToken)[1] : start
  return {
    key: keyToken ? keyToken.image.trim() : null,
    value: buildSegment(valueStart, end, children.directive, children.CloseTag, state, problems),
    position: state.lines.position(start, end),
  }
}

function buildSegment(
  start: number,
  end: number,
  directives: DirectiveCstNode[] | undefined,
  closeTags: IToken[] | undefined,
  state: BuildState,
  problems: Problem[],
): Segment {
  let children: InlineContent[]
  if (!directives && !closeTags) {
    // The common case: plain text (`{cut(Title)}`, `[text=…]`).
    children = start < end ? [textNode(start, end, state)] : []
  } else {
    const items: InlineContent[] = []
    for (const directive of directives ?? []) items.push(buildDirective(directive, state, problems))
    for (const token of closeTags ?? []) items.push(buildCloseTag(token, state))
    if (directives && closeTags) items.sort((a, b) => a.position.start.offset! - b.position.start.offset!)
    children = fillGaps(start, end, items, state)
  }
  return {raw: state.source.slice(start, end), children, position: state.lines.position(start, end)}
}

// ---------------------------------------------------------------------------
// Attribute checks

function checkAttributes(
  name: string,
  shape: DirectiveSyntax,
  attributes: Attribute[],
  cst: AttributesCstNode,
  [partStart, partEnd]: [number, number],
  state: BuildState,
  semantic: Problem[],
): void {
  const {source} = state
  const display = `{${name}}`
  const report = (reason: string, from: number, to: number): void => malformed(semantic, reason, from, to)
  const keys = Object.keys(shape.attributes)
  if (keys.length === 0) {
    report(`Unexpected ${quote(source.slice(partStart, partEnd))} on ${quote(display)}, expected \`}\` (it takes no attributes)`, partStart, partEnd)
    return
  }
  const cstAttributes = cst.children.attribute
  const seen = new Set<string>()
  attributes.forEach((attribute, index) => {
    const valueStart = attribute.value.position.start.offset!
    const valueEnd = attribute.value.position.end.offset!
    const value = attribute.value.raw
    if (attribute.key === null) {
      if (value.trim() === '') return // `[]` or a trailing `;`
      report(
        `Unexpected ${quote(value.trim())} in the attributes of ${quote(display)}, expected \`key=value\` (${orList(keys.map((key) => `${key}=…`))})`,
        valueStart,
        valueEnd,
      )
      return
    }
    const keyToken = cstAttributes[index]?.children.key?.[0]
    const [keyStart, keyEnd] = keyToken ? tokenRange(keyToken) : [valueStart, valueEnd]
    const schema = Object.hasOwn(shape.attributes, attribute.key) ? shape.attributes[attribute.key] : undefined
    if (!schema) {
      report(`Unexpected attribute ${quote(attribute.key)} on ${quote(display)}, expected ${orList(keys)}`, keyStart, keyEnd)
      return
    }
    if (seen.has(attribute.key)) {
      report(`Unexpected second ${quote(attribute.key)} on ${quote(display)}, expected each attribute once`, keyStart, keyEnd)
      return
    }
    seen.add(attribute.key)
    const hasEquals = (cstAttributes[index]?.children.Equals?.length ?? 0) > 0
    if (schema.kind === 'include-tags' && hasEquals) {
      // `tags=net,router,shift=2`: an attribute typed inside the list.
      let offset = valueStart
      for (const item of value.split(',')) {
        if (item.includes('=')) {
          report(
            `Unexpected ${quote(item.trim())} inside \`tags\` of ${quote(display)}, expected \`;\` before another attribute`,
            offset,
            offset + item.length,
          )
          return
        }
        offset += item.length + 1
      }
    }
    if (hasEquals && !schema.freeText) {
      report(
        `Unexpected \`=\` in the value of \`${attribute.key}\` of ${quote(display)} (${quote(value.trim())}), expected \`;\` before another attribute`,
        valueStart,
        valueEnd,
      )
      return
    }
    if (schema.kind === 'level' && !/^\s*\+?\d+\s*$/.test(value)) {
      report(`Unexpected ${quote(value.trim())} as \`level\` of ${quote(display)}, expected \`+N\``, valueStart, valueEnd)
    }
  })
}

// ---------------------------------------------------------------------------
// Typed fields, from each construct

function typedNode(name: DirectiveName, parts: DirectiveParts, context: TokenContext, position: Position): DirectiveNode {
  const fields = constructOf(name)?.fields?.(parts) ?? {}
  return {type: 'directive', name, variant: parts.variant, args: parts.args, attributes: parts.attributes, context, ...fields, position} as DirectiveNode
}
