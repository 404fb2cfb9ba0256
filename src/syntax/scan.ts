/**
 * The one scan of a text: where its code, comments and raw HTML blocks
 * are, decided by CommonMark's block rules (with GFM tables and footnote
 * definitions) and its inline rules for code spans and comments. The lexer
 * gives each directive token its context from it, the AsciiDoc table scanner
 * asks it which lines are code, and the Markdown sections take their
 * candidate breaks from it; `scanOf` keeps the last scans so one render
 * computes each text's scan once.
 *
 * Blocks follow the parsing strategy of the CommonMark spec (appendix A):
 * each line first continues the open containers (block quotes, list items,
 * footnote definitions: tabs count to the next multiple of four columns and
 * may be consumed in part), then either continues the open leaf (fenced code
 * closes only on a fence of its character and length indented at most three
 * columns; indented code on a less indented non-blank line; an HTML block on
 * its kind's end condition) or, as a lazy continuation line, the open
 * paragraph, or opens new blocks. Paragraphs, headings and table cells are
 * then scanned inline (`scan-inline.ts`).
 *
 * One addition to CommonMark: a line the `blockLine` option recognises (a
 * block directive alone on its line, which the lowering replaces by a
 * one-line heading or HTML block) is a one-line block that interrupts a
 * paragraph, as its placeholder will be.
 *
 * micromark's own choices are followed where they differ from the spec's
 * prose: an indented code block still counts as open for the line after it
 * (a list item there must be able to interrupt), a complete tag on a lazy line is
 * a one-line HTML block inside the containers, `</pre>` is of kind 7.
 *
 * Not modelled (the Markdown sections do not depend on it, see `markdown.ts`,
 * and the tests generate no such input): link reference definitions are
 * scanned as paragraph text; GFM tables whose header, delimiter row or rows
 * sit in different containers or on lazy lines; the line after an empty list
 * item nested in another container (micromark may refuse indented code or
 * HTML of kind 7 there, depending on the container); the multi-line regions the
 * lowering blanks out (AsciiDoc tables, formulas) are scanned as the
 * Markdown they are written in.
 */
import {scanInline, type InlineFinding} from './scan-inline.js'
import {lastAtOrBefore} from './sorted.js'
import {
  atxHeading,
  carriageReturn,
  closesFence,
  consume,
  delimiterCell,
  endsHtml,
  fenceOpener,
  footnoteLabel,
  htmlStart,
  lineFeed,
  listItem,
  measure,
  setextUnderline,
  space,
  splitRow,
  tab,
  thematicBreak,
  type Cursor,
} from './scan-lines.js'

export {closesFence, fenceOpener, htmlStart} from './scan-lines.js'

/** A range of code or comment; `end` is exclusive. */
export interface ScanRange {
  start: number
  end: number
  /** Fenced and indented code blocks are both `fenced-code` (code blocks), as token contexts name them. */
  context: 'fenced-code' | 'inline-code' | 'comment'
}

/** An HTML block: `kind` is CommonMark's start condition (1–7). */
export interface HtmlBlock {
  start: number
  end: number
  kind: number
  /** Whether its end condition was met (kinds 1–5); kinds 6 and 7 end at a blank line. */
  closed: boolean
}

/** What `scanText` finds. */
export interface TextScan {
  /** Sorted, disjoint ranges of code and comments. */
  ranges: ScanRange[]
  htmlBlocks: HtmlBlock[]
  /** `<!--` that never become comments: an HTML block of kind 2 that never closes, or an inline one. */
  unclosedComments: Array<{start: number; inline: boolean}>
}

/**
 * Whether a line whose content starts with `code` may start a block: every block start of CommonMark and GFM
 * begins with one of `> - * _ + # [ \` ~ <` or a digit (a list item's number), a `blockLine` with `{`. Most lines
 * start with a letter, and skip every test below.
 */
function mayStartBlock(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 62 || code === 45 || code === 42 || code === 95 || code === 43 || code === 35 || code === 91 || code === 96 || code === 126 || code === 60 || code === 123
}

