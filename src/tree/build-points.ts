/**
 * Build points (targets): where their names come from and how a misspelt one
 * is mapped back. The site configs are JavaScript modules; they are read as
 * text with a pattern and never executed (they import packages and read the
 * environment).
 */
import {editDistance} from '../syntax/edit-distance.js'

/** Where a build point was declared: a config file or a language meta file, 1-based line. */
export interface BuildPointSource {
  file: string
  line: number
}

/** `points: [...]` (site configs) and `buildPoints: [...]` (document generation config). */
const pointListPattern = /\b(?:points|buildPoints)\s*:\s*\[([^\]]*)\]/g
const stringLiteralPattern = /'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`/g

/**
 * The build point names a config module declares, with their lines. The list
 * is found in a masked copy of the text (comments blanked, string interiors
 * blanked) so a commented-out list or a `points: [` inside a string does not
 * count; the names are then read from the same offsets of the unmasked code.
 */
export function scanConfigBuildPoints(file: string, text: string): {name: string; source: BuildPointSource}[] {
  const {code, structure} = maskScript(text)
  const found: {name: string; source: BuildPointSource}[] = []
  for (const list of structure.matchAll(pointListPattern)) {
    const bodyStart = list.index + list[0].indexOf('[') + 1
    const body = code.slice(bodyStart, list.index + list[0].length - 1)
    for (const literal of body.matchAll(stringLiteralPattern)) {
      const name = literal[1] ?? literal[2] ?? literal[3] ?? ''
      if (name === '') continue
      found.push({name, source: {file, line: lineAt(code, bodyStart + literal.index)}})
    }
  }
  return found
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++
  return line
}

/**
 * Two same-length copies of a script: `code` with `// …` and `/* … *\/`
 * comments blanked (newlines kept), and `structure` where the interiors of
 * string and template literals are blanked too (their quotes kept).
 */
export function maskScript(text: string): {code: string; structure: string} {
  const code: string[] = []
  const structure: string[] = []
  const blank = (part: string): string => part.replace(/[^\n]/g, ' ')
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    let end = index + 1
    if (char === '"' || char === "'" || char === '`') {
      end = endOfLiteral(text, index)
      const literal = text.slice(index, end)
      code.push(literal)
      const closed = end - index >= 2 && literal.endsWith(char)
      structure.push(char + blank(literal.slice(1, closed ? -1 : undefined)) + (closed ? char : ''))
    } else if (char === '/' && (text[index + 1] === '/' || text[index + 1] === '*')) {
      if (text[index + 1] === '/') {
        const newline = text.indexOf('\n', index)
        end = newline === -1 ? text.length : newline
      } else {
        const close = text.indexOf('*/', index + 2)
        end = close === -1 ? text.length : close + 2
      }
      const blanked = blank(text.slice(index, end))
      code.push(blanked)
      structure.push(blanked)
    } else {
      code.push(char)
      structure.push(char)
    }
    index = end
  }
  return {code: code.join(''), structure: structure.join('')}
}

function endOfLiteral(text: string, start: number): number {
  const quote = text[start]
  let index = start + 1
  while (index < text.length) {
    const char = text[index]
    if (char === '\\') index += 2
    else if (char === quote) return index + 1
    else if (char === '\n' && quote !== '`') return index // unterminated: stop at the line end
    else index++
  }
  return Math.min(index, text.length)
}

/**
 * The build point `name` most likely means, among `known`:
 * - `name` itself (trimmed) when it is a build point;
 * - the build point equal to it once `_` is read as `-` (`private_pg` → `private-pg`);
 * - otherwise the build point within edit distance 2, if there is exactly one
 *   (`private-cer` → `private-cert`, `pulic`/`oublic` → `public`);
 * - `null` when none or several are that close: a guess between two would be a coin toss.
 */
export function suggestFrom(known: readonly string[], name: string): string | null {
  const trimmed = name.trim()
  if (known.includes(trimmed)) return trimmed
  const dashed = trimmed.replaceAll('_', '-')
  if (known.includes(dashed)) return dashed
  if (trimmed === '') return null
  const close = known.filter((point) => editDistance(dashed, point, 2) <= 2)
  return close.length === 1 ? close[0]! : null
}
