/**
 * Binary searches over sorted offsets and ranges: which code or comment
 * range holds an offset, which line an offset is on, where the first token
 * at an offset is. One implementation for the scan, the lexer contexts,
 * positions, sections and the lowering.
 */

/** The range of `ranges` (sorted by start, disjoint) that holds `offset`, if any. */
export function rangeAt<Range extends {start: number; end: number}>(ranges: readonly Range[], offset: number): Range | undefined {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const range = ranges[middle]!
    if (offset < range.start) high = middle - 1
    else if (offset >= range.end) low = middle + 1
    else return range
  }
  return undefined
}

/** The index of the last of `starts` (ascending) that is at or before `value`; 0 when none is. */
export function lastAtOrBefore(starts: readonly number[], value: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= value) low = middle
    else high = middle - 1
  }
  return low
}

/** The index of the first item (ascending by `keyOf`) whose key is at or after `value`; `items.length` when none is. */
export function firstAtOrAfter<Item>(items: readonly Item[], keyOf: (item: Item) => number, value: number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (keyOf(items[middle]!) < value) low = middle + 1
    else high = middle
  }
  return low
}