export interface ScanOptions {
  /** Whether the line `[contentStart, lineEnd)` (indentation skipped) is a one-line block of the dialect; asked only of lines starting with `{`. */
  blockLine?: (text: string, contentStart: number, lineEnd: number) => boolean
}

type Container =
  | {kind: 'quote'}
  | {kind: 'item'; indent: number; blankStart: boolean; hasContent: boolean}
  | {kind: 'footnote'}

type Leaf =
  /** `segments`: start, end and indentation width of each line. */
  | {kind: 'paragraph'; segments: number[]}
  | {kind: 'table'}
  | {kind: 'fence'; start: number; marker: number; length: number}
  | {kind: 'indented'; start: number; end: number}
  | {kind: 'html'; start: number; htmlKind: number}

/** Scan `text` for code, comments and HTML blocks. Linear in the text's length. */
export function scanText(text: string, options: ScanOptions = {}): TextScan {
  return new Scanner(text, options).run()
}

const recent: Array<{text: string; blockLine: ScanOptions['blockLine']; scan: TextScan}> = []

/** `scanText`, remembered for the last few texts: the lexer, the lowering and the sections ask about the same text. */
export function scanOf(text: string, options: ScanOptions = {}): TextScan {
  for (const entry of recent) if (entry.text === text && entry.blockLine === options.blockLine) return entry.scan
  const scan = scanText(text, options)
  recent.unshift({text, blockLine: options.blockLine, scan})
  if (recent.length > 4) recent.pop()
  return scan
}

class Scanner {
  private readonly ranges: ScanRange[] = []
  private readonly inline: InlineFinding[] = []
  private readonly htmlBlocks: HtmlBlock[] = []
  private readonly unclosed: TextScan['unclosedComments'] = []
  private readonly containers: Container[] = []
  private leaf: Leaf | null = null
  /** End of the previous line's content (where a block closed before this line ends). */
  private previousEnd = 0
  /** Whether a list item this line opens must be able to interrupt (see the indented code case). */
  private interrupting = false

  constructor(
    private readonly text: string,
    private readonly options: ScanOptions,
  ) {}

  run(): TextScan {
    const text = this.text
    // Without a CR, the engine's own search finds each line's end (a loop over characters here took a tenth of the parse).
    const onlyLineFeeds = !text.includes('\r')
    let lineStart = 0
    while (lineStart < text.length) {
      let lineEnd = lineStart
      if (onlyLineFeeds) {
        lineEnd = text.indexOf('\n', lineStart)
        if (lineEnd === -1) lineEnd = text.length
      } else while (lineEnd < text.length && text.charCodeAt(lineEnd) !== lineFeed && text.charCodeAt(lineEnd) !== carriageReturn) lineEnd++
      this.line(lineStart, lineEnd)
      this.previousEnd = lineEnd
      lineStart = lineEnd + (text.charCodeAt(lineEnd) === carriageReturn && text.charCodeAt(lineEnd + 1) === lineFeed ? 2 : 1)
    }
    this.closeLeaf(text.length)
    for (const finding of this.inline) this.ranges.push({start: finding.start, end: finding.end, context: finding.kind})
    this.ranges.sort((a, b) => a.start - b.start)
    return {ranges: this.ranges, htmlBlocks: this.htmlBlocks, unclosedComments: this.unclosed.sort((a, b) => a.start - b.start)}
  }

  private line(lineStart: number, lineEnd: number): void {
    const cursor: Cursor = {offset: lineStart, column: 0, partial: 0}
    const containers = this.containers
    let matched = 0
    for (; matched < containers.length; matched++) {
      if (!this.continues(containers[matched]!, cursor, lineEnd)) break
    }
    const {width, first} = measure(this.text, cursor, lineEnd)
    const blank = first >= lineEnd
    if (matched < containers.length) {
      // A lazy continuation line keeps every container open (a lazy `===` is text: it underlines nothing).
      const lazy = width >= 4 || !this.startsBlock(first, lineEnd, 'lazy')
      if (this.leaf?.kind === 'paragraph' && !blank && lazy) {
        // micromark makes a complete tag on a lazy line a one-line HTML block inside the open containers.
        if (width < 4 && htmlStart(this.text.slice(first, lineEnd), false) === 7) {
          this.closeLeaf(this.previousEnd)
          return
        }
        this.leaf.segments.push(first, lineEnd, width)
        return
      }
      this.closeLeaf(this.previousEnd)
      containers.length = matched
    }
    if (this.continueLeaf(cursor, width, first, lineEnd, blank)) return
    this.openBlocks(cursor, lineEnd)
  }

