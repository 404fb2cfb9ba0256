/**
 * The inline half of the text scan: code spans and HTML comments inside the
 * inline content of one block (a paragraph, a heading, a table cell), found
 * as CommonMark finds them.
 *
 * Precedence is CommonMark's: scanning left to right, a backslash escapes
 * the next ASCII punctuation character (so `` \` `` opens nothing), and a
 * backtick run, an autolink or a raw HTML construct (tag, comment,
 * processing instruction, declaration, CDATA) is taken whole where it
 * starts, so a backtick inside a tag's attribute opens no code span and a
 * `<!--` inside a code span is no comment. A backtick run without a run of
 * the same length later in the block is literal.
 */

/** What the inline scan reports, in content offsets mapped back to the text. */
export interface InlineFinding {
  start: number
  end: number
  kind: 'inline-code' | 'comment'
}

const backtick = 96
const backslash = 92
const lessThan = 60

/** `<scheme:…>` and `<e-mail>` autolinks (CommonMark 6.5), anchored at `<`. */
const uriAutolink = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\u0000-\u001f\u007f]*>/y
const emailAutolink = /<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/y
/** Raw HTML (CommonMark 6.6) other than comments, anchored at `<`. */
const attribute = String.raw`(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?)`
const openTag = new RegExp(String.raw`<[A-Za-z][A-Za-z0-9-]*${attribute}*\s*\/?>`, 'y')
const closingTag = /<\/[A-Za-z][A-Za-z0-9-]*\s*>/y
const processingInstruction = /<\?[\s\S]*?\?>/y
const declaration = /<![A-Za-z][^>]*>/y
const cdata = /<!\[CDATA\[[\s\S]*?\]\]>/y

function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126)
}

function matchAt(pattern: RegExp, content: string, index: number): number {
  pattern.lastIndex = index
  return pattern.test(content) ? pattern.lastIndex : -1
}

/** End of the raw HTML or autolink starting with the `<` at `index`, -1 when none; comments are told apart by the caller. */
function htmlOrAutolinkEnd(content: string, index: number): number {
  const next = content.charCodeAt(index + 1)
  if (next === 33 /* ! */) {
    if (content.startsWith('<![CDATA[', index)) return matchAt(cdata, content, index)
    return matchAt(declaration, content, index)
  }
  if (next === 63 /* ? */) return matchAt(processingInstruction, content, index)
  if (next === 47 /* / */) return matchAt(closingTag, content, index)
  let end = matchAt(uriAutolink, content, index)
  if (end === -1) end = matchAt(emailAutolink, content, index)
  if (end === -1) end = matchAt(openTag, content, index)
  return end
}

/** End of the comment starting with the `<!--` at `index` (CommonMark 0.31: `<!-->`, `<!--->` or up to `-->`), or -1. */
function commentEnd(content: string, index: number, nextClose: (from: number) => number): number {
  if (content.startsWith('<!-->', index)) return index + 5
  if (content.startsWith('<!--->', index)) return index + 6
  const close = nextClose(index + 4)
  return close === -1 ? -1 : close + 3
}

const special = /[\\`<]/g

/**
 * Scan one block's inline content.
 *
 * @param content The content, its lines joined by `\n` (container prefixes and indentation removed).
 * @param toOffset Maps a content index to an offset of the scanned text.
 * @param found Receives code spans and comments, in order.
 * @param onUnclosed Called with the offset of each `<!--` that closes nowhere in the content.
 */
export function scanInline(content: string, toOffset: (index: number) => number, found: InlineFinding[], onUnclosed: (start: number) => void): void {
  const length = content.length
  // Per run length: no closing run of that length at or after this index (keeps hostile input near-linear).
  const noCloserFrom = new Map<number, number>()
  // The next `-->` at or after an index, remembered: searches only move forward (keeps many `<!--` linear).
  let knownClose = -2
  const nextClose = (from: number): number => {
    if (knownClose === -1 || knownClose >= from) return knownClose
    knownClose = content.indexOf('-->', from)
    return knownClose
  }
  let index = 0
  while (index < length) {
    special.lastIndex = index
    const hit = special.exec(content)
    if (!hit) return
    index = hit.index
    const code = content.charCodeAt(index)
    if (code === backslash) {
      index += index + 1 < length && isAsciiPunctuation(content.charCodeAt(index + 1)) ? 2 : 1
      continue
    }
    if (code === lessThan) {
      if (content.startsWith('<!--', index)) {
        const end = commentEnd(content, index, nextClose)
        if (end === -1) {
          onUnclosed(toOffset(index))
          index += 4
        } else {
          found.push({start: toOffset(index), end: toOffset(end - 1) + 1, kind: 'comment'})
          index = end
        }
        continue
      }
      const end = htmlOrAutolinkEnd(content, index)
      index = end === -1 ? index + 1 : end
      continue
    }
    let runEnd = index
    while (runEnd < length && content.charCodeAt(runEnd) === backtick) runEnd++
    const runLength = runEnd - index
    const closer = runEnd >= (noCloserFrom.get(runLength) ?? length + 1) ? -1 : closingRun(content, runEnd, runLength)
    if (closer === -1) {
      noCloserFrom.set(runLength, Math.min(runEnd, noCloserFrom.get(runLength) ?? runEnd))
      index = runEnd
      continue
    }
    found.push({start: toOffset(index), end: toOffset(closer - 1) + 1, kind: 'inline-code'})
    index = closer
  }
}

/** End of the first backtick run of exactly `length` at or after `from`, or -1. */
function closingRun(content: string, from: number, length: number): number {
  let search = from
  for (;;) {
    const candidate = content.indexOf('`', search)
    if (candidate === -1) return -1
    let end = candidate
    while (end < content.length && content.charCodeAt(end) === backtick) end++
    if (end - candidate === length) return end
    search = end
  }
}
