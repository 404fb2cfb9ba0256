/**
 * Re-linting after an edit (an editor's loop): `update` the file in the live
 * tree, lint again only the pages that depend on it, and answer with what
 * changed since those pages were last checked.
 */
import type {VkdocMessage} from '../diagnostics/report.js'
import type {DocsTree} from '../tree/docs-tree.js'
import {validate, type ValidateOptions} from './validate.js'

/** What `recheck` found: the files that depend on the edit, their diagnostics now, and the difference. */
export interface TreeRecheck {
  files: string[]
  diagnostics: VkdocMessage[]
  added: VkdocMessage[]
  removed: VkdocMessage[]
}

/** The diagnostics `recheck` last found per page, per tree. */
const lastDiagnostics = new WeakMap<DocsTree, Map<string, VkdocMessage[]>>()

/**
 * Replace `file`'s text in `tree` and lint the pages that depend on it (the
 * edited page, pages including it, pages linking to it) over their targets.
 * The first call for a page checks it before the edit too, so `added` and
 * `removed` are always relative to the text before this edit.
 */
export function recheck(tree: DocsTree, file: string, text: string, options: Omit<ValidateOptions, 'pages'> = {}): TreeRecheck {
  let last = lastDiagnostics.get(tree)
  if (!last) lastDiagnostics.set(tree, (last = new Map()))
  const check = (page: string): VkdocMessage[] => validate(tree, {...options, pages: [page]})
  const key = (message: VkdocMessage): string => `${message.file}:${message.line}:${message.column}:${message.ruleId}:${message.reason}`
  const earlier = new Map<string, VkdocMessage[]>()
  const dependents = [file, ...tree.includersOf(file)].filter((path) => tree.page(path))
  for (const page of dependents) earlier.set(page, last.get(page) ?? check(page))
  const files = tree.update(file, text)
  const previous: VkdocMessage[] = []
  const diagnostics: VkdocMessage[] = []
  for (const page of files.filter((path) => tree.page(path))) {
    previous.push(...(earlier.get(page) ?? last.get(page) ?? []))
    const now = check(page)
    last.set(page, now)
    diagnostics.push(...now)
  }
  const before = new Set(previous.map(key))
  const after = new Set(diagnostics.map(key))
  return {
    files,
    diagnostics,
    added: diagnostics.filter((message) => !before.has(key(message))),
    removed: previous.filter((message) => !after.has(key(message))),
  }
}