  /** Whether the line continues `container`; consumes its prefix. */
  private continues(container: Container, cursor: Cursor, lineEnd: number): boolean {
    const text = this.text
    const {width, first, firstColumn} = measure(text, cursor, lineEnd)
    const blank = first >= lineEnd
    if (container.kind === 'quote') {
      if (blank || width > 3 || text.charCodeAt(first) !== 62 /* > */) return false
      Object.assign(cursor, {offset: first + 1, column: firstColumn + 1, partial: 0})
      const next = text.charCodeAt(cursor.offset)
      if (next === space || next === tab) consume(text, cursor, 1, lineEnd)
      return true
    }
    if (container.kind === 'footnote') {
      if (blank) return true
      if (width < 4) return false
      consume(text, cursor, 4, lineEnd)
      return true
    }
    if (blank) {
      // A list item can begin with at most one blank line.
      if (container.blankStart && !container.hasContent) return false
      consume(text, cursor, Math.min(width, container.indent), lineEnd)
      return true
    }
    if (width < container.indent) return false
    consume(text, cursor, container.indent, lineEnd)
    return true
  }

  /** Continue the open leaf with this line; false when the line opens blocks instead. */
  private continueLeaf(cursor: Cursor, width: number, first: number, lineEnd: number, blank: boolean): boolean {
    const leaf = this.leaf
    if (!leaf) return false
    const text = this.text
    switch (leaf.kind) {
      case 'fence': {
        if (!blank && width <= 3 && closesFence(text, first, lineEnd, leaf.marker, leaf.length)) {
          this.ranges.push({start: leaf.start, end: lineEnd, context: 'fenced-code'})
          this.leaf = null
        }
        return true
      }
      case 'html': {
        if (leaf.htmlKind >= 6) {
          if (!blank) return true
          this.closeLeaf(this.previousEnd)
          return false
        }
        if (endsHtml(text, cursor.offset, lineEnd, leaf.htmlKind)) this.finishHtml(leaf, lineEnd, true)
        return true
      }
      case 'indented': {
        if (blank || width >= 4) {
          if (!blank) leaf.end = lineEnd
          return true
        }
        this.closeLeaf(leaf.end)
        // micromark still counts the code as open here: a list item that follows must be able to interrupt.
        this.interrupting = true
        return false
      }
      case 'table': {
        if (blank || width >= 4 || this.startsBlock(first, lineEnd, 'any')) {
          this.leaf = null
          return false
        }
        this.scanCells(first, lineEnd)
        return true
      }
      case 'paragraph': {
        if (blank) {
          this.closeLeaf(this.previousEnd)
          return false
        }
        if (width <= 3 && setextUnderline.test(text.slice(first, lineEnd))) {
          this.closeLeaf(this.previousEnd)
          return true
        }
        if (width <= 3 && this.becomesTable(leaf, first, lineEnd)) return true
        if (width >= 4 || !this.startsBlock(first, lineEnd, 'paragraph')) {
          leaf.segments.push(first, lineEnd, width)
          return true
        }
        this.closeLeaf(this.previousEnd)
        return false
      }
    }
  }

