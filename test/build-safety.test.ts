/**
 * `vkdoc build` on a hostile tree on disk: nothing outside the root is read
 * (symbolic links to /etc/passwd through includes, images, downloads and
 * swagger specs), nothing is written outside OUT or over a rendered page,
 * the page template escapes what it writes, one bad file is one diagnostic
 * and the manifest is still written, and the output does not depend on the
 * number of workers.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {documentShell} from '../src/cli/build-pages.js'
import {vkdoc} from './support/cli.js'

const secret = join(mkdtempSync(join(tmpdir(), 'vkdoc-secret-')), 'secret.txt')
writeFileSync(secret, 'TOP-SECRET-LINE\n')
const evilLang = 'x"><svg onload=alert(1)>'

function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), {recursive: true})
    writeFileSync(join(root, path), text)
  }
}

function hostileTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'vkdoc-hostile-'))
  const meta = '{"title": "T", "build": {"for": ["public"]}}'
  write(root, {
    'config/site.mjs': "export default {points: ['public']}",
    'ru/ru.meta.json': '{"title": "ru"}',
    'ru/p/p.meta.json': meta,
    'ru/p/p.md': [
      '# Страница',
      '',
      '{include(/ru/_includes/_secret.md)}',
      '',
      '![Картинка](assets/img.png) [файл](assets/passwd "download") ![{swagger}](assets/api.json)',
      '',
      '[страница](index.html "download") [рядом](assets/ok.png)',
      '',
    ].join('\n'),
    'ru/p/index.html': '<script>alert("asset over page")</script>',
    'ru/p/assets/ok.png': 'PNG',
    'ru/bad/bad.meta.json': '{"title": "Bad", "build": {"for": ',
    'ru/bad/bad.md': '# Bad meta\n',
    'ru/notutf/notutf.meta.json': meta,
    'ru/notutf/notutf.md': Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]),
    [`${evilLang}/${evilLang}.meta.json`]: '{"title": "evil"}',
    [`${evilLang}/e/e.meta.json`]: '{"title": "</title><script>alert(1)</script>", "build": {"for": ["public"]}}',
    [`${evilLang}/e/e.md`]: 'Текст.\n',
  })
  mkdirSync(join(root, 'ru/_includes'), {recursive: true})
  symlinkSync(secret, join(root, 'ru/_includes/_secret.md'))
  for (const name of ['img.png', 'passwd', 'api.json']) symlinkSync(secret, join(root, 'ru/p/assets', name))
  return root
}

async function build(args: string[]): Promise<{code: number; log: string}> {
  const result = await vkdoc(['build', ...args], {cwd: tmpdir()})
  return {code: result.code, log: result.stderr}
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Every file a build wrote under OUT, as `path relative to OUT → text`. */
function writtenFiles(out: string): Record<string, string> {
  return Object.fromEntries(filesUnder(out).map((path) => [relative(out, path), readFileSync(path, 'utf8')]))
}

