/**
 * Where `-o OUT` writes each input: OUT mirrors the inputs' paths, relative
 * to the docs root when they are in it, else to their common folder, with the
 * extension of the output format (`ru/a/faq/faq.md` → `OUT/ru/a/faq/faq.json`).
 * Every output path is known before anything is written, so two inputs that
 * would land on one file, or an output that would replace an input, stop the
 * run as a usage error with nothing written.
 */
import {join, relative, resolve, sep} from 'node:path'
import {commonFolder} from './inputs.js'
import {UsageError} from './io.js'

export interface OutputInput {
  /** The input's absolute path (stdin: the name it stands for, else `-`). */
  path: string
  /** The docs root the input belongs to, if any. */
  root?: string | null
}

/** The output file of each input, in input order. */
export function planOutputs(inputs: readonly OutputInput[], out: string, extension: string, cwd: string, command: string): string[] {
  const outDir = resolve(cwd, out)
  const onDisk = inputs.filter((input) => input.path !== '-')
  const inRoot = (input: OutputInput): boolean => Boolean(input.root) && (input.path + sep).startsWith(input.root! + sep)
  const common = commonFolder(onDisk.filter((input) => !inRoot(input)).map((input) => input.path))
  const planned = inputs.map((input) => {
    if (input.path === '-') return join(outDir, 'stdin' + extension)
    const base = inRoot(input) ? input.root! : common
    return join(outDir, relative(base, input.path).replace(/\.md$/i, '') + extension)
  })
  const byOutput = new Map<string, number>()
  const inputPaths = new Set(inputs.map((input) => input.path))
  planned.forEach((file, index) => {
    const key = process.platform === 'win32' || process.platform === 'darwin' ? file.toLowerCase() : file
    const earlier = byOutput.get(key)
    if (earlier !== undefined) {
      throw new UsageError(`\`${shown(inputs[earlier]!.path, cwd)}\` and \`${shown(inputs[index]!.path, cwd)}\` would both be written to \`${shown(file, cwd)}\`; give them separately or from one folder`, command)
    }
    byOutput.set(key, index)
    if (inputPaths.has(file)) throw new UsageError(`\`-o ${out}\` would overwrite the input \`${shown(file, cwd)}\`; choose another folder`, command)
  })
  return planned
}

function shown(path: string, cwd: string): string {
  if (path === '-') return '<stdin>'
  const rel = relative(cwd, path)
  return rel === '' ? '.' : rel
}
