/**
 * Checks on the text between directives (text context only; code and
 * comments are literal): near-miss directive names, a directive written
 * without its `{`, a stray `]}` right after a directive, and HTML comments
 * that never close.
 */
import {directiveNames, type Root} from '../ast.js'
import {contextAt, type ContextScan} from '../lexer/contexts.js'
import {quote, type Problem} from './build-ast.js'
import {withinOneEdit} from '../syntax/edit-distance.js'

const knownNames: ReadonlySet<string> = new Set(directiveNames)

/** `{word` or `{/word` followed by `(`, `[`, `:` or `}`: a directive shape. */
const directiveShaped = /\{(\/?)([A-Za-z][\w-]*)(?=([([:}]))/g

/** `{word (`: a directive name parted from its arguments by spaces, which makes it text. */
const spacedOpener = /\{([A-Za-z][\w-]*)([ \t]+)\(/g

/**
 * Find problems in the text nodes of `root`.
 *
 * @param root The tree built from the file.
 * @param source The file.
 * @param contexts Code and comment ranges.
 * @returns Problems, unsorted.
 */
export function checkText(root: Root, source: string, contexts: ContextScan): Problem[] {
  const problems: Problem[] = []
  const children = root.children
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.type === 'text') {
      checkTextRun(node.value, node.position.start.offset!, source, contexts, problems)
      continue
    }
    const next = children[index + 1]
    if (
      node.type === 'directive' &&
      next?.type === 'text' &&
      next.value.startsWith(']}') &&
      contextAt(contexts, next.position.start.offset!) === 'text'
    ) {
      const start = next.position.start.offset!
      problems.push({
        code: 'malformed-directive',
        reason: `Unexpected \`]}\` after ${quote(source.slice(node.position.start.offset!, node.position.end.offset!))}, expected text (the directive has already ended)`,
        start,
        end: start + 2,
      })
    }
  }
  for (const comment of contexts.unclosedComments) {
    const hint = comment.bangCloser ? ' (`--!>` does not close it)' : ''
    problems.push({
      code: 'malformed-html-comment',
      reason: comment.closesTooLate
        ? `Unexpected end of paragraph, expected \`-->\` to close the HTML comment${hint}`
        : `Unexpected end of file, expected \`-->\` to close the HTML comment${hint}`,
      start: comment.start,
      end: comment.end,
    })
  }
  return problems
}

function checkTextRun(value: string, base: number, source: string, contexts: ContextScan, problems: Problem[]): void {
  if (value.includes('{')) {
    directiveShaped.lastIndex = 0
    for (let match = directiveShaped.exec(value); match; match = directiveShaped.exec(value)) {
      const word = match[2]!
      // `{word}` is text unless it closes (`{/cutt}`); openers need `(`, `[` or `:` (spec §2).
      if (knownNames.has(word) || (match[3] === '}' && match[1] === '')) continue
      const suggestion = directiveNames.find((known) => withinOneEdit(word, known))
      if (!suggestion) continue
      const start = base + match.index
      if (contextAt(contexts, start) !== 'text') continue
      const slash = match[1]!
      problems.push({
        code: 'unknown-directive',
        reason: `Unexpected ${quote(`{${slash}${word}`)}, expected a directive name such as ${quote(`{${slash}${suggestion}`)}; kept as text`,
        start,
        end: start + match[0].length,
      })
    }
  }
  if (value.includes('{')) checkSpacedOpeners(value, base, contexts, problems)
  // A directive name right before `(`, not preceded by `{` (nor part of a
  // word, a path or `${…}`): `linkto(../x)[text=y]}` lost its `{`.
  for (let paren = value.indexOf('('); paren !== -1; paren = value.indexOf('(', paren + 1)) {
    let wordStart = paren
    while (wordStart > 0 && isLowerLetter(value.charCodeAt(wordStart - 1))) wordStart--
    if (wordStart === paren || !knownNames.has(value.slice(wordStart, paren))) continue
    if (wordStart > 0 && /[{/\w$.%-]/.test(value.charAt(wordStart - 1))) continue
    const start = base + wordStart
    const argsEnd = closingParenthesis(source, base + paren + 1)
    if (argsEnd === -1) continue
    const after = source.charCodeAt(argsEnd + 1)
    if (after !== 91 /* [ */ && after !== 125 /* } */) continue
    if (contextAt(contexts, start) !== 'text') continue
    const written = value.slice(wordStart, paren + 1)
    problems.push({
      code: 'malformed-directive',
      reason: `Unexpected ${quote(written)} without \`{\`, expected ${quote(`{${written}`)}`,
      start,
      end: base + paren + 1,
    })
  }
}

/** `{cut (Q?)}`: the dialect wants the name and `(` together; with a space the whole directive is text. */
function checkSpacedOpeners(value: string, base: number, contexts: ContextScan, problems: Problem[]): void {
  spacedOpener.lastIndex = 0
  for (let match = spacedOpener.exec(value); match; match = spacedOpener.exec(value)) {
    const word = match[1]!
    const name = knownNames.has(word) ? word : directiveNames.find((known) => withinOneEdit(word, known))
    if (!name) continue
    const start = base + match.index
    if (contextAt(contexts, start) !== 'text') continue
    problems.push({
      code: 'malformed-directive',
      reason: `Unexpected space between ${quote(`{${word}`)} and \`(\`, expected ${quote(`{${name}(`)}; kept as text`,
      start,
      end: start + match[0].length,
    })
  }
}

function isLowerLetter(code: number): boolean {
  return code >= 97 && code <= 122
}

/** Longest ARGS looked at for a directive missing its `{` (keeps the check linear). */
const maxBareArgsLength = 256

/** The offset of the `)` balancing an already opened `(`, on the same line; -1 if none. */
function closingParenthesis(source: string, from: number): number {
  let depth = 1
  const limit = Math.min(source.length, from + maxBareArgsLength)
  for (let index = from; index < limit; index++) {
    const code = source.charCodeAt(index)
    if (code === 10) return -1
    if (code === 40) depth++
    else if (code === 41 && --depth === 0) return index
  }
  return -1
}