describe('vkdoc build on a hostile tree', () => {
  const root = hostileTree()
  const out = mkdtempSync(join(tmpdir(), 'vkdoc-hostile-out-'))
  let result: {code: number; log: string}
  beforeAll(async () => {
    result = await build(['--root', root, '--out', out, '--workers', '1'])
  })
  afterAll(() => {
    rmSync(root, {recursive: true, force: true})
    rmSync(out, {recursive: true, force: true})
  })

  it('never copies or includes a file outside the root through a symbolic link', () => {
    for (const file of filesUnder(out)) expect(readFileSync(file, 'utf8'), file).not.toContain('TOP-SECRET-LINE')
    expect(existsSync(join(out, 'ru/p/assets/passwd'))).toBe(false)
    expect(readFileSync(join(out, 'ru/p/assets/ok.png'), 'utf8')).toBe('PNG')
    expect(result.log).toMatch(/asset-outside-root/)
    expect(result.log).toMatch(/include-outside-root/)
  })

  it('never lets an asset overwrite a rendered page', () => {
    const page = readFileSync(join(out, 'ru/p/index.html'), 'utf8')
    expect(page).toContain('<h1>Страница</h1>')
    expect(page).not.toContain('asset over page')
    expect(result.log).toContain('skipped ru/p/index.html')
  })

  it('escapes the language folder name and the title in the page template', () => {
    const html = readFileSync(join(out, evilLang, 'e/index.html'), 'utf8')
    expect(html).not.toMatch(/<svg|<script>alert/)
    expect(html).toContain('<html>')
    expect(html).toContain('<title>&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>')
  })

  it('reports a broken meta file, builds the rest (a page that is not UTF-8 too) and writes the manifest', () => {
    expect(result.log).toMatch(/meta-invalid/)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {pages: Array<{file: string}>}
    expect(manifest.pages.map((page) => page.file)).toEqual(['ru/notutf/notutf.md', 'ru/p/p.md', `${evilLang}/e/e.md`])
    expect(result.code).toBe(1)
  })

  it('refuses --out equal to or inside --root, unless --out-inside-root', async () => {
    const same = await build(['--root', root, '--out', root])
    expect(same.code).toBe(2)
    expect(same.log).toMatch(/the docs root itself/)
    const inside = await build(['--root', root, '--out', join(root, 'site')])
    expect(inside.code).toBe(2)
    expect(inside.log).toMatch(/inside the docs root/)
    expect(existsSync(join(root, 'site'))).toBe(false)
    expect((await build(['--root', join(root, 'missing'), '--out', out])).code).toBe(2)
    const allowed = await build(['--root', root, '--out', join(root, 'site'), '--out-inside-root', '--workers', '1'])
    expect(allowed.code).toBe(1)
    expect(existsSync(join(root, 'site/manifest.json'))).toBe(true)
  })

  it('never writes through a symbolic link left in OUT', async () => {
    const trap = mkdtempSync(join(tmpdir(), 'vkdoc-trap-'))
    const linked = mkdtempSync(join(tmpdir(), 'vkdoc-linked-out-'))
    symlinkSync(trap, join(linked, 'ru'))
    const trapped = await build(['--root', root, '--out', linked, '--workers', '1'])
    expect(readdirSync(trap)).toEqual([])
    expect(trapped.log).toMatch(/would be written outside/)
    expect(trapped.code).toBe(2)
    rmSync(trap, {recursive: true, force: true})
    rmSync(linked, {recursive: true, force: true})
  })

  it('never writes through a symbolic link left in OUT in place of a page or an emitter file', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'vkdoc-trap-'))
    const linked = mkdtempSync(join(tmpdir(), 'vkdoc-linked-out-'))
    for (const name of ['page.html', 'tabs.js']) writeFileSync(join(outside, name), 'KEEP')
    mkdirSync(join(linked, 'ru/p'), {recursive: true})
    symlinkSync(join(outside, 'page.html'), join(linked, 'ru/p/index.html'))
    symlinkSync(join(outside, 'tabs.js'), join(linked, 'tabs.js'))
    const trapped = await build(['--root', root, '--out', linked, '--workers', '1'])
    expect(readFileSync(join(outside, 'page.html'), 'utf8')).toBe('KEEP')
    expect(readFileSync(join(outside, 'tabs.js'), 'utf8')).toBe('KEEP')
    expect(trapped.log).toMatch(/ru\/p\/index\.html would be written outside/)
    expect(trapped.code).not.toBe(0)
    rmSync(outside, {recursive: true, force: true})
    rmSync(linked, {recursive: true, force: true})
  })
})

describe('the page template', () => {
  it('keeps a language tag and escapes every character that could end an attribute or element', () => {
    expect(documentShell({lang: 'ru', title: 'A & B "c" \'d\' <e>', body: ''})).toContain('<html lang="ru">\n<head>\n<meta charset="utf-8">\n<title>A &#38; B &#34;c&#34; &#39;d&#39; &#60;e&#62;</title>')
    expect(documentShell({lang: 'en-US', title: 't', body: ''})).toContain('<html lang="en-US">')
    expect(documentShell({lang: 'a b', title: 't', body: ''})).toContain('<html>')
    expect(documentShell({lang: 'ru', title: 't', prefix: '"><script>', body: ''})).not.toContain('<script>"')
  })
})

