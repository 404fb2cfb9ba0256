/** Small projects on disk for CLI tests: a folder made from `path → text`, removed after the test file. */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll} from 'vitest'

/** Write `files` under a new temporary folder and return its path (removed when the test file ends). */
export function project(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'vkdoc-cli-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true})
    writeFileSync(join(root, path), content)
  }
  afterAll(() => rmSync(root, {recursive: true, force: true}))
  return root
}

/** A minimal docs tree: build points `public` and `private`, the variable `cloud`, and `pages` (`ru/x/x.md` → text, built for both). */
export function docsTree(pages: Record<string, string>, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {
    [`${prefix}config/public.docs.config.mjs`]: "export const config = {build: {points: ['public', 'private']}}\n",
    [`${prefix}ru/ru.meta.json`]: JSON.stringify({title: 'Документация', variables: {cloud: 'VK Cloud'}}),
  }
  for (const [file, text] of Object.entries(pages)) {
    files[prefix + file] = text
    const parts = file.split('/')
    if (parts[1] !== '_includes' && parts.at(-1) === `${parts.at(-2)}.md`) {
      files[`${prefix}${parts.slice(0, -1).join('/')}/${parts.at(-2)}.meta.json`] = JSON.stringify({title: parts.at(-2), build: {for: ['public', 'private']}})
    }
  }
  return files
}
