/**
 * `vkdoc fmt`: the dialect formatter on files, folders, globs or stdin, as
 * prettier is used: one file (or `-`) prints the formatted text; `--check`
 * lists the files that would change and exits 1; `--write` rewrites them.
 * A page of a docs tree is checked through the tree (its includes resolved,
 * every build target it is built for); other files on their own. A file that
 * is not valid UTF-8 is never rewritten.
 */
import {writeFileSync} from 'node:fs'
import {formatPage, type FormatResult} from '../format/index.js'
import {hastToHtml} from '../render/to-html.js'
import {mdastToHast} from '../render/to-hast.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {flag, parseFor, stringValue} from './args.js'
import {findCommand} from './commands.js'
import {displayOf, openMarkdownInputs} from './context.js'
import {describeFailure} from './convert.js'
import {treePathOf} from './inputs.js'
import {describeFsError, IoError, UsageError, type Io} from './io.js'

const spec = findCommand('fmt')!

/** Format one text; a page of a tree is checked by rendering it there for each of its targets. */
function formatText(text: string, tree: DocsTree | undefined, treePath: string | null): FormatResult {
  const page = tree && treePath ? tree.page(treePath) : undefined
  if (!tree || !page || page.file !== treePath) return formatPage(text)
  const targets = page.targets.length > 0 ? page.targets : ['public']
  const render = (draft: string, target: string): string => hastToHtml(mdastToHast(tree.render(page.file, {target, text: draft}).mdast))
  return formatPage(text, {targets, render})
}

export async function fmtCommand(args: readonly string[], io: Io): Promise<number> {
  const {values, positionals} = parseFor(spec, args)
  const check = flag(values, 'check')
  const write = flag(values, 'write')
  if (check && write) throw new UsageError('`--check` and `--write` exclude each other', 'fmt')
  if (positionals.length === 0) throw new UsageError('`vkdoc fmt` needs FILE, DIR, GLOB or -', 'fmt')
  const {ctx, inputs} = await openMarkdownInputs('fmt', values, positionals, io, {root: stringValue(values, 'root'), lang: stringValue(values, 'lang')})
  const files = []
  for (const input of inputs.files) {
    const settings = await ctx.settings(input.path)
    if (input.path !== '-' && ctx.isIgnored(input.path, settings)) continue
    files.push({input, settings})
  }
  if (files.length === 0) throw new UsageError('no files to format: every file given is ignored', 'fmt')
  if (!check && !write && files.length > 1) throw new UsageError('several files: give `--check` to list those that would change or `--write` to rewrite them', 'fmt')
  if (write && files.some(({input}) => input.path === '-')) throw new UsageError('`--write` rewrites files; stdin is formatted to stdout without it', 'fmt')

  let changed = 0
  let failures = 0
  const byRule = new Map<string, number>()
  for (const {input, settings} of files) {
    const shown = input.path === '-' ? (ctx.stdinPath ?? '<stdin>') : input.path
    try {
      const decoded = ctx.read(input.path)
      if (decoded.problem && (check || write)) {
        io.stderr.write(`vkdoc: ${displayOf(shown, io.cwd)}: not valid UTF-8 at byte ${decoded.problem.byteOffset}; left as it is\n`)
        failures++
        continue
      }
      const tree = ctx.tree(settings)
      const onDisk = input.path === '-' ? ctx.stdinPath : input.path
      const treePath = tree && settings.root && onDisk ? treePathOf(settings.root, onDisk) : null
      const result = formatText(decoded.text, tree, treePath)
      const differs = result.text !== decoded.text
      if (differs) {
        changed++
        for (const rule of result.applied) byRule.set(rule, (byRule.get(rule) ?? 0) + 1)
      }
      if (!check && !write) io.stdout.write(result.text)
      else if (check && differs) io.stdout.write(`${displayOf(shown, io.cwd)} (${result.applied.join(', ')})\n`)
      else if (write && differs) {
        try {
          writeFileSync(input.path, (decoded.bom ? '\uFEFF' : '') + result.text)
        } catch (error) {
          throw new IoError(`${displayOf(shown, io.cwd)}: cannot write (${describeFsError(error)})`)
        }
      }
    } catch (error) {
      failures++
      io.stderr.write(describeFailure(error, shown, io.cwd))
    }
  }
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([rule, count]) => `${rule} ${count}`).join(', ')
  if (check) io.stderr.write(`${changed} of ${files.length} file(s) would change${rules ? ` (${rules})` : ''}\n`)
  if (write) io.stderr.write(`formatted ${changed} of ${files.length} file(s)${rules ? ` (${rules})` : ''}\n`)
  if (failures > 0) return 2
  return check && changed > 0 ? 1 : 0
}
