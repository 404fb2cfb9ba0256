/**
 * `vkdoc build` on a small tree on disk (fixtures/tree-render/assets): pages
 * written at their folders, the images, specs and downloads they reference
 * copied to their site paths, and the manifest listing pages and assets.
 */
import {mkdtempSync, readFileSync, rmSync, existsSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {vkdoc} from './support/cli.js'

const fixture = fileURLToPath(new URL('../fixtures/tree-render/assets/', import.meta.url))
const input = join(fixture, 'input')

async function build(target: string): Promise<{out: string; code: number; log: string}> {
  const out = mkdtempSync(join(tmpdir(), `vkdoc-build-${target}-`))
  const result = await vkdoc(['build', '--root', input, '--out', out, '--target', target, '--workers', '1'], {cwd: fixture})
  return {out, code: result.code, log: result.stderr}
}

describe('vkdoc build with assets', () => {
  const outs: string[] = []
  let publicBuild: {out: string; code: number; log: string}
  let privateBuild: {out: string; code: number; log: string}
  beforeAll(async () => {
    publicBuild = await build('public')
    privateBuild = await build('private')
    outs.push(publicBuild.out, privateBuild.out)
  })
  afterAll(() => {
    for (const out of outs) rmSync(out, {recursive: true, force: true})
  })

  it('copies every referenced file that exists to its site path, byte for byte', () => {
    for (const file of ['ru/guide/assets/scheme.png', 'ru/guide/assets/api.json', 'ru/assets/plus.svg']) {
      expect(readFileSync(join(publicBuild.out, file)), file).toEqual(readFileSync(join(input, file)))
    }
  })
  it('copies only what the pages of the target reference', () => {
    expect(existsSync(join(publicBuild.out, 'ru/guide/assets/private-only.png'))).toBe(false)
    expect(existsSync(join(privateBuild.out, 'ru/guide/assets/private-only.png'))).toBe(true)
  })
  it('points the HTML at the copied files, a fragment image resolved from the including page', () => {
    const html = readFileSync(join(publicBuild.out, 'ru/guide/index.html'), 'utf8')
    expect(html).toContain('<img src="/ru/guide/assets/scheme.png" alt="Схема">')
    expect(html).toContain('src="/ru/assets/plus.svg"')
    expect(html).toContain('<a href="/ru/guide/assets/api.json" title="download">api.json</a>')
    expect(html).toContain('<a href="/ru/other#top">Другая</a>')
  })
  it('lists pages, their assets and the copied files in the manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(publicBuild.out, 'manifest.json'), 'utf8'))
    await expect(JSON.stringify(manifest, null, 2) + '\n').toMatchFileSnapshot(join(fixture, 'public-manifest.json'))
    expect(manifest.assets.map((asset: {file: string}) => asset.file)).toEqual(['ru/assets/plus.svg', 'ru/guide/assets/api.json', 'ru/guide/assets/scheme.png'])
  })
  it('reports a missing image and exits 1, saying how many references were not found', () => {
    expect(publicBuild.code).toBe(1)
    expect(publicBuild.log).toMatch(/built 2 pages for public .*; 3 assets copied, 1 referenced but not in the tree/)
    expect(publicBuild.log).toMatch(/1 {2}asset-missing/)
    expect(privateBuild.code).toBe(0)
  })
})