  /** Open the blocks this line starts (containers first, then one leaf). */
  private openBlocks(cursor: Cursor, lineEnd: number): void {
    const text = this.text
    let interrupting = this.interrupting
    this.interrupting = false
    for (;;) {
      const {width, first, firstColumn} = measure(text, cursor, lineEnd)
      if (first >= lineEnd) return
      this.markContent()
      if (width >= 4) {
        consume(text, cursor, 4, lineEnd)
        this.leaf = {kind: 'indented', start: cursor.offset, end: lineEnd}
        return
      }
      const code = text.charCodeAt(first)
      if (code === 62 /* > */) {
        interrupting = false
        this.containers.push({kind: 'quote'})
        Object.assign(cursor, {offset: first + 1, column: firstColumn + 1, partial: 0})
        const next = text.charCodeAt(cursor.offset)
        if (next === space || next === tab) consume(text, cursor, 1, lineEnd)
        continue
      }
      if (!mayStartBlock(code)) {
        this.leaf = {kind: 'paragraph', segments: [first, lineEnd, width]}
        return
      }
      const rest = text.slice(first, lineEnd)
      if (thematicBreak.test(rest)) return
      const item = listItem(text, first, firstColumn, lineEnd, interrupting)
      if (item) {
        interrupting = false
        this.containers.push({kind: 'item', indent: item.contentColumn - cursor.column - cursor.partial, blankStart: item.blank, hasContent: !item.blank})
        Object.assign(cursor, item.cursor)
        if (item.blank) return
        continue
      }
      const footnote = footnoteLabel.exec(rest)
      if (footnote) {
        interrupting = false
        this.containers.push({kind: 'footnote'})
        // The whitespace after `]:` is skipped whole, as after a link definition's colon.
        const contentStart = measure(text, {offset: first + footnote[0].length, column: firstColumn + footnote[0].length, partial: 0}, lineEnd)
        Object.assign(cursor, {offset: contentStart.first, column: contentStart.firstColumn, partial: 0})
        continue
      }
      this.openLeaf(first, lineEnd, rest, width)
      return
    }
  }

  private openLeaf(first: number, lineEnd: number, rest: string, width: number): void {
    const text = this.text
    const heading = atxHeading.exec(rest)
    if (heading) {
      const contentStart = first + heading[0].length
      const closing = /[ \t]+#+[ \t]*$|^[ \t]*#+[ \t]*$/.exec(text.slice(contentStart, lineEnd))
      this.scanInlineSegments([contentStart, closing ? contentStart + closing.index : lineEnd, 0])
      return
    }
    const fence = fenceOpener(text, first, lineEnd)
    if (fence) {
      this.leaf = {kind: 'fence', start: first, marker: fence.marker, length: fence.length}
      return
    }
    const htmlKind = htmlStart(rest, false)
    if (htmlKind) {
      const leaf: Leaf = {kind: 'html', start: first, htmlKind}
      this.leaf = leaf
      if (htmlKind <= 5 && endsHtml(text, first, lineEnd, htmlKind)) this.finishHtml(leaf, lineEnd, true)
      return
    }
    if (this.options.blockLine?.(text, first, lineEnd)) return
    this.leaf = {kind: 'paragraph', segments: [first, lineEnd, width]}
  }

  /**
   * Whether a line (indented at most three columns) starts a block. `paragraph`: it would interrupt an open
   * paragraph (no empty or non-1 list item, no HTML of kind 7); `lazy`: a line the open containers do not continue
   * (list items of any kind start; kind 7 is handled by the caller); `any`: after a table.
   */
  private startsBlock(first: number, lineEnd: number, mode: 'paragraph' | 'lazy' | 'any'): boolean {
    const text = this.text
    const code = text.charCodeAt(first)
    if (code === 62 /* > */) return true
    if (!mayStartBlock(code)) return false
    const rest = text.slice(first, lineEnd)
    if (thematicBreak.test(rest) || atxHeading.test(rest) || footnoteLabel.test(rest)) return true
    if (fenceOpener(text, first, lineEnd)) return true
    if (htmlStart(rest, mode !== 'any')) return true
    if (listItem(text, first, 0, lineEnd, mode === 'paragraph')) return true
    return this.options.blockLine?.(text, first, lineEnd) ?? false
  }

