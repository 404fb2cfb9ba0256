/**
 * Positions back to the source files: the one place expanded-text offsets
 * become unist points (`line`, `column`, `offset`) of the file each
 * character came from, for tree nodes and for messages alike.
 */
import type {Nodes} from 'mdast'
import type {VkdocMessage} from '../diagnostics/report.js'
import type {Expanded} from '../expand/expand.js'
import {LineIndex} from '../syntax/position.js'

export interface PositionMapper {
  /** Map every node's position (expanded offsets) to its source file; nodes from another file get `data.file`. */
  mapTree(tree: Nodes): void
  /** Place a message at `[start, end)` of the expanded text (with its include chain). */
  place(message: VkdocMessage, start: number, end: number): void
  /** Place a message at an offset of a source file (not an expanded offset). */
  placeSource(message: VkdocMessage, file: string, offset: number, length?: number): void
  /** The text of a source file the page was expanded from (the page itself or a fragment). */
  sourceOf(file: string): string | undefined
}

export function createPositionMapper(source: string, file: string, expanded: Expanded, sources: ReadonlyMap<string, string> | undefined): PositionMapper {
  const indexes = new Map<string, LineIndex>()
  const sourceOf = (name: string): string | undefined => (name === file ? source : sources?.get(name))
  const indexOf = (name: string): LineIndex | undefined => {
    let index = indexes.get(name)
    if (!index) {
      const text = sourceOf(name)
      if (text === undefined) return undefined
      index = new LineIndex(text)
      indexes.set(name, index)
    }
    return index
  }
  const map = expanded.map
  // One linear copy of one file is the page itself only when that file is the page (not a lone `{include}`).
  const identity = map.isIdentity && (map.length === 0 || map.start(0).file === file)
  const pageIndex = indexOf(file)!
  const point = (offset: number, isEnd: boolean): {point: ReturnType<LineIndex['point']>; file: string; chain: readonly {file: string; offset: number}[]} => {
    if (identity) return {point: pageIndex.point(Math.min(offset, source.length)), file, chain: []}
    const location = isEnd ? map.end(offset) : map.start(offset)
    const index = indexOf(location.file) ?? pageIndex
    return {point: index.point(location.offset), file: location.file, chain: location.chain}
  }
  const chainText = (chain: readonly {file: string; offset: number}[]): string[] =>
    chain.map((link) => {
      const index = indexOf(link.file)
      return index ? `${link.file}:${index.point(link.offset).line}` : link.file
    })
  return {
    mapTree(tree) {
      const stack: Nodes[] = [tree]
      while (stack.length > 0) {
        const node = stack.pop()!
        const position = node.position
        if (position) {
          const start = point(position.start.offset ?? 0, false)
          const end = point(position.end.offset ?? 0, true)
          node.position = {start: start.point, end: end.point}
          if (start.file !== file) node.data = {...node.data, file: start.file} as typeof node.data
        }
        if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
      }
    },
    place(message, start, end) {
      const from = point(start, false)
      const to = point(end, true)
      message.place = {start: from.point, end: to.file === from.file ? to.point : from.point}
      message.line = from.point.line
      message.column = from.point.column
      message.file = from.file
      if (from.chain.length > 0) message.includeChain = [...chainText(from.chain), `${from.file}:${from.point.line}`]
    },
    placeSource(message, name, offset, length = 0) {
      const index = indexOf(name)
      if (!index) return
      const at = index.point(offset)
      message.place = {start: at, end: index.point(offset + length)}
      message.line = at.line
      message.column = at.column
      message.file = name
    },
    sourceOf,
  }
}

declare module 'mdast' {
  interface Data {
    /** The file a node came from, when it is not the page itself (text spliced by `{include}`). */
    file?: string
  }
}
