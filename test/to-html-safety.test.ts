/**
 * Author text never becomes markup or script: hostile titles, attributes
 * and URLs in dialect nodes and Markdown, and raw HTML. Outputs are checked
 * by parsing them as a browser would (parse5, via hast-util-raw) and
 * looking for script: event handlers, dangerous elements and URLs.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {raw} from 'hast-util-raw'
import type {BlockContent, PhrasingContent, Root, RootContent} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfm} from 'micromark-extension-gfm'
import {beforeEach, describe, expect, it, vi} from 'vitest'
import type {DirectiveLabel} from '../src/constructs/nodes.js'
import {classifyHtml, isSafeUrl} from '../src/render/sanitize.js'
import {mdastToHast} from '../src/render/to-hast.js'
import {hastToHtml, mdastToHtml} from '../src/render/to-html.js'

// Count calls to the raw-HTML parser (the expensive pass) while keeping it working.
vi.mock('hast-util-raw', async (importOriginal) => {
  const original = await importOriginal<typeof import('hast-util-raw')>()
  return {...original, raw: vi.fn(original.raw)}
})

const text = (value: string): PhrasingContent => ({type: 'text', value})
const label = (value: string): DirectiveLabel => ({type: 'directiveLabel', children: [text(value)]})
const paragraph = (...children: PhrasingContent[]): BlockContent => ({type: 'paragraph', children})
const root = (...children: RootContent[]): Root => ({type: 'root', children})
const markdown = (value: string): Root => fromMarkdown(value, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})

/** Parse HTML as a browser would. */
function parseHtml(html: string): HastRoot {
  return raw({type: 'root', children: [{type: 'raw', value: html}]}) as HastRoot
}

function elementsOf(tree: HastRoot): Element[] {
  const found: Element[] = []
  const walk = (node: HastRoot | ElementContent): void => {
    if (node.type === 'element') found.push(node)
    if ('children' in node) for (const child of node.children) walk(child as ElementContent)
  }
  walk(tree)
  return found
}

/** A URL a browser would run or render as a document: judged independently of `isSafeUrl`. */
function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020]/g, '').toLowerCase()
  return /^(javascript|vbscript|data):/.test(squeezed)
}

const dangerousElements = new Set(['script', 'style', 'object', 'embed', 'base', 'meta', 'link', 'form', 'svg', 'math', 'frame', 'frameset'])

/** Problems a browser would act on in `html`; `embeds` are the iframe sources we made ourselves. */
function problems(html: string, embeds: ReadonlyArray<string> = []): string[] {
  const found: string[] = []
  for (const element of elementsOf(parseHtml(html))) {
    if (dangerousElements.has(element.tagName)) found.push(`<${element.tagName}>`)
    if (element.tagName === 'iframe' && !embeds.includes(String(element.properties['src']))) found.push(`iframe ${String(element.properties['src'])}`)
    for (const [key, value] of Object.entries(element.properties)) {
      if (/^on/i.test(key)) found.push(`${element.tagName} ${key}`)
      if (key === 'style' && element.tagName !== 'img') found.push(`${element.tagName} style`)
      if (['href', 'src', 'action', 'formAction', 'data', 'poster', 'srcSet'].includes(key) && isScriptUrl(String(value))) {
        found.push(`${element.tagName} ${key}=${String(value)}`)
      }
    }
  }
  return found
}

const hostileText = ['<script>alert(1)</script>', '" onmouseover="alert(1)', "' onfocus='alert(1)' autofocus='", '<img src=x onerror=alert(1)>', '</details><script>alert(1)</script>']

const hostileUrls = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'jav&#x09;ascript:alert(1)',
  '&amp;#106;avascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
]

describe('author text in titles and attributes', () => {
  it.each(hostileText)('stays text in cut, tab, caption and linkto titles: %s', (value) => {
    const tree = root(
      {type: 'cut', children: [label(value), paragraph(text(value))]},
      {type: 'tabs', children: [{type: 'tab', children: [label(value), paragraph(text('x'))]}]},
      {type: 'caption', id: value, number: null, align: value, placement: value, children: [label(value), paragraph(text('x'))]},
      paragraph({type: 'linkto', target: value, url: '#' + value, children: [text(value)]}),
      {type: 'heading', depth: 2, data: {id: value}, children: [text(value)]},
    )
    const output = mdastToHtml(tree)
    expect(problems(output)).toEqual([])
    // The title reads back as the very text the author wrote.
    const summary = elementsOf(parseHtml(output)).find((element) => element.tagName === 'summary')
    expect(summary?.children).toEqual([expect.objectContaining({type: 'text', value})])
  })

  it.each(hostileText)('stays an attribute value in image alt, include path, swagger and video urls: %s', (value) => {
    const tree = root(
      paragraph({type: 'image', url: './a.png', alt: value, title: value}),
      paragraph({type: 'includePlaceholder', path: value, value}),
      {type: 'swagger', url: value, value},
      {type: 'video', url: value, value, videoType: value},
      {type: 'formula', value},
    )
    expect(problems(mdastToHtml(tree))).toEqual([])
  })
})