  /** GFM: a delimiter row under a paragraph line with as many cells turns that line into a table header. */
  private becomesTable(leaf: Extract<Leaf, {kind: 'paragraph'}>, first: number, lineEnd: number): boolean {
    const text = this.text
    const row = text.slice(first, lineEnd)
    if (!row.includes('|') && !row.includes(':')) return false
    const cells = splitRow(row)
    if (cells.length === 0 || !cells.every((cell) => delimiterCell.test(cell))) return false
    const segments = leaf.segments
    const headerStart = segments[segments.length - 3]!
    const headerEnd = segments[segments.length - 2]!
    // The header is a line of its own: not indented as code.
    if (segments[segments.length - 1]! >= 4) return false
    if (splitRow(text.slice(headerStart, headerEnd)).length !== cells.length) return false
    segments.length -= 3
    if (segments.length > 0) this.scanInlineSegments(segments)
    this.scanCells(headerStart, headerEnd)
    this.leaf = {kind: 'table'}
    return true
  }

  /** Scan each cell of a table row on its own: a `|` ends a cell even inside backticks. */
  private scanCells(start: number, end: number): void {
    let cellStart = start
    for (let index = start; index <= end; index++) {
      const code = index < end ? this.text.charCodeAt(index) : 124
      if (code === 92 /* \ */) {
        index++
        continue
      }
      if (code !== 124 /* | */) continue
      if (index > cellStart) this.scanInlineSegments([cellStart, index, 0])
      cellStart = index + 1
    }
  }

  private markContent(): void {
    for (const container of this.containers) if (container.kind === 'item') container.hasContent = true
  }

  private finishHtml(leaf: Extract<Leaf, {kind: 'html'}>, end: number, closed: boolean): void {
    this.htmlBlocks.push({start: leaf.start, end, kind: leaf.htmlKind, closed})
    if (leaf.htmlKind === 2) {
      const close = this.text.indexOf('-->', leaf.start + 2)
      if (closed) this.ranges.push({start: leaf.start, end: close === -1 ? end : close + 3, context: 'comment'})
      else this.unclosed.push({start: leaf.start, inline: false})
    }
    this.leaf = null
  }

  /** Close the open leaf at `end` (the end of the last line it holds). */
  private closeLeaf(end: number): void {
    const leaf = this.leaf
    if (!leaf) return
    this.leaf = null
    switch (leaf.kind) {
      case 'paragraph':
        this.scanInlineSegments(leaf.segments)
        return
      case 'fence':
        this.ranges.push({start: leaf.start, end: Math.max(leaf.start, end), context: 'fenced-code'})
        return
      case 'indented':
        this.ranges.push({start: leaf.start, end: leaf.end, context: 'fenced-code'})
        return
      case 'html':
        this.htmlBlocks.push({start: leaf.start, end: Math.max(leaf.start, end), kind: leaf.htmlKind, closed: leaf.htmlKind >= 6})
        if (leaf.htmlKind === 2) this.unclosed.push({start: leaf.start, inline: false})
        return
      case 'table':
        return
    }
  }

  /** Inline-scan content given as `start, end, width` triples, one per line. */
  private scanInlineSegments(segments: number[]): void {
    const text = this.text
    if (segments.length === 3) {
      const start = segments[0]!
      const content = text.slice(start, segments[1])
      if (!/[`<]/.test(content)) return
      scanInline(content, (index) => start + index, this.inline, this.onUnclosed)
      return
    }
    const pieces: string[] = []
    const starts: number[] = []
    let length = 0
    for (let index = 0; index < segments.length; index += 3) {
      const piece = text.slice(segments[index], segments[index + 1])
      starts.push(length)
      pieces.push(piece)
      length += piece.length + 1
    }
    const content = pieces.join('\n')
    if (!/[`<]/.test(content)) return
    const toOffset = (index: number): number => {
      const low = lastAtOrBefore(starts, index)
      const within = index - starts[low]!
      const segmentStart = segments[low * 3]!
      // The joining line feed stands for the line ending after the segment.
      return Math.min(segmentStart + within, segments[low * 3 + 1]!)
    }
    scanInline(content, toOffset, this.inline, this.onUnclosed)
  }

  private readonly onUnclosed = (start: number): void => {
    this.unclosed.push({start, inline: true})
  }
}
