/**
 * Rebuilding flow content: block placeholders become tokens, paragraphs are
 * split where a block directive sat inside them, and openers are paired
 * with their closers among siblings; the nodes between them become the
 * block's children (built by the construct). Containers are rebuilt first,
 * so a closer that landed in the last list item can close a block opened
 * outside the list.
 */
import type {Heading, Html, Parent, PhrasingContent, RootContent, Text} from 'mdast'
import type {DirectiveLabel, FlowContent} from '../constructs/types.js'
import {swaggerOf} from '../constructs/swagger.js'
import type {BlockToken, Mark, RebuildState} from './context.js'
import {rebuildPhrasing, restoreLiteral} from './phrasing.js'
import {TITLE_GUARD} from './placeholders.js'

type FlowItem = RootContent | BlockToken

/** Names of closers that found no opener in a container: offered to the enclosing container. */
interface StrayCloses {
  names: string[]
}

/** Deepest block nesting rendered; deeper openers render as their title only. */
const maxBlockDepth = 32

/** Rebuild the children of a flow parent (the root, a list item, a block quote …). */
export function rebuildFlow(state: RebuildState, children: RootContent[], strays: StrayCloses = {names: []}): RootContent[] {
  const items: FlowItem[] = []
  const childStrays: Array<{index: number; names: string[]}> = []
  for (const child of children) {
    const converted = convertFlowNode(state, child)
    for (const item of converted.items) items.push(item)
    if (converted.strays.length > 0) childStrays.push({index: items.length - 1, names: converted.strays})
  }
  return pairBlocks(state, items, childStrays, strays)
}

/** Convert one flow node: placeholders → tokens, recurse into containers, split paragraphs at block runs. */
function convertFlowNode(state: RebuildState, node: RootContent): {items: FlowItem[]; strays: string[]} {
  const context = state.context
  let offset = node.position?.start.offset ?? -1
  if (node.type === 'heading' || node.type === 'html') {
    // A block indented 1–3 columns past its container starts at that indentation.
    while (offset >= 0 && (context.text.charCodeAt(offset) === 32 || context.text.charCodeAt(offset) === 9)) offset++
    const mark = context.blockMarks.get(offset)
    if (mark) {
      if (mark.kind === 'leaf') return {items: [leafBlock(state, mark, node)], strays: []}
      const label = node.type === 'heading' && mark.kind === 'open' ? labelOf(state, node) : null
      return {items: [{type: 'blockToken', mark, label, position: node.position!}], strays: []}
    }
    if (node.type === 'html') {
      const region = state.regionStarts.get(offset)
      if (region) return {items: [region.lower(context.kit)], strays: []}
    }
  }
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    const phrasing = rebuildPhrasing(state, node.children, node)
    if (node.type === 'paragraph') return splitParagraph(node, phrasing)
    node.children = phrasing.filter((item): item is PhrasingContent => item.type !== 'blockToken')
    return {items: [node], strays: []}
  }
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') {
    if (node.type === 'code' && node.position) context.facts.codeBlocks.push([node.position.start.offset!, node.position.end.offset!])
    restoreLiteral(state, node)
    return {items: [node], strays: []}
  }
  if (node.type === 'image') return {items: [swaggerOf(node) ?? node], strays: []}
  if ('children' in node && Array.isArray(node.children)) {
    const strays: StrayCloses = {names: []}
    if (node.type === 'table' || node.type === 'tableRow') {
      for (const child of node.children as RootContent[]) convertFlowNode(state, child)
    } else {
      ;(node as Parent).children = rebuildFlow(state, node.children as RootContent[], strays)
    }
    return {items: [node], strays: strays.names}
  }
  return {items: [node], strays: []}
}

/** Pair block tokens among siblings and wrap what lies between them. */
function pairBlocks(state: RebuildState, items: FlowItem[], childStrays: Array<{index: number; names: string[]}>, strays: StrayCloses): RootContent[] {
  interface Frame {
    token: BlockToken | null
    children: RootContent[]
  }
  const stack: Frame[] = [{token: null, children: []}]
  const pairing = state.context.pairing
  const close = (auto = false, closer?: BlockToken): void => {
    const frame = stack.pop()!
    if (auto) pairing.autoClosedAt.push(frame.token!.mark.start)
    const parent = stack[stack.length - 1]!
    parent.children.push(blockNode(state, frame.token!, frame.children, closer))
  }
  /** Close down to `depth`: the frame there found its closer; those above it did not. */
  const closeTo = (depth: number, how: 'siblings' | 'lifted', closer?: BlockToken): void => {
    while (stack.length > depth + 1) {
      pairing.autoClosed++
      close(true)
    }
    pairing[how]++
    close(false, closer)
  }
  let strayIndex = 0
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (item.type === 'blockToken') {
      if (item.mark.kind === 'open') {
        // Hostile input can open thousands of blocks; every consumer of the tree
        // recurses, so nesting stops at a depth no real page needs (the corpus: 7).
        if (stack.length > maxBlockDepth) {
          stack[stack.length - 1]!.children.push({type: 'paragraph', children: item.label ?? [], position: item.position})
          continue
        }
        stack.push({token: item, children: []})
      } else {
        const depth = findFrame(stack, item.mark.name)
        if (depth === -1) strays.names.push(item.mark.name)
        else closeTo(depth, 'siblings', item)
      }
    } else {
      stack[stack.length - 1]!.children.push(item)
    }
    // A closer written at a deeper indentation than its opener lands inside the last
    // list item; it closes the block that is open here, after that child.
    while (strayIndex < childStrays.length && childStrays[strayIndex]!.index === index) {
      for (const name of childStrays[strayIndex]!.names) {
        const depth = findFrame(stack, name)
        if (depth === -1) strays.names.push(name)
        else closeTo(depth, 'lifted')
      }
      strayIndex++
    }
  }
  while (stack.length > 1) {
    pairing.autoClosed++
    close(true)
  }
  return stack[0]!.children
}

