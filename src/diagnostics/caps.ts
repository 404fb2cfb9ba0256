/**
 * The diagnostics budget of one page render: a page that repeats one mistake
 * 130,000 times gets the first `maxDiagnosticsPerCode` of them and one
 * message saying how many more there were, not 130,000 messages (which
 * would also overflow every `push(...messages)` on the way).
 */
import type {Code} from './codes.js'
import type {Limits} from './limits.js'
import {report, type VkdocMessage} from './report.js'

/**
 * Keep at most `maxDiagnosticsPerCode` messages of each code and
 * `maxDiagnostics` in all, in their order; for each code cut, one
 * `diagnostics-limit` message (at the first message left out) says how many
 * were left out. Returns `messages` itself when nothing is cut.
 */
export function capMessages(messages: VkdocMessage[], limits: Readonly<Required<Limits>>): VkdocMessage[] {
  const {maxDiagnosticsPerCode: perCode, maxDiagnostics: total} = limits
  if (messages.length <= Math.min(perCode, total)) return messages
  const counts = new Map<string, number>()
  for (const message of messages) counts.set(String(message.ruleId), (counts.get(String(message.ruleId)) ?? 0) + 1)
  if (messages.length <= total && [...counts.values()].every((count) => count <= perCode)) return messages
  const kept: VkdocMessage[] = []
  const seen = new Map<string, number>()
  const dropped = new Map<string, {first: VkdocMessage; count: number}>()
  for (const message of messages) {
    const code = String(message.ruleId)
    const index = (seen.get(code) ?? 0) + 1
    seen.set(code, index)
    if (index <= perCode && kept.length < total) {
      kept.push(message)
      continue
    }
    const entry = dropped.get(code)
    if (entry) entry.count++
    else dropped.set(code, {first: message, count: 1})
  }
  for (const [code, {first, count}] of dropped) {
    const why = (seen.get(code) ?? 0) > perCode ? `at most ${perCode} per code (\`limits.maxDiagnosticsPerCode\`)` : `at most ${total} in all (\`limits.maxDiagnostics\`)`
    const place = first.place && 'start' in first.place ? first.place : first.place ? {start: first.place, end: first.place} : undefined
    kept.push(
      report('diagnostics-limit', `Unexpected ${count} more \`${code as Code}\` diagnostics in this page from here on, expected ${why}; they are not reported`, place, {
        file: first.file ?? undefined,
        targets: first.targets,
      }),
    )
  }
  return kept
}
