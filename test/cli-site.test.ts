/**
 * Sites that open anywhere: `vkdoc build --base ./` links every page,
 * asset, style and script relatively (the folder works from disk),
 * `--base /docs/` serves it under a sub-path; `faq.json` says where its page
 * is; and the preview servers answer over HTTP on 127.0.0.1, re-rendering
 * what an edit touches and refusing paths outside their folder.
 */
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {renderPages} from '../src/cli/build-pages.js'
import {startPreview, startServer} from '../src/cli/serve.js'
import {DocsTree, nodeFileSystem} from '../src/node.js'
import {relativeUrl} from '../src/cli/site-urls.js'
import {vkdoc} from './support/cli.js'
import {docsTree, project} from './support/project.js'

const input = fileURLToPath(new URL('../fixtures/tree-render/assets/input/', import.meta.url))

function temporary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vkdoc-site-'))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

/** GET over loopback with a raw path (no client-side normalisation of `..`). */
function get(url: string, path: string): Promise<{status: number; type: string; body: string}> {
  const {hostname, port} = new URL(url)
  return new Promise((done, fail) => {
    request({host: hostname, port, path, method: 'GET'}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => done({status: response.statusCode ?? 0, type: String(response.headers['content-type']), body}))
    })
      .on('error', fail)
      .end()
  })
}

describe('vkdoc build --base', () => {
  it('makes every URL of a page relative with --base ./, each resolving to a file of the built folder', async () => {
    const out = temporary()
    const result = await vkdoc(['build', '--root', input, '--out', out, '--base', './', '--workers', '1'], {cwd: input})
    expect(result.code).toBe(1) // the fixture has one missing image, on purpose
    const html = readFileSync(join(out, 'ru/guide/index.html'), 'utf8')
    const urls = [...html.matchAll(/(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)].map((match) => match[1]!)
    expect(urls).toEqual(['../../vkdoc.css', '../../tabs.js', 'assets/scheme.png', '../assets/plus.svg', 'assets/api.json', '../other/index.html'])
    for (const url of urls) expect(existsSync(resolve(join(out, 'ru/guide'), url)), url).toBe(true)
  })

  it('prefixes every site URL with a sub-path given as --base /docs', async () => {
    const out = temporary()
    await vkdoc(['build', '--root', input, '--out', out, '--base', '/docs', '--workers', '1'], {cwd: input})
    const html = readFileSync(join(out, 'ru/guide/index.html'), 'utf8')
    const urls = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((match) => match[1]!)
    expect(urls.every((url) => url.startsWith('/docs/')), urls.join(' ')).toBe(true)
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).pages[0].url).toBe('/docs/ru/guide')
  })

  it('writes faq.json with the page URL, file, language and target', async () => {
    const root = project(docsTree({'ru/start/faq/faq.md': '{cut(Как?)}\nТак.\n{/cut}\n'}))
    const out = temporary()
    expect((await vkdoc(['build', '--root', root, '--out', out, '--target', 'private', '--workers', '1'], {cwd: root})).code).toBe(0)
    expect(JSON.parse(readFileSync(join(out, 'ru/start/faq/faq.json'), 'utf8')).page).toEqual({url: '/ru/start/faq', file: 'ru/start/faq/faq.md', lang: 'ru', target: 'private'})
  })

  it('names a page whose rendering fails and still builds the others', () => {
    class FailingTree extends DocsTree {
      override render(file: string, options?: Parameters<DocsTree['render']>[1]): ReturnType<DocsTree['render']> {
        if (file === 'ru/guide/guide.md') throw new Error('boom')
        return super.render(file, options)
      }
    }
    const out = temporary()
    const tree = new FailingTree(nodeFileSystem(input))
    const result = renderPages({root: input, target: 'public', out, files: ['ru/guide/guide.md', 'ru/other/other.md']}, tree)
    expect(result.failures).toEqual([{file: 'ru/guide/guide.md', error: expect.stringMatching(/^Error: boom\n/)}])
    expect(result.pages.map((page) => page.file)).toEqual(['ru/other/other.md'])
    expect(existsSync(join(out, 'ru/other/index.html'))).toBe(true)
  })

  it('computes relative URLs for pages, assets and root files', () => {
    expect(relativeUrl('/ru/y#a', 'ru/x')).toBe('../y/index.html#a')
    expect(relativeUrl('/ru/x', 'ru/x')).toBe('index.html')
    expect(relativeUrl('/ru/x/assets/a.png', 'ru/x')).toBe('assets/a.png')
    expect(relativeUrl('/vkdoc.css', 'ru/x/y')).toBe('../../../vkdoc.css')
    expect(relativeUrl('https://example.com/a', 'ru/x')).toBe('https://example.com/a')
    expect(relativeUrl('//cdn.example.com/a.js', 'ru/x')).toBe('//cdn.example.com/a.js')
  })
})

describe('vkdoc serve (preview over loopback)', () => {
  const root = temporary()
  cpSync(input, root, {recursive: true})

  it('renders pages on request, serves tree files and the styles, and nothing outside the tree', async () => {
    const preview = await startPreview({root, target: 'public', port: 0})
    try {
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const page = await get(preview.url, '/ru/guide')
      expect(page.status).toBe(200)
      expect(page.type).toMatch(/^text\/html/)
      expect(page.body).toContain('<h1 id="guide">Руководство</h1>')
      expect(page.body).toContain('new EventSource("/__vkdoc/events")')
      expect((await get(preview.url, '/ru/guide/index.html')).status).toBe(200)
      expect((await get(preview.url, '/ru/guide/assets/scheme.png')).type).toBe('image/png')
      expect((await get(preview.url, '/vkdoc.css')).status).toBe(200)
      expect((await get(preview.url, '/')).body).toContain('href="/ru/guide"')
      for (const path of ['/ru/guide/guide.md', '/../../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/ru/%2e%2e/%2e%2e/etc/passwd', '/%00']) {
        expect((await get(preview.url, path)).status, path).toBe(404)
      }
    } finally {
      await preview.close()
    }
  })

  it('re-renders a page after an edit and tells open pages to reload', async () => {
    const preview = await startPreview({root, target: 'public', port: 0})
    try {
      expect((await get(preview.url, '/ru/guide')).body).toContain('Руководство</h1>')
      const events: string[] = []
      const stream = new Promise<void>((done) => {
        const {hostname, port} = new URL(preview.url)
        request({host: hostname, port, path: '/__vkdoc/events'}, (response) => {
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => {
            events.push(chunk)
            if (chunk.includes('/ru/guide')) done()
          })
        }).end()
      })
      await new Promise((wait) => setTimeout(wait, 100))
      const file = join(root, 'ru/guide/guide.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('Руководство', 'Руководство, правка'))
      await stream // the file watcher saw the edit
      expect(events.join('')).toContain('data: ["/ru/guide"]')
      expect((await get(preview.url, '/ru/guide')).body).toContain('Руководство, правка</h1>')
    } finally {
      await preview.close()
    }
  })

  it('serves a built folder for build --watch --serve, folders by their index.html', async () => {
    const out = temporary()
    await vkdoc(['build', '--root', input, '--out', out, '--workers', '1'], {cwd: input})
    const server = await startServer({root: out, port: 0})
    try {
      expect((await get(server.url, '/ru/guide/')).body).toContain('Руководство</h1>')
      expect((await get(server.url, '/manifest.json')).type).toMatch(/^application\/json/)
      expect((await get(server.url, '/../' + dirname(out))).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