const cli = new URL('../dist/cli.js', import.meta.url).pathname
describe.skipIf(!existsSync(cli))('vkdoc build with any number of workers', () => {
  it('writes the same files and summary with 1 and 2 workers, whatever the locale', () => {
    const root = hostileTree()
    const outputs = [['1', 'C'], ['2', 'tr_TR.UTF-8']].map(([workers, locale]) => {
      const out = mkdtempSync(join(tmpdir(), `vkdoc-workers-${workers}-`))
      const run = spawnSync(process.execPath, [cli, 'build', '--root', root, '--out', out, '--workers', workers!], {encoding: 'utf8', env: {...process.env, LANG: locale, LC_ALL: locale}})
      // Every file written (pages, manifest, FAQ JSON, assets): the worker renders with the index it was handed.
      const written = writtenFiles(out)
      rmSync(out, {recursive: true, force: true})
      return {written, summary: run.stderr.split('\n').filter((line) => /^\s+\d+\s/.test(line)).join('\n')}
    })
    rmSync(root, {recursive: true, force: true})
    expect(Object.keys(outputs[0]!.written)).toContain('manifest.json')
    expect(outputs[1]!.written).toEqual(outputs[0]!.written)
    expect(outputs[1]!.summary).toBe(outputs[0]!.summary)
    expect(outputs[0]!.summary).not.toBe('')
  })
  it('renders in a worker the pages that link, include and use variables as the main thread renders them', () => {
    const root = mkdtempSync(join(tmpdir(), 'vkdoc-workers-linked-'))
    const meta = (title: string) => JSON.stringify({title, build: {for: ['public']}})
    // Pages are split in sorted halves: a and b stay on the main thread, c and d go to the worker.
    write(root, {
      'config/site.mjs': "export default {points: ['public']}",
      'ru/ru.meta.json': JSON.stringify({title: 'ru', variables: {product: 'VK Cloud'}}),
      'ru/_includes/_steps.md': '1. Откройте {var(product)}.\n',
      'ru/a/a.meta.json': meta('Страница А'),
      'ru/a/a.md': '# А\n\n## {heading(Настройка)[id=setup]}\n\nСм. {linkto(/ru/d)[text=%text]}.\n',
      'ru/b/b.meta.json': meta('Страница Б'),
      'ru/b/b.md': '# Б\n\n{include(/ru/_includes/_steps.md)}\n',
      'ru/c/c.meta.json': meta('Страница В'),
      'ru/c/c.md': '# В\n\n{include(/ru/_includes/_steps.md)}\n',
      'ru/d/d.meta.json': meta('Страница Г'),
      'ru/d/d.md': '# Г\n\nСм. {linkto(/ru/a#setup)[text=%text]} и {linkto(/ru/b)[text=%text]} в {var(product)}.\n',
    })
    const written = ['1', '2'].map((workers) => {
      const out = mkdtempSync(join(tmpdir(), `vkdoc-workers-linked-${workers}-`))
      spawnSync(process.execPath, [cli, 'build', '--root', root, '--out', out, '--workers', workers], {encoding: 'utf8'})
      const files = writtenFiles(out)
      rmSync(out, {recursive: true, force: true})
      return files
    })
    rmSync(root, {recursive: true, force: true})
    const page = written[1]!['ru/d/index.html']!
    expect(page).toContain('Настройка')
    expect(page).toContain('Страница Б')
    expect(page).toContain('VK Cloud')
    expect(written[1]!['ru/c/index.html']).toContain('Откройте VK Cloud')
    expect(written[1]).toEqual(written[0])
  })
})

describe.skipIf(!existsSync(cli))('vkdoc lint --fix on a tree with a fragment linked from outside', () => {
  it('neither reads nor rewrites the file outside the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'vkdoc-fix-'))
    const outside = join(mkdtempSync(join(tmpdir(), 'vkdoc-fix-outside-')), '_fragment.md')
    const fixable = 'См. {linkto(../x)[страница]}\n'
    writeFileSync(outside, fixable)
    write(root, {
      'config/site.mjs': "export default {points: ['public']}",
      'ru/ru.meta.json': '{"title": "ru"}',
      'ru/x/x.meta.json': '{"title": "X", "build": {"for": ["public"]}}',
      'ru/x/x.md': '# X\n\n{include(/ru/_includes/_fragment.md)}\n',
    })
    mkdirSync(join(root, 'ru/_includes'))
    symlinkSync(outside, join(root, 'ru/_includes/_fragment.md'))
    const run = spawnSync(process.execPath, [cli, 'lint', '--root', root, '--fix'], {encoding: 'utf8'})
    expect(readFileSync(outside, 'utf8')).toBe(fixable)
    expect(run.stdout).toContain('include-outside-root')
    rmSync(root, {recursive: true, force: true})
  })

  it('answers --out inside --root with a usage error (exit 2), not an internal error', () => {
    const root = hostileTree()
    const run = spawnSync(process.execPath, [cli, 'build', '--root', root, '--out', root], {encoding: 'utf8'})
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^vkdoc: --out .* is the docs root itself/)
    rmSync(root, {recursive: true, force: true})
  })
})
