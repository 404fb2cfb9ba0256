/**
 * A progress bar for long CLI runs (building or linting the whole tree):
 *
 * ```
 * lint [██████████░░░░░░░░░░░░░░░░░░░░]  540/1632  33%  1.2s
 * ```
 *
 * Drawn in place on one terminal line, only when the stream is a TTY (a pipe
 * or a CI log gets nothing, so machine output stays clean), and redrawn at
 * most every `intervalMs` however fast `tick()` is called.
 */

/** The part of a writable stream the bar uses (`process.stderr` fits). */
export interface ProgressStream {
  write(chunk: string): unknown
  isTTY?: boolean
  /** Terminal width (default: 80). */
  columns?: number
}

export interface ProgressOptions {
  /** Number of steps to completion (files, pages). */
  total: number
  /** Word before the bar (default: none). */
  label?: string
  /** Where to draw (default: `process.stderr`). */
  stream?: ProgressStream
  /** Least time between redraws in ms (default: `100`, so at most ~10 redraws a second). */
  intervalMs?: number
  /** Clock in ms (default: `performance.now`); tests pass a fake one. */
  now?: () => number
  /** Erase the bar on `done()` instead of leaving the final line (default: `false`). */
  clear?: boolean
}

export interface Progress {
  /** Count `n` more steps done (default: 1). */
  tick(n?: number): void
  /** Finish: draw the final state (or erase it) and end the line. Later calls do nothing. */
  done(): void
}

const eraseLine = '\r\u001B[2K'
const filled = '█'
const empty = '░'

/** `0.4s`, `12.3s`, `2m05s`. */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)}s`
  const whole = Math.floor(seconds)
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`
}

/**
 * Create a progress indicator.
 *
 * @param options `total` steps, an optional `label`, the `stream` to draw on.
 * @returns `tick(n?)` and `done()`; both are no-ops when the stream is not a TTY.
 * @throws {TypeError} When `total` is not a finite number ≥ 0 (a programmer error).
 */
export function createProgress(options: ProgressOptions): Progress {
  const {total, label = ''} = options
  if (!Number.isFinite(total) || total < 0) throw new TypeError(`createProgress: total must be a finite number ≥ 0, got ${total}`)
  const stream = options.stream ?? process.stderr
  if (!stream.isTTY) return {tick() {}, done() {}}

  const now = options.now ?? (() => performance.now())
  const intervalMs = options.intervalMs ?? 100
  const started = now()
  let count = 0
  let lastDraw = -Infinity
  let finished = false

  const line = (): string => {
    const ratio = total === 0 ? 1 : Math.min(count / total, 1)
    const totalText = String(total)
    const counter = `${String(Math.min(count, total)).padStart(totalText.length)}/${totalText}`
    const percent = `${Math.floor(ratio * 100)}%`.padStart(4)
    const tail = ` ${counter} ${percent}  ${formatElapsed(now() - started)}`
    const head = label ? `${label} ` : ''
    // The bar takes what is left of the line (keeping one column free so the
    // terminal never wraps), between 10 and 40 cells.
    const room = (stream.columns ?? 80) - 1 - head.length - tail.length - 2
    const barWidth = Math.max(10, Math.min(40, room))
    const full = Math.round(ratio * barWidth)
    return `${head}[${filled.repeat(full)}${empty.repeat(barWidth - full)}]${tail}`
  }

  const draw = (): void => {
    lastDraw = now()
    stream.write(eraseLine + line())
  }

  draw()
  return {
    tick(n = 1) {
      if (finished) return
      count += n
      if (now() - lastDraw >= intervalMs) draw()
    },
    done() {
      if (finished) return
      finished = true
      if (options.clear) stream.write(eraseLine)
      else stream.write(eraseLine + line() + '\n')
    },
  }
}
