/**
 * Block structure as the reader of one build target gets it: the stream of
 * block directive tokens of the expanded text (conditions evaluated, includes
 * spliced; code and comments excluded) checked with a stack.
 *
 * Why on the token stream and not on the rendered tree: an author's closer at
 * a different indentation than its opener is legal for the dialect (the
 * renderer recovers it); what authors must hear about is a closer with no
 * opener, an opener never closed, and blocks that cross.
 */
import type {CloseNode, DirectiveNode, Root} from '../ast.js'
import type {Code} from '../diagnostics/codes.js'

export interface StructureIssue {
  code: Code
  reason: string
  /** Offsets in the expanded text. */
  start: number
  end: number
}

const blocks: ReadonlySet<string> = new Set(['cut', 'note', 'tabs', 'tab', 'caption'])

function describe(node: DirectiveNode, text: string): string {
  const raw = text.slice(node.position.start.offset!, node.position.end.offset!)
  return raw.length > 48 ? raw.slice(0, 45) + '…' : raw
}

/** Check open/close balance and nesting of block directives in an expanded page. */
export function checkStructure(tree: Root, text: string): StructureIssue[] {
  const issues: StructureIssue[] = []
  const stack: DirectiveNode[] = []
  /** Offset where content directly inside the innermost `{tabs}` began (after `{tabs}` or `{/tab}`). */
  let tabsGap: number | null = null
  const checkGap = (until: number): void => {
    if (tabsGap === null) return
    const gap = text.slice(tabsGap, until)
    const firstNonBlank = gap.search(/\S/)
    if (firstNonBlank !== -1) {
      const start = tabsGap + firstNonBlank
      const lineEnd = text.indexOf('\n', start)
      issues.push({code: 'tabs-content-outside-tab', reason: 'Unexpected content inside `{tabs}` outside every `{tab}`, expected `{tab(Title)}`', start, end: lineEnd === -1 || lineEnd > until ? until : lineEnd})
    }
    tabsGap = null
  }
  const stream = tree.children.filter((node): node is DirectiveNode | CloseNode => node.type !== 'text' && node.context === 'text' && blocks.has(node.name))
  for (let index = 0; index < stream.length; index++) {
    const node = stream[index]!
    const start = node.position.start.offset!
    const end = node.position.end.offset!
    if (node.type === 'directive') {
      // A malformed opener (`{caption()[id=position=above;…]}`) still opens its block:
      // its closer is not the problem, the opener is (and is reported as malformed).
      checkGap(start)
      const parent = stack[stack.length - 1]
      if (node.name === 'tab' && parent?.name !== 'tabs') {
        issues.push({code: 'tab-outside-tabs', reason: `Unexpected \`${describe(node, text)}\` ${parent ? `inside \`{${parent.name}}\`` : 'outside any `{tabs}`'}, expected it directly inside \`{tabs}\``, start, end})
      }
      stack.push(node)
      if (node.name === 'tabs') tabsGap = end
      continue
    }
    closeBlock(node, start, end, stream[index + 1])
  }
  function closeBlock(node: CloseNode, start: number, end: number, next: DirectiveNode | CloseNode | undefined): void {
    const top = stack[stack.length - 1]
    if (top && top.name === node.name) {
      checkGap(start)
      stack.pop()
      if (node.name === 'tab' && stack[stack.length - 1]?.name === 'tabs') tabsGap = end
      return
    }
    const depth = findLast(stack, node.name)
    // Crossed blocks (`{cut}{note}{/cut}{/note}`): this closer matches the block under
    // the innermost one, and the innermost one's closer comes right after.
    if (top && depth === stack.length - 2 && next?.type === 'close' && next.name === top.name) {
      issues.push({code: 'misnested-block', reason: `Unexpected \`{/${node.name}}\` while \`${describe(top, text)}\` is still open, expected \`{/${top.name}}\` first`, start, end})
      stack.splice(depth, 1)
      tabsGap = null
      return
    }
    // Anything else is a closer too many; the open blocks stay open for the closers that follow.
    tabsGap = null
    issues.push({code: 'stray-close', reason: `Unexpected \`{/${node.name}}\`, no \`{${node.name}}\` is open${top ? ` (the innermost open block is \`${describe(top, text)}\`)` : ''}`, start, end})
  }
  for (const open of stack) {
    issues.push({code: 'unclosed-block', reason: `Unexpected end of page, expected \`{/${open.name}}\` to close \`${describe(open, text)}\``, start: open.position.start.offset!, end: open.position.end.offset!})
  }
  return issues
}

function findLast(stack: readonly DirectiveNode[], name: string): number {
  for (let index = stack.length - 1; index >= 0; index--) if (stack[index]!.name === name) return index
  return -1
}