function findFrame(stack: Array<{token: BlockToken | null}>, name: string): number {
  for (let depth = stack.length - 1; depth >= 1; depth--) if (stack[depth]!.token!.mark.name === name) return depth
  return -1
}

/** A block node spans from its opener to its closer (or to its last child when it had none). */
function blockNode(state: RebuildState, token: BlockToken, children: RootContent[], closer?: BlockToken): RootContent {
  const block = token.mark.construct.lowering?.block
  const last = children[children.length - 1]
  const end = closer ? {...closer.position.end, offset: closer.mark.end} : (last?.position?.end ?? token.position.end)
  const position = {start: {...token.position.start, offset: token.mark.start}, end}
  if (!block || token.mark.node.type !== 'directive') return {type: 'paragraph', children: [], position}
  const label: DirectiveLabel | null = block.titled ? {type: 'directiveLabel', children: token.label ?? [], position: token.position} : null
  return block.build(state.context.kit, token.mark.node, label, children as FlowContent[], position)
}

function labelOf(state: RebuildState, heading: Heading): PhrasingContent[] {
  const children = heading.children
  // Strip the guard that kept a trailing `#` in the title.
  const last = children[children.length - 1]
  if (last && last.type === 'text' && last.value.endsWith(TITLE_GUARD)) last.value = last.value.slice(0, -1)
  return rebuildPhrasing(state, children, heading).filter((item): item is PhrasingContent => item.type !== 'blockToken')
}

function leafBlock(state: RebuildState, mark: Mark, node: Heading | Html): RootContent {
  const hook = mark.construct.lowering?.leafBlock
  if (!hook || mark.node.type !== 'directive') return {type: 'html', value: '', position: node.position}
  return hook(state.context.kit, mark.node, node.position!)
}

/** A paragraph holding block runs (`{note:info}Text{/note}`) splits into tokens and paragraphs. */
function splitParagraph(paragraph: Extract<RootContent, {type: 'paragraph'}>, phrasing: Array<PhrasingContent | BlockToken>): {items: FlowItem[]; strays: string[]} {
  if (!phrasing.some((item) => item.type === 'blockToken')) {
    paragraph.children = phrasing as PhrasingContent[]
    // `![{swagger}](assets/api.json)` alone in its paragraph is an API reference block.
    const only = paragraph.children.length === 1 ? paragraph.children[0] : undefined
    const swagger = only ? swaggerOf(only) : undefined
    if (swagger) return {items: [{...swagger, position: paragraph.position}], strays: []}
    return {items: [paragraph], strays: []}
  }
  const items: FlowItem[] = []
  let run: PhrasingContent[] = []
  const flush = (): void => {
    trimRun(run)
    if (run.length > 0) {
      const first = run[0]!.position
      const last = run[run.length - 1]!.position
      items.push({type: 'paragraph', children: run, position: first && last ? {start: first.start, end: last.end} : undefined})
    }
    run = []
  }
  for (const item of phrasing) {
    if (item.type === 'blockToken') {
      flush()
      items.push(item)
    } else run.push(item)
  }
  flush()
  return {items, strays: []}
}

function trimRun(run: PhrasingContent[]): void {
  while (run.length > 0 && run[0]!.type === 'text' && (run[0] as Text).value.trim() === '') run.shift()
  while (run.length > 0 && run[run.length - 1]!.type === 'text' && (run[run.length - 1] as Text).value.trim() === '') run.pop()
  const first = run[0]
  if (first && first.type === 'text') first.value = first.value.replace(/^\s+/, '')
  const last = run[run.length - 1]
  if (last && last.type === 'text') last.value = last.value.replace(/\s+$/, '')
  if (first?.type === 'break') run.shift()
  if (run[run.length - 1]?.type === 'break') run.pop()
}
