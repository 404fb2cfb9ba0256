/**
 * Rebuilding phrasing content: text nodes are split at inline runs, runs
 * are paired within their parent (an opener with the closer after its
 * visible text), and each directive becomes what its construct builds.
 */
import type {Heading, Parent, PhrasingContent, Text} from 'mdast'
import type {BlockToken, Mark, RebuildState} from './context.js'
import {RUN_START} from './placeholders.js'

type PhrasingItem = PhrasingContent | BlockToken | InlineToken

interface InlineToken {
  type: 'inlineToken'
  mark: Mark
  position: NonNullable<Text['position']>
}

/** Rebuild the phrasing children of `parent`; block directives written inline come back as block tokens. */
export function rebuildPhrasing(state: RebuildState, children: PhrasingContent[], parent: Parent): Array<PhrasingContent | BlockToken> {
  const items: PhrasingItem[] = []
  for (const child of children) {
    if (child.type === 'text' && child.value.includes(RUN_START)) {
      splitText(state, child, items)
      continue
    }
    if (child.type === 'inlineCode' || child.type === 'html') restoreLiteral(state, child)
    else if ('children' in child && Array.isArray(child.children)) {
      child.children = rebuildPhrasing(state, child.children as PhrasingContent[], child).filter((item): item is PhrasingContent => item.type !== 'blockToken')
    } else if (child.type === 'image' && child.alt?.includes(RUN_START)) {
      child.alt = child.alt.replaceAll(/[\uE000-\uE002]/g, '')
    }
    items.push(child)
  }
  return pairInline(state, items, parent)
}

/** Marks whose start lies in `[start, end)`, in order. */
function marksIn(state: RebuildState, start: number, end: number): Mark[] {
  const marks = state.marks
  let low = 0
  let high = marks.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (marks[mid]!.start < start) low = mid + 1
    else high = mid
  }
  const found: Mark[] = []
  for (let index = low; index < marks.length && marks[index]!.start < end; index++) found.push(marks[index]!)
  return found
}

function splitText(state: RebuildState, node: Text, items: PhrasingItem[]): void {
  const value = node.value
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  const marks = marksIn(state, start, end)
  let markIndex = 0
  let cursor = 0
  let textOffset = start
  const pushText = (from: number, to: number): void => {
    if (to <= from) return
    const piece = value.slice(from, to)
    items.push({type: 'text', value: piece, position: {start: {...node.position!.start, offset: textOffset}, end: {...node.position!.end, offset: textOffset + piece.length}}})
  }
  for (let index = value.indexOf(RUN_START); index !== -1; index = value.indexOf(RUN_START, index + 1)) {
    const mark = marks[markIndex++]
    let runEnd = index + 1
    while (runEnd < value.length && value.charCodeAt(runEnd) === 0xe001) runEnd++
    pushText(cursor, index)
    textOffset = mark ? mark.start : textOffset
    if (mark) {
      const position = {start: {...node.position!.start, offset: mark.start}, end: {...node.position!.end, offset: mark.end}}
      const block = mark.construct.lowering?.block
      // Block directives written inline (`{note:info}Text{/note}`) still pair as blocks;
      // a titled opener pairs with its title first (as an inline pair), then as a block.
      if (mark.block || (block && (mark.kind === 'close' || (mark.kind === 'open' && !block.titled)))) items.push({type: 'blockToken', mark, label: null, position})
      else items.push({type: 'inlineToken', mark, position})
      textOffset = mark.end
    }
    cursor = runEnd
  }
  pushText(cursor, value.length)
}

/** Pair inline open/close tokens among siblings; turn leaves into nodes. */
function pairInline(state: RebuildState, items: PhrasingItem[], parent: Parent): Array<PhrasingContent | BlockToken> {
  const kit = state.context.kit
  interface Frame {
    token: InlineToken | null
    children: Array<PhrasingContent | BlockToken>
  }
  const stack: Frame[] = [{token: null, children: []}]
  const top = (): Frame => stack[stack.length - 1]!
  const closeFrame = (frame: Frame, endToken: InlineToken | null): void => {
    const parentFrame = top()
    const token = frame.token!
    const lowering = token.mark.construct.lowering
    const children = frame.children.filter((item): item is PhrasingContent => item.type !== 'blockToken')
    const position = {start: token.position.start, end: endToken?.position.end ?? token.position.end}
    if (lowering?.block?.titled) {
      // A titled block opener written inline (`{cut(T)} text`): its title becomes the label.
      parentFrame.children.push({type: 'blockToken', mark: token.mark, label: children, position})
    } else if (lowering?.wrap && token.mark.node.type === 'directive') {
      parentFrame.children.push(...lowering.wrap(kit, token.mark.node, children, position, parent))
    } else {
      parentFrame.children.push(...children)
    }
  }
  for (const item of items) {
    if (item.type !== 'inlineToken') {
      top().children.push(item)
      continue
    }
    const mark = item.mark
    if (mark.kind === 'open') stack.push({token: item, children: []})
    else if (mark.kind === 'close') {
      if (stack.length > 1 && top().token!.mark.name === mark.name) closeFrame(stack.pop()!, item)
      // A close without its open in this parent: its text was already shown; drop the run.
    } else {
      const leaf = mark.node.type === 'directive' ? mark.construct.lowering?.leaf?.(kit, mark.node, item.position, top().children) : null
      if (leaf) top().children.push(leaf)
    }
  }
  while (stack.length > 1) closeFrame(stack.pop()!, null)
  return stack[0]!.children
}

/**
 * A placeholder that landed in code (a directive line indented into an
 * indented code block): put the original characters back. Placeholder and
 * original have equal lengths, so each value line is a suffix of the same
 * line in both texts.
 */
export function restoreLiteral(state: RebuildState, node: {value: string; position?: Heading['position']}): void {
  if (!/[\uE000-\uE002]|<\?|#/.test(node.value) || !node.position) return
  const start = node.position.start.offset!
  const end = node.position.end.offset!
  const original = state.context.text.slice(start, end)
  const placeholder = state.placeholderText.slice(start - state.base, end - state.base)
  if (original === placeholder) return
  const originalLines = original.split('\n')
  const placeholderLines = placeholder.split('\n')
  const valueLines = node.value.split('\n')
  let lineIndex = 0
  for (let index = 0; index < valueLines.length; index++) {
    const valueLine = valueLines[index]!
    while (lineIndex < placeholderLines.length && !placeholderLines[lineIndex]!.endsWith(valueLine)) lineIndex++
    if (lineIndex >= placeholderLines.length) return
    const originalLine = originalLines[lineIndex]!
    valueLines[index] = originalLine.slice(originalLine.length - valueLine.length)
    lineIndex++
  }
  node.value = valueLines.join('\n')
}
