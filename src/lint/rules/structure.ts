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
import type {CloseNode, DirectiveNode} from '../../ast.js'
import {constructOf, isBlockName} from '../../constructs/index.js'
import type {Code} from '../../diagnostics/codes.js'

export interface StructureIssue {
  code: Code
  reason: string
  /** Offsets in the expanded text. */
  start: number
  end: number
}

function describe(node: DirectiveNode, text: string): string {
  const raw = text.slice(node.position.start.offset!, node.position.end.offset!)
  return raw.length > 48 ? raw.slice(0, 45) + '…' : raw
}

/** Check open/close balance and nesting of block directives in an expanded page. */
export function checkStructure(tokens: ReadonlyArray<DirectiveNode | CloseNode>, text: string): StructureIssue[] {
  const issues: StructureIssue[] = []
  const stack: DirectiveNode[] = []
  /**
   * Where content directly inside the innermost block that holds only certain
   * blocks (`{tabs}` holds `{tab}`s) began: after its opener or after the
   * closer of one of those blocks.
   */
  let gap: {from: number; block: string; child: string} | null = null
  const checkGap = (until: number): void => {
    if (gap === null) return
    const firstNonBlank = text.slice(gap.from, until).search(/\S/)
    if (firstNonBlank !== -1) {
      const start = gap.from + firstNonBlank
      const lineEnd = text.indexOf('\n', start)
      issues.push({code: `${gap.block}-content-outside-${gap.child}` as Code, reason: `Unexpected content inside \`{${gap.block}}\` outside every \`{${gap.child}}\`, expected \`{${gap.child}(Title)}\``, start, end: lineEnd === -1 || lineEnd > until ? until : lineEnd})
    }
    gap = null
  }
  const openGap = (block: DirectiveNode | undefined, from: number): void => {
    const child = block ? constructOf(block.name)?.syntax?.onlyChildren : undefined
    if (block && child) gap = {from, block: block.name, child}
  }
  const stream = tokens.filter((node) => node.context === 'text' && isBlockName(node.name))
  for (let index = 0; index < stream.length; index++) {
    const node = stream[index]!
    const start = node.position.start.offset!
    const end = node.position.end.offset!
    if (node.type === 'directive') {
      // A malformed opener (`{caption()[id=position=above;…]}`) still opens its block:
      // its closer is not the problem, the opener is (and is reported as malformed).
      checkGap(start)
      const parent = stack[stack.length - 1]
      const required = constructOf(node.name)?.syntax?.parent
      if (required && parent?.name !== required) {
        issues.push({code: `${node.name}-outside-${required}` as Code, reason: `Unexpected \`${describe(node, text)}\` ${parent ? `inside \`{${parent.name}}\`` : `outside any \`{${required}}\``}, expected it directly inside \`{${required}}\``, start, end})
      }
      stack.push(node)
      openGap(node, end)
      continue
    }
    closeBlock(node, start, end, stream[index + 1])
  }
  function closeBlock(node: CloseNode, start: number, end: number, next: DirectiveNode | CloseNode | undefined): void {
    const top = stack[stack.length - 1]
    if (top && top.name === node.name) {
      checkGap(start)
      stack.pop()
      const enclosing = stack[stack.length - 1]
      if (enclosing && constructOf(enclosing.name)?.syntax?.onlyChildren === node.name) openGap(enclosing, end)
      return
    }
    const depth = findLast(stack, node.name)
    // Crossed blocks (`{cut}{note}{/cut}{/note}`): this closer matches the block under
    // the innermost one, and the innermost one's closer comes right after.
    if (top && depth !== -1 && depth === stack.length - 2 && next?.type === 'close' && next.name === top.name) {
      issues.push({code: 'misnested-block', reason: `Unexpected \`{/${node.name}}\` while \`${describe(top, text)}\` is still open, expected \`{/${top.name}}\` first`, start, end})
      stack.splice(depth, 1)
      gap = null
      return
    }
    // Anything else is a closer too many; the open blocks stay open for the closers that follow.
    gap = null
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
