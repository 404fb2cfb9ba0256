/**
 * Questions about build points asked of a loaded index: which pages a target
 * builds, which targets a page builds for, and what a misspelt name means.
 */
import {suggestFrom} from './build-points.js'
import type {DocsIndex, PageEntry, SectionEntry} from './load.js'

/** Whether `name` is one of the tree's build points (exact: `{ifdef( public)}` callers trim first). */
export function isBuildPoint(index: DocsIndex, name: string): boolean {
  return index.buildPoints.includes(name)
}

/**
 * The build point `name` most likely means, or `null` (see the rule below).
 * Used for fix-its in meta `build.for` and for `{ifdef(private_pg)}` typos:
 * - a build point (after trimming) maps to itself;
 * - `_` read as `-` gives a build point: that one (`private_pg` → `private-pg`, `data_p_pdf` → `data-p-pdf`);
 * - exactly one build point within edit distance 2 (a swap of neighbours counts 1):
 *   that one (`private-cer` → `private-cert`, `pulic` and `oublic` → `public`);
 * - otherwise `null`: nothing close, or several equally plausible (`private-p` is 1–2 edits
 *   from `private`, `private-pg` and `private-pdf`), and a wrong automatic fix is worse than none.
 */
export function suggestBuildPoint(index: DocsIndex, name: string): string | null {
  return suggestFrom(index.buildPoints, name)
}

/**
 * The build points a page (or section) is rendered for: its meta `build.for`
 * in order, without duplicates and without names that are not build points
 * (those are reported by `loadIndex`); none when it says `dontbuild` or has no
 * `build.for` at all (`entry.buildFor === null` tells that case apart).
 */
export function targetsOf(entry: PageEntry | SectionEntry): readonly string[] {
  return entry.targets
}

/** The pages rendered for `target`, in folder order. */
export function pagesForTarget(index: DocsIndex, target: string): PageEntry[] {
  const pages: PageEntry[] = []
  for (const page of index.pages.values()) if (page.targets.includes(target)) pages.push(page)
  return pages.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))
}
