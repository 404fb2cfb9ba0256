/**
 * A persistent cache of per-page results (`vkdoc build --cache`,
 * `vkdoc lint --cache`), keyed by content, never by modification time.
 *
 * The file holds a key for everything every page depends on (vkdoc's
 * version, the command and its options, the build points, the variables,
 * the tree's file listing) and, per page, the content hash of each file its
 * result was made from (the page, the fragments its expansion read, the
 * pages whose titles, anchors and numbers it used, their meta files) with
 * the result. A result is reused only when the key and every one of those
 * hashes are unchanged. A file that is not a cache of this kind, of this
 * key, or that cannot be parsed is ignored (and replaced on save).
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

const format = 'vkdoc-results'
const schema = 1

interface Entry<Result> {
  /** File → content hash, as read when the result was made. */
  deps: Record<string, string>
  result: Result
}

interface CacheFile<Result> {
  format: typeof format
  schema: typeof schema
  key: string
  entries: Record<string, Entry<Result>>
}

/** A short content hash (the cache never trusts anything else). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22)
}

/** Why an existing cache file was not used, or `null` when it was. */
export type CacheRejection = 'missing' | 'unreadable' | 'not-a-cache' | 'other-key' | null

export class ResultCache<Result> {
  readonly path: string
  readonly key: string
  /** Why the file on disk was not used (`null`: it was). */
  readonly rejected: CacheRejection
  hits = 0
  misses = 0
  private readonly previous: Record<string, Entry<Result>>
  private readonly next: Record<string, Entry<Result>> = {}
  /** Whether a fresh result was set (hits alone change nothing). */
  private changed = false

  private constructor(path: string, key: string, previous: Record<string, Entry<Result>>, rejected: CacheRejection) {
    this.path = path
    this.key = key
    this.previous = previous
    this.rejected = rejected
  }

  /** Open the cache at `path` for `key`; anything that is not a cache of this key is ignored. */
  static open<Result>(path: string, key: string): ResultCache<Result> {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      return new ResultCache<Result>(path, key, {}, missing ? 'missing' : 'unreadable')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return new ResultCache<Result>(path, key, {}, 'not-a-cache')
    }
    if (!isCacheFile(parsed)) return new ResultCache<Result>(path, key, {}, 'not-a-cache')
    if (parsed.key !== key) return new ResultCache<Result>(path, key, {}, 'other-key')
    return new ResultCache<Result>(path, key, parsed.entries as Record<string, Entry<Result>>, null)
  }

  /**
   * The stored result for `id` when every file it was made from still has
   * the same content (`hashOf` gives the current hash, `undefined` for a file
   * that is gone). A hit is kept for the next save.
   */
  get(id: string, hashOf: (file: string) => string | undefined): Result | undefined {
    const entry = Object.hasOwn(this.previous, id) ? this.previous[id] : undefined
    if (!entry || typeof entry !== 'object' || !entry.deps || typeof entry.deps !== 'object') {
      this.misses++
      return undefined
    }
    for (const [file, hash] of Object.entries(entry.deps)) {
      if (hashOf(file) !== hash) {
        this.misses++
        return undefined
      }
    }
    this.hits++
    this.next[id] = entry
    return entry.result
  }

  /** Keep a fresh result with the hashes of the files it was made from. */
  set(id: string, deps: Record<string, string>, result: Result): void {
    this.next[id] = {deps, result}
    this.changed = true
  }

  /**
   * Write the results of this run (hits and fresh ones) in place of the old file, atomically. A run that took
   * every stored result and made none writes nothing: the file already says exactly that.
   */
  save(): void {
    if (!this.changed && this.rejected === null && Object.keys(this.next).length === Object.keys(this.previous).length) return
    const file: CacheFile<Result> = {format, schema, key: this.key, entries: this.next}
    mkdirSync(dirname(this.path), {recursive: true})
    const temporary = `${this.path}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(file))
    renameSync(temporary, this.path)
  }
}

function isCacheFile(value: unknown): value is CacheFile<unknown> {
  if (!value || typeof value !== 'object') return false
  const file = value as Partial<CacheFile<unknown>>
  return file.format === format && file.schema === schema && typeof file.key === 'string' && !!file.entries && typeof file.entries === 'object'
}
