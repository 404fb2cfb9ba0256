/**
 * The files a command works on, from what was typed: files as given, folders
 * walked for their Markdown, globs (`docs/**\/faq.md`, tinyglobby) expanded,
 * `-` for stdin. A path that is not there relative to the working directory
 * is looked for in the docs root (`vkdoc lint ru/ --root ../docs`). Each file
 * appears once, by its real path, even when symbolic links lead to it twice;
 * a link that loops back to a folder containing it is reported once and its
 * files are read once.
 */
import {existsSync, lstatSync, realpathSync, statSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {globSync, isDynamicPattern} from 'tinyglobby'
import {describeFsError, IoError, UsageError} from './io.js'

export interface InputFile {
  /** Absolute path, or `-` for stdin. */
  path: string
  /** How it was named: on the command line, found in a folder, matched by a glob, or stdin. */
  via: 'file' | 'folder' | 'glob' | 'stdin'
}

export interface CollectedInputs {
  files: InputFile[]
  /** The folders given (absolute): what a tree run limited to them covers. */
  folders: string[]
  /** Folders given that hold no file of the wanted kinds. */
  emptyFolders: string[]
  /** Lines for stderr: links that loop, and the like. */
  notes: string[]
}

export interface CollectOptions {
  cwd: string
  /** Where a path missing under `cwd` is looked for next (the docs root), if anywhere. */
  fallbackRoot?: string | null
  /** File extensions a folder or glob contributes (`['.md']`). */
  extensions: readonly string[]
  command: string
}

/** `path` against the working directory, else against the docs root when it exists only there. */
function locate(input: string, options: CollectOptions): string | null {
  const direct = resolve(options.cwd, input)
  if (existsSync(direct)) return direct
  if (options.fallbackRoot && !isAbsolute(input)) {
    const inRoot = resolve(options.fallbackRoot, input)
    if (existsSync(inRoot)) return inRoot
  }
  return null
}

function hasExtension(file: string, extensions: readonly string[]): boolean {
  return extensions.some((extension) => file.endsWith(extension))
}

/** Collect the inputs named by `args`; throws a usage error for a path that does not exist or a glob that matches nothing. */
export function collectInputs(args: readonly string[], options: CollectOptions): CollectedInputs {
  const collected: CollectedInputs = {files: [], folders: [], emptyFolders: [], notes: []}
  const seen = new Set<string>()
  const loops = new Set<string>()
  const add = (path: string, via: InputFile['via']): void => {
    if (path === '-') {
      if (!seen.has('-')) collected.files.push({path, via})
      seen.add('-')
      return
    }
    let real = path
    try {
      real = realpathSync(path)
    } catch {
      // A dangling link: read it as named and let the read report it.
    }
    if (seen.has(real)) {
      if (via !== 'file') noteLoop(path, options.cwd, loops, collected.notes)
      return
    }
    seen.add(real)
    collected.files.push({path, via})
  }
  for (const input of args) {
    if (input === '-') {
      add('-', 'stdin')
      continue
    }
    const located = locate(input, options)
    if (located === null && isDynamicPattern(input)) {
      const matched = globSync(input, {cwd: options.cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: true}).sort()
      const wanted = matched.filter((file) => hasExtension(file, options.extensions))
      if (wanted.length === 0) throw new UsageError(`no files match \`${input}\``, options.command)
      for (const file of wanted) add(resolve(file), 'glob')
      continue
    }
    if (located === null) throw new UsageError(`\`${input}\`: no such file or folder`, options.command)
    let isFolder: boolean
    try {
      isFolder = statSync(located).isDirectory()
    } catch (error) {
      throw new IoError(`${input}: ${describeFsError(error)}`)
    }
    if (!isFolder) {
      add(located, 'file')
      continue
    }
    collected.folders.push(located)
    const pattern = options.extensions.length === 1 ? `**/*${options.extensions[0]}` : `**/*{${options.extensions.join(',')}}`
    const found = globSync(pattern, {cwd: located, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: true})
    // Shorter paths first: a file reached both directly and through a looping link keeps its direct name.
    found.sort((a, b) => a.split(/[\\/]/).length - b.split(/[\\/]/).length || (a < b ? -1 : a > b ? 1 : 0))
    if (found.length === 0) collected.emptyFolders.push(located)
    for (const file of found) add(resolve(file), 'folder')
  }
  return collected
}

/** Name the link on `path` that leads back into a folder containing it (once per link). */
function noteLoop(path: string, cwd: string, reported: Set<string>, notes: string[]): void {
  let current = path
  for (let parent = dirname(current); parent !== current; current = parent, parent = dirname(parent)) {
    let isLink = false
    try {
      isLink = lstatSync(parent).isSymbolicLink()
    } catch {
      return
    }
    if (!isLink) continue
    let target: string
    try {
      target = realpathSync(parent)
    } catch {
      return
    }
    const holder = dirname(parent)
    let realHolder = holder
    try {
      realHolder = realpathSync(holder)
    } catch {
      // keep the path as named
    }
    if (realHolder === target || realHolder.startsWith(target + sep)) {
      if (!reported.has(parent)) {
        reported.add(parent)
        const shown = relative(cwd, parent) || '.'
        notes.push(`vkdoc: ${shown} is a symbolic link to ${relative(cwd, target) || '.'}, a folder that contains it (a loop): its files are read once`)
      }
      return
    }
  }
}

/** The deepest folder holding every one of `files` (absolute paths). */
export function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return sep
  let common = dirname(files[0]!)
  for (const file of files.slice(1)) {
    while (common !== dirname(common) && !(file.startsWith(common + sep) || dirname(file) === common)) common = dirname(common)
  }
  return common
}

/** `file`'s path in the tree at `root` (POSIX slashes), or `null` when it is not inside. */
export function treePathOf(root: string, file: string): string | null {
  const path = relative(root, file)
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return null
  return path.split(sep).join('/')
}
