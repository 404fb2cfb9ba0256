/**
 * Offsets in expanded text → (file, offset) in the sources it came from.
 *
 * The text-level layer (includes, regions, conditions, variables) builds the
 * expanded text of a page out of copied source runs and inserted strings
 * (variable values, indentation added to included lines). Every position
 * vkdoc reports or puts in a tree goes back through this map, so a node that
 * came from a fragment points into the fragment.
 */

/** Where an expanded offset came from. */
export interface SourceLocation {
  /** The file the text came from (tree-relative path, or the page's own name). */
  file: string
  offset: number
  /** For text that came through includes: the include directives' offsets in their files, outermost first. */
  chain: readonly ChainLink[]
}

export interface ChainLink {
  file: string
  offset: number
}

interface Segment {
  outStart: number
  outEnd: number
  file: string
  srcStart: number
  srcEnd: number
  /** Copied text maps offset by offset; inserted text maps as a whole onto [srcStart, srcEnd). */
  linear: boolean
  chain: readonly ChainLink[]
}

const noChain: readonly ChainLink[] = []

/** Builds expanded text and its map together. */
export class ExpansionBuilder {
  private parts: string[] = []
  private length = 0
  readonly segments: Segment[] = []

  get offset(): number {
    return this.length
  }

  /** Append `source.slice(start, end)`, mapped offset by offset. */
  copy(source: string, file: string, start: number, end: number, chain: readonly ChainLink[] = noChain): void {
    if (end <= start) return
    const last = this.segments[this.segments.length - 1]
    if (last && last.linear && last.file === file && last.srcEnd === start && last.outEnd === this.length && last.chain === chain) {
      last.srcEnd = end
      last.outEnd += end - start
    } else {
      this.segments.push({outStart: this.length, outEnd: this.length + end - start, file, srcStart: start, srcEnd: end, linear: true, chain})
    }
    this.parts.push(start === 0 && end === source.length ? source : source.slice(start, end))
    this.length += end - start
  }

  /** Append generated `text` that stands for the source range `[start, end)` of `file`. */
  insert(text: string, file: string, start: number, end: number, chain: readonly ChainLink[] = noChain): void {
    if (text.length === 0) return
    this.segments.push({outStart: this.length, outEnd: this.length + text.length, file, srcStart: start, srcEnd: end, linear: false, chain})
    this.parts.push(text)
    this.length += text.length
  }

  finish(): {text: string; map: SourceMap} {
    return {text: this.parts.join(''), map: new SourceMap(this.segments, this.length)}
  }
}

export class SourceMap {
  private readonly segments: Segment[]
  readonly length: number

  constructor(segments: Segment[], length: number) {
    this.segments = segments
    this.length = length
  }

  /** True when the whole text is one unchanged copy of one file. */
  get isIdentity(): boolean {
    const only = this.segments[0]
    return this.segments.length === 1 && only !== undefined && only.linear && only.srcStart === 0 && only.outStart === 0
  }

  private find(offset: number): Segment | undefined {
    const segments = this.segments
    let low = 0
    let high = segments.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const segment = segments[mid]!
      if (offset < segment.outStart) high = mid - 1
      else if (offset >= segment.outEnd) low = mid + 1
      else return segment
    }
    return segments[segments.length - 1]
  }

  /** Where the character at expanded `offset` came from. */
  start(offset: number): SourceLocation {
    const segment = this.find(Math.min(offset, Math.max(0, this.length - 1)))
    if (!segment) return {file: '', offset, chain: noChain}
    if (offset >= this.length) return {file: segment.file, offset: segment.linear ? segment.srcEnd : segment.srcEnd, chain: segment.chain}
    return {
      file: segment.file,
      offset: segment.linear ? segment.srcStart + (offset - segment.outStart) : segment.srcStart,
      chain: segment.chain,
    }
  }

  /** Where an exclusive end at expanded `offset` falls in the source. */
  end(offset: number): SourceLocation {
    if (offset <= 0) return this.start(0)
    const segment = this.find(offset - 1)
    if (!segment) return {file: '', offset, chain: noChain}
    return {
      file: segment.file,
      offset: segment.linear ? segment.srcStart + (offset - segment.outStart) : segment.srcEnd,
      chain: segment.chain,
    }
  }
}
