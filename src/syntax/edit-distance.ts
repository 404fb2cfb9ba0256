/**
 * How far apart two names are, for "did you mean" suggestions: build points
 * (`pulic` → `public`), directive names (`{lnikto(` → `{linkto(`) and
 * attribute keys (`txet=` → `text=`) share this one measure.
 */

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and
 * swaps of neighbours each cost 1 (a typed transposition is one slip, not
 * two). Stops early once the distance exceeds `limit` and answers `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let before: number[] = []
  let previous: number[] = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMinimum = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current.push(value)
      rowMinimum = Math.min(rowMinimum, value)
    }
    if (rowMinimum > limit) return limit + 1
    before = previous
    previous = current
  }
  return previous[b.length]!
}

/** Whether `a` is one slip away from `b` (and not equal to it). */
export function withinOneEdit(a: string, b: string): boolean {
  return a !== b && editDistance(a, b, 1) === 1
}
