/**
 * Where the read-only material of ../shared is, and which of it is absent.
 * Tests that read it are skipped (never passed) without it, with what is
 * missing in their name: `it.skipIf(absent(['seed']).length > 0)(`…${skipNote(['seed'])}`, …)`.
 */
import {existsSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {fileURLToPath} from 'node:url'

export const sharedRoot = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const corpusRoot = join(sharedRoot, 'corpus')
export const defectsFile = join(sharedRoot, 'spec', 'defects-ru.tsv')
export const faqPagesFile = join(sharedRoot, 'spec', 'faq-pages.md')
export const seedFile = join(sharedRoot, 'seed', 'partners-faq.md')

/** The parts of ../shared a test may need. */
const parts = {
  corpus: [join(corpusRoot, 'ru'), join(corpusRoot, 'config')],
  defects: [defectsFile],
  'faq-pages': [faqPagesFile],
  seed: [seedFile],
} as const
export type SharedPart = keyof typeof parts

/** The paths (as `../shared/…`) of the parts in `needs` that are absent. */
export function absent(needs: readonly SharedPart[]): string[] {
  const missing = needs.flatMap((part) => parts[part].filter((path) => !existsSync(path)))
  return missing.map((path) => `../shared/${relative(sharedRoot, path).split(sep).join('/')}`)
}

/** `''`, or ` (skipped: … absent)` to append to a test name when a part it needs is absent. */
export function skipNote(needs: readonly SharedPart[]): string {
  const missing = absent(needs)
  return missing.length > 0 ? ` (skipped: ${missing.join(', ')} absent)` : ''
}
