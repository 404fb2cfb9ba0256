/**
 * `unknown-build-target` in `{ifdef(…)}` / `{ifndef(…)}`: a target name no
 * config or variable defines (typos such as `private_pg`, `pulic`). Where
 * exactly one build point is close, the message carries the fix.
 */
import type {Root} from '../../ast.js'
import {report, type VkdocMessage} from '../../diagnostics/report.js'
import {walkDirectives} from '../../lower/anchors.js'

export function checkConditionTargets(tree: Root, source: string, file: string, buildPoints: readonly string[], suggest: (name: string) => string | null): VkdocMessage[] {
  const messages: VkdocMessage[] = []
  const known = new Set(buildPoints)
  for (const node of walkDirectives(tree.children)) {
    if (node.name !== 'ifdef' && node.name !== 'ifndef') continue
    if (node.context === 'comment') continue
    for (const target of node.targets) {
      if (known.has(target)) continue
      const suggestion = suggest(target)
      const args = node.args
      let fix: {start: number; end: number; text: string} | undefined
      if (suggestion && args) {
        const raw = source.slice(args.position.start.offset!, args.position.end.offset!)
        const at = raw.search(new RegExp(`(^|[(,\\s])${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[,)\\s])`))
        if (at !== -1) {
          const start = args.position.start.offset! + at + (/^[(,\s]/.test(raw.slice(at)) ? 1 : 0)
          fix = {start, end: start + target.length, text: suggestion}
        }
      }
      messages.push(
        report(
          'unknown-build-target',
          `Unexpected build target \`${target}\` in \`{${node.name}}\`, expected one of ${buildPoints.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          node.position,
          {file, fix},
        ),
      )
    }
  }
  return messages
}