describe('hostile URLs', () => {
  it.each(hostileUrls)('are dropped from every href and src: %j', (url) => {
    const tree = root(
      paragraph(
        {type: 'linkto', target: url, url, children: [text('linkto')]},
        {type: 'link', url, title: null, children: [text('link')]},
        {type: 'image', url, alt: 'image', title: null},
        {type: 'linkReference', identifier: 'ref', label: 'ref', referenceType: 'full', children: [text('reference')]},
        {type: 'imageReference', identifier: 'ref', label: 'ref', referenceType: 'full', alt: 'image reference'},
      ),
      {type: 'definition', identifier: 'ref', label: 'ref', url, title: null},
      {type: 'video', url, value: url, videoType: 'vkvideo'},
      {type: 'swagger', url, value: url},
    )
    const output = mdastToHtml(tree)
    expect(problems(output)).toEqual([])
    // The texts are still there.
    for (const word of ['linkto', 'link', 'reference']) expect(output).toContain(`>${word}<`)
  })

  it('are dropped from Markdown parsed by CommonMark (links, images, references, autolinks)', () => {
    const tree = markdown(
      '[a](javascript:alert(1)) ![b](JAVASCRIPT:alert(1)) [c][r] <javascript:alert(1)> [d](<java\tscript:alert(1)>)\n\n[r]: vbscript:x\n',
    )
    expect(problems(mdastToHtml(tree))).toEqual([])
  })

  it('keep relative links, anchors, http(s), mailto and tel', () => {
    const urls = ['../page#anchor', '#anchor', '/ru/x', 'https://cloud.vk.com/', 'http://example.com', 'mailto:a@b.c', 'tel:+7000', 'page?x=a:b']
    const output = mdastToHtml(root(paragraph(...urls.map((url): PhrasingContent => ({type: 'link', url, title: null, children: [text(url)]})))))
    for (const url of urls) expect(output).toContain(`href="${url.replace('&', '&#x26;')}"`)
  })
})

describe('raw HTML', () => {
  beforeEach(() => {
    vi.mocked(raw).mockClear()
  })

  it.each([
    '<img src=x onerror=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="https://vkvideo.ru/video_ext.php?id=1"></iframe>',
    '<script>alert(1)</script>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload=alert(1)>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:/">',
    '<details open ontoggle=alert(1)><summary>x</summary></details>',
    '<video src=x onerror=alert(1)></video>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<span data-vk-slot="00000000-0000-0000-0000-000000000000:0">forged</span>',
  ])('is made harmless: %s', (value) => {
    const tree = root(paragraph(text('before')), {type: 'html', value}, {type: 'video', url: 'https://vkvideo.ru/e/1', value: '', videoType: null})
    // The author's markup never adds an iframe, and, parsed on its own, cannot swallow ours.
    const output = mdastToHtml(tree)
    expect(problems(output, ['https://vkvideo.ru/e/1'])).toEqual([])
    expect(output).toContain('<iframe src="https://vkvideo.ru/e/1"')
  })

  it('leaves our own embeds in place around author markup', () => {
    const tree = root(
      {type: 'video', url: 'https://vkvideo.ru/e/1', value: '', videoType: null},
      {type: 'html', value: '<img src=x onerror=alert(1)>'},
      {type: 'video', url: '../assets/a.mp4', value: '', videoType: null},
    )
    const output = mdastToHtml(tree)
    expect(output).toContain('<div class="vk-video"><iframe src="https://vkvideo.ru/e/1" title="Видео" sandbox=')
    expect(output).toContain('<div class="vk-video"><video src="../assets/a.mp4" controls preload="metadata">')
    expect(output).toContain('<img src="x">')
  })

  it('is re-parsed only in the run of siblings that holds it', () => {
    const tree = root(
      paragraph(text('ours '), {type: 'html', value: '<b>'}, text('bold'), {type: 'html', value: '</b>'}),
      {type: 'note', noteType: 'info', children: [paragraph(text('untouched'))]},
    )
    expect(hastToHtml(mdastToHast(tree))).toBe('<p>ours <b>bold</b></p>\n<div class="vk-note vk-note-info" role="note" aria-label="Примечание">\n<p>untouched</p>\n</div>')
    // One parse, of the paragraph's three children only: the note is never re-parsed.
    expect(vi.mocked(raw)).toHaveBeenCalledTimes(1)
    expect(vi.mocked(raw).mock.calls[0]?.[0]).toMatchObject({type: 'root', children: [{type: 'raw', value: '<b>'}, {type: 'text', value: 'bold'}, {type: 'raw', value: '</b>'}]})
  })

  it('is parsed across nodes and cleaned as a whole', () => {
    const tree = markdown('<div onclick="alert(1)">\n\n**bold** [x](javascript:alert(1))\n\n</div>\n\n<table><tr><td onmouseover="x">cell</td></tr></table>\n')
    const output = mdastToHtml(tree)
    expect(problems(output)).toEqual([])
    expect(output).toContain('<div>\n<p><strong>bold</strong> x</p>\n</div>')
    expect(output).toContain('<td>cell</td>')
  })

  it('keeps harmless markup authors use (lists, tables, code) and our classes', () => {
    const output = mdastToHtml(markdown('<ul><li><code>x</code></li></ul>\n\n<span class="vk-note evil">n</span>\n'))
    expect(output).toContain('<ul><li><code>x</code></li></ul>')
    expect(output).toContain('<span class="vk-note">n</span>')
  })

  it('drops comments and turns every <br> spelling into <br> without the raw parser', () => {
    const tree = markdown('a<br>b<br/>c</br>d <!-- inline -->\n\n<!-- block\ncomment -->\n\n<!-- one --> <!-- two -->\n')
    const output = mdastToHtml(tree)
    expect(output).toBe('<p>a<br>b<br>c<br>d </p>')
    expect(vi.mocked(raw)).not.toHaveBeenCalled()
  })

  it('runs the raw parser once when other markup is present', () => {
    mdastToHtml(markdown('a <span>b</span>\n'))
    expect(vi.mocked(raw)).toHaveBeenCalledTimes(1)
  })

  it('passes through untouched with sanitize: false', () => {
    const output = mdastToHtml(markdown('<div onclick="go()">x</div>\n\nt <!-- c --> u<br/>\n'), {sanitize: false})
    expect(output).toBe('<div onclick="go()">x</div>\n<p>t  u<br></p>')
    expect(vi.mocked(raw)).not.toHaveBeenCalled()
  })

  it('is written as text by hastToHtml when a raw node reaches it without sanitize: false', () => {
    expect(hastToHtml({type: 'root', children: [{type: 'raw', value: '<b>x</b>'}]})).toBe('&#x3C;b>x&#x3C;/b>')
  })
})

