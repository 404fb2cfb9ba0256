/**
 * `parse(source)`: the dialect AST of one file plus its parse-stage
 * diagnostics. Never throws on author input.
 *
 * Pipeline: context pre-scan (code, comments) → Chevrotain lexer → CST
 * parser → CST→AST narrowing (`build-ast.ts`) → text checks (`checks.ts`).
 */
import type {Root} from '../ast.js'
import {report, sortMessages, type VkdocMessage} from '../diagnostics/report.js'
import {scanContexts, tokenize} from '../lexer/index.js'
import {LineIndex} from '../syntax/position.js'
import {buildRoot, describeAt, type Problem} from './build-ast.js'
import {checkText} from './checks.js'
import {parseTokens} from './parser.js'

/** Options of `parse()`. */
export interface ParseOptions {
  /** The file path, stamped on messages (default: none). */
  file?: string
}

/** What `parse()` returns. */
export interface ParseResult {
  tree: Root
  /** Diagnostics sorted by position. */
  messages: VkdocMessage[]
}

/**
 * Parse a dialect Markdown file into a lossless flat AST.
 *
 * @param source The file contents.
 * @param options `file` for the messages.
 * @returns The tree (root children cover `source` without gaps) and the messages.
 */
export function parse(source: string, options?: Readonly<ParseOptions> | null): ParseResult {
  if (typeof source !== 'string') throw new TypeError(`parse() expects a string, got ${typeof source}`)
  const file = options?.file

  const lines = new LineIndex(source)
  const contexts = scanContexts(source)
  const lexed = tokenize(source)
  const parsed = parseTokens(lexed.tokens)
  const {root, problems} = buildRoot(parsed.cst as Parameters<typeof buildRoot>[0], {source, lines, contexts})
  for (const problem of checkText(root, source, contexts)) problems.push(problem)

  // Guards: the modes cover every character and the grammar accepts every
  // token stream, so these stay empty; if not, the text is still whole.
  for (const error of lexed.errors) {
    problems.push(unexpected(source, error.offset, error.offset + error.length, 'lexer'))
  }
  for (const error of parsed.errors) {
    const start = error.token.startOffset
    if (Number.isNaN(start)) continue
    problems.push(unexpected(source, start, start + error.token.image.length, 'parser'))
  }

  const messages = capProblems(problems).map((problem) =>
    report(problem.code, problem.reason, lines.position(problem.start, problem.end), file === undefined ? {} : {file}),
  )
  return {tree: root, messages: sortMessages(messages)}
}

/** Most messages of one code reported per file; beyond this the input is not a document (pathological input). */
export const maxProblemsPerCode = 1000

/** Keep the first `maxProblemsPerCode` problems of each code (in source order), plus one saying how many were left out. */
function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= maxProblemsPerCode) return problems
  problems.sort((a, b) => a.start - b.start)
  const kept: Problem[] = []
  const counts = new Map<Problem['code'], number>()
  const firstDropped = new Map<Problem['code'], Problem>()
  for (const problem of problems) {
    const count = (counts.get(problem.code) ?? 0) + 1
    counts.set(problem.code, count)
    if (count <= maxProblemsPerCode) kept.push(problem)
    else if (count === maxProblemsPerCode + 1) firstDropped.set(problem.code, problem)
  }
  for (const [code, problem] of firstDropped) {
    const left = counts.get(code)! - maxProblemsPerCode
    kept.push({
      code,
      reason: `Unexpected ${left} more \`${code}\` problems from here on, expected at most ${maxProblemsPerCode} per file; they are not reported`,
      start: problem.start,
      end: problem.end,
    })
  }
  return kept
}

function unexpected(source: string, start: number, end: number, stage: string): Problem {
  return {
    code: 'malformed-directive',
    reason: `Unexpected ${describeAt(source, start)}, expected a well-formed directive (${stage} recovery)`,
    start,
    end: Math.max(end, start),
  }
}
