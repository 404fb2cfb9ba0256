/**
 * Condition balance of a fragment as written: every `{/ifdef}` closes an
 * `{ifdef}` opened before it in the same file (`stray-close`), and every
 * condition is closed (`unclosed-block`). Pages get the same check while
 * they are expanded; fragments are checked here once, whatever includes them.
 */
import type {DirectiveNode, Root} from '../../ast.js'
import {report, type VkdocMessage} from '../../diagnostics/report.js'

export function checkConditionBalance(tree: Root, file: string): VkdocMessage[] {
  const messages: VkdocMessage[] = []
  const open: DirectiveNode[] = []
  for (const node of tree.children) {
    if (node.type === 'text' || node.context === 'comment') continue
    if (node.name !== 'ifdef' && node.name !== 'ifndef') continue
    if (node.type === 'directive') {
      open.push(node)
      continue
    }
    let index = open.length - 1
    while (index >= 0 && open[index]!.name !== node.name) index--
    if (index === -1) messages.push(report('stray-close', `Unexpected \`{/${node.name}}\`, no \`{${node.name}(…)}\` is open in this file`, node.position, {file}))
    else open.splice(index, 1)
  }
  for (const node of open) messages.push(report('unclosed-block', `Unexpected end of file, expected \`{/${node.name}}\` to close this \`{${node.name}}\``, node.position, {file}))
  return messages
}