describe('the sanitiser schema', () => {
  const fixturesRoot = fileURLToPath(new URL('../fixtures/emit', import.meta.url))
  const fixtureTrees = readdirSync(fixturesRoot)
    .flatMap((construct) => readdirSync(path.join(fixturesRoot, construct)).map((name) => path.join(fixturesRoot, construct, name, 'input.json')))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Root)

  it.each(['vk-', 'doc-'])('keeps everything our handlers make (class prefix %s)', (classPrefix) => {
    // Raw HTML first and last makes the whole tree one region to re-parse and sanitise.
    const rawSpan: RootContent = {type: 'html', value: '<span>raw</span>'}
    const tree = root(rawSpan, ...fixtureTrees.flatMap((tree) => tree.children), rawSpan)
    const sanitized = mdastToHtml(tree, {classPrefix})
    const trusted = mdastToHtml(tree, {classPrefix, sanitize: false})
    expect(sanitized).toBe(trusted)
  })
})

describe('isSafeUrl', () => {
  it.each(hostileUrls)('rejects %j', (url) => {
    expect(isSafeUrl(url)).toBe(false)
  })

  it.each(['', '#x', '../a/b#c', '/ru/x', '//cdn.example/x', 'https://x', 'mailto:a@b', 'a:b/../c'.replace('a:', './a:'), 'path?q=x:y'])(
    'accepts %j as a link',
    (url) => {
      expect(isSafeUrl(url)).toBe(true)
    },
  )

  it('accepts only http(s) and relative URLs as embedded resources', () => {
    expect(isSafeUrl('mailto:a@b', 'src')).toBe(false)
    expect(isSafeUrl('https://x/y.png', 'src')).toBe(true)
    expect(isSafeUrl('./y.png', 'src')).toBe(true)
  })
})

describe('classifyHtml', () => {
  it.each([
    ['<!-- x -->', 'comment'],
    ['<!-- a -->\n<!-- b -->', 'comment'],
    ['<!-- a --> <b>', 'markup'],
    ['<br>', 'break'],
    ['<br/>', 'break'],
    ['</br>', 'break'],
    ['<BR />', 'break'],
    ['<br onclick=x>', 'markup'],
    ['<span>', 'markup'],
  ] as const)('%j is %s', (value, kind) => {
    expect(classifyHtml(value)).toBe(kind)
  })
})
