/**
 * What a CLI run talks to: its streams, its working directory and stdin. The
 * commands take an `Io` instead of reaching for `process`, so tests run them
 * in-process with a chosen directory and read exactly what they printed.
 */

/** A writable text stream (`process.stdout` fits). */
export interface OutStream {
  write(chunk: string): unknown
  isTTY?: boolean
  columns?: number
}

export interface Io {
  stdout: OutStream
  stderr: OutStream
  /** The working directory relative paths are resolved against (and shown relative to). */
  cwd: string
  /** Everything on standard input, as bytes (read once, when a command asks for `-`). */
  readStdin(): Uint8Array
  /** Environment variables (`NO_COLOR`, …). */
  env: Readonly<Record<string, string | undefined>>
}

/**
 * A mistake in how vkdoc was called (a missing argument, a bad flag value, a
 * target that is not a build point): one line on stderr, exit code 2, and
 * nothing written. `command` names the command whose `--help` explains it.
 */
export class UsageError extends Error {
  readonly command: string | undefined
  constructor(message: string, command?: string) {
    super(message)
    this.name = 'UsageError'
    this.command = command
  }
}

/** A file or folder that cannot be read or written: one line on stderr, exit code 2. */
export class IoError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IoError'
  }
}

/** A bug in vkdoc met while working on a file: reported with the file's name and the stack, exit code 2. */
export class InternalError extends Error {
  constructor(where: string, cause: unknown) {
    super(`internal error on ${where}: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`)
    this.name = 'InternalError'
  }
}

/** The message of an error thrown by Node's file functions, without the syscall noise (`ENOENT: no such file…, open 'x'`). */
export function describeFsError(error: unknown): string {
  const code = (error as {code?: string}).code
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'is a folder'
    case 'ENOTDIR':
      return 'not a folder'
    case 'ELOOP':
      return 'too many levels of symbolic links'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
