/**
 * Budgets: the bounds that keep hostile input from exhausting vkdoc's stack,
 * memory or time. Each is an option (`limits` of `compile`, `toHtml`, `expand`,
 * `validate`, …) with a default far above what real documentation needs (the
 * ru corpus stays well inside every one of them), and each reports a
 * diagnostic naming the file when it is hit; the rest of the page still renders.
 */

export interface Limits {
  /**
   * Deepest Markdown nesting kept (containers, inline markup and open raw HTML
   * elements together, as markdown-it's `maxNesting`); deeper content is shown
   * as text. Every recursive consumer of the tree stays far from its stack limit.
   */
  maxNesting?: number
  /** Deepest chain of `{include}` inside `{include}`. */
  maxIncludeDepth?: number
  /** Most `{include}` splices in one page render (a fragment included twice counts twice). */
  maxIncludes?: number
  /** Most characters of expanded text one page render may produce. */
  maxExpandedSize?: number
  /** Most characters of a page (or fragment) source that are read; the rest is cut off. */
  maxPageSize?: number
  /** Most diagnostics of one code kept for one page render; one more says how many were left out. */
  maxDiagnosticsPerCode?: number
  /** Most diagnostics kept for one page render. */
  maxDiagnostics?: number
}

export const defaultLimits: Readonly<Required<Limits>> = Object.freeze({
  maxNesting: 100,
  maxIncludeDepth: 16,
  maxIncludes: 2000,
  // 2 Mi characters of tiny paragraphs already cost micromark ~12 s and ~2.2 GB at the peak (8 Mi ran out of the
  // default heap); the largest ru page is 192 KB and the largest expansion 139 KB.
  maxExpandedSize: 2 * 1024 * 1024,
  maxPageSize: 2 * 1024 * 1024,
  maxDiagnosticsPerCode: 1000,
  maxDiagnostics: 5000,
})

const names = Object.keys(defaultLimits) as Array<keyof Limits>

/** The limits in force: `limits` over the defaults. Throws on a value that is not a whole number ≥ 1 (a programming error). */
export function resolveLimits(limits: Readonly<Limits> | undefined): Readonly<Required<Limits>> {
  if (limits === undefined) return defaultLimits
  if (typeof limits !== 'object' || limits === null) throw new TypeError('vkdoc: `limits` must be an object')
  const resolved = {...defaultLimits}
  for (const name of names) {
    const value = limits[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || !(Number.isInteger(value) || value === Number.POSITIVE_INFINITY) || value < 1) {
      throw new TypeError(`vkdoc: \`limits.${name}\` must be a whole number ≥ 1 (or Infinity), got ${String(value)}`)
    }
    resolved[name] = value
  }
  return resolved
}

/**
 * Where a text longer than `maxPageSize` is cut: after the last line break
 * within the budget (or at the budget on a text without one); `null` when it fits.
 */
export function pageSizeCut(text: string, maxPageSize: number): number | null {
  if (text.length <= maxPageSize) return null
  const lineEnd = text.lastIndexOf('\n', maxPageSize - 1)
  return lineEnd > 0 ? lineEnd + 1 : maxPageSize
}

/** The reason of a `page-size-limit` message. */
export function pageSizeReason(file: string, length: number, maxPageSize: number): string {
  return `Unexpected size of \`${file}\`: ${length} characters, expected at most ${maxPageSize} (\`limits.maxPageSize\`); the rest is not read`
}
