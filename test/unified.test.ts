/**
 * vkdoc in unified pipelines, with the real `unified`, `remark-rehype`,
 * `rehype-stringify` and `vfile-reporter`: the pipeline renders pages to
 * exactly the HTML `toHtml` (or a docs tree) gives, and the linter's messages
 * reach `file.messages` in the shape vfile's tools read.
 */
import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {describe, expect, it} from 'vitest'
import {compile, hastToHtml, mdastToHast, memoryFileSystem, registerConstruct, ruleDocsBase, toHtml, toMdast, validate} from '../src/index.js'
import {loadDocs} from '../src/node.js'
import {createVkdocHandlers, rehypeVkdocSanitize, remarkVkdoc, vkdocHandlers, vkdocLint, type RemarkVkdocOptions} from '../src/unified/index.js'

const seedFile = fileURLToPath(new URL('../../shared/seed/partners-faq.md', import.meta.url))
const corpus = fileURLToPath(new URL('../../shared/corpus', import.meta.url))
const hasSeed = existsSync(seedFile)
const hasCorpus = existsSync(`${corpus}/ru`)

/** The pipeline of the README: parse, to hast with vkdoc's handlers, sanitise raw HTML, serialise. */
function pipeline(options?: RemarkVkdocOptions) {
  return unified().use(remarkVkdoc, options).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeVkdocSanitize).use(rehypeStringify)
}

const tour = `# Tour

{note:warn}
A note with a {linkto(#part)[text=link]}.
{/note}

{cut(A question?)}
An answer with \`code\` and **strong** text.[^1]
{/cut}

{tabs}
{tab(One)}
First panel.
{/tab}
{tab(Two)}
Second panel with [a reference][ref].
{/tab}
{/tabs}

## {heading(Part)[id=part]}

{ifdef(private)}
Private only.
{/ifdef}

<table><tr><td>raw <b>cell</b><script>alert(1)</script></td></tr></table>

{video(https://vkvideo.ru/video_ext.php?oid=1&id=2)}

[ref]: https://example.com
[^1]: A footnote.
`

describe('remarkVkdoc + remark-rehype + vkdocHandlers + rehypeVkdocSanitize + rehype-stringify', () => {
  it('renders a page with every kind of block, raw HTML and an embed exactly as toHtml does', async () => {
    const file = await pipeline().process(tour)
    expect(String(file)).toBe(toHtml(tour))
    expect(String(file)).toContain('<iframe')
    expect(String(file)).not.toContain('<script')
  })

  it('follows the build target, like toHtml', async () => {
    const file = await pipeline({target: 'private'}).process(tour)
    expect(String(file)).toBe(toHtml(tour, {target: 'private'}))
    expect(String(file)).toContain('Private only.')
  })

  it('without the sanitising step writes raw HTML as escaped text (safe by default)', async () => {
    const file = await unified().use(remarkVkdoc).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process(tour)
    expect(String(file)).toContain('&#x3C;table>')
    expect(String(file)).not.toContain('<script')
  })

  it('with sanitize turned off in both places gives toHtml(…, {sanitize: false})', async () => {
    const file = await unified()
      .use(remarkVkdoc)
      .use(remarkRehype, {handlers: vkdocHandlers, allowDangerousHtml: true})
      .use(rehypeStringify, {allowDangerousHtml: true})
      .process(tour)
    expect(String(file)).toBe(toHtml(tour, {sanitize: false}))
  })

  it('words vkdoc adds come in the page’s language, as toHtml gives them', async () => {
    const source = '{note:warn}\nCareful.\n{/note}\n'
    for (const path of ['en/start/start.md', 'kz/start/start.md', 'ru/start/start.md']) {
      const file = await pipeline().process(new VFile({path, value: source}))
      expect(String(file), path).toBe(toHtml(source, {path}))
    }
    expect(String(await pipeline().process(new VFile({path: 'en/a/a.md', value: source})))).toContain('aria-label="Warning"')
  })

  it('parses to the mdast compile gives, and puts its messages on the file', () => {
    const source = '{cut(Open)}\nNever closed.\n'
    const file = new VFile({path: 'ru/a/a.md', value: source})
    const tree = unified().use(remarkVkdoc).parse(file)
    expect(tree).toEqual(toMdast(source, {file: 'ru/a/a.md'}))
    expect(file.messages.map((message) => [message.ruleId, message.source, message.file, message.line, message.column])).toEqual([['unclosed-block', 'vkdoc', 'ru/a/a.md', 1, 1]])
    expect(file.data.vkdoc?.target).toBe('public')
  })

  it('renders a page inside a docs tree given as a FileSystem, as the tree does', async () => {
    const files = {
      'ru/ru.meta.json': '{}',
      'ru/start/start.md': '# Start\n\n{linkto(../other/#part)[text=%text]}\n\n{include(/ru/_includes/_note.md)}\n',
      'ru/start/start.meta.json': '{"title": "Start"}',
      'ru/other/other.md': '# Other\n\n## {heading(Part)[id=part]}\n',
      'ru/other/other.meta.json': '{"title": "Other"}',
      'ru/_includes/_note.md': '{note:info}\nIncluded.\n{/note}\n',
    }
    const fileSystem = memoryFileSystem(files)
    const file = await pipeline({docs: fileSystem}).process(new VFile({path: 'ru/start/start.md', value: files['ru/start/start.md']}))
    const expected = hastToHtml(mdastToHast(loadDocs(fileSystem).render('ru/start/start.md').mdast))
    expect(String(file)).toBe(expected)
    expect(String(file)).toContain('href="/ru/other#part"')
    expect(file.messages).toEqual([])
  })

  it('renders a directive registered after the handlers were made, as toHtml does', async () => {
    const unregister = registerConstruct({
      name: 'x-kbd',
      level: 'inline',
      summary: 'A key.',
      syntax: {args: 'required', argsKind: 'text', attributes: {}},
      lowering: {leaf: (_kit, node, position) => ({type: 'xKbd', value: node.args?.raw.trim() ?? '', position}) as never},
      hast: {xKbd: (_state, node: {value: string}) => ({type: 'element', tagName: 'kbd', properties: {}, children: [{type: 'text', value: node.value}]})},
    })
    try {
      const source = 'Press {x-kbd(Ctrl)} and {cut(A)}\nB\n{/cut}\n'
      const file = await pipeline().process(source)
      expect(String(file)).toBe(toHtml(source))
      expect(String(file)).toContain('<kbd>Ctrl</kbd>')
    } finally {
      unregister()
    }
  })

  it('takes other options through createVkdocHandlers, with the same prefix for the sanitiser', async () => {
    const file = await unified()
      .use(remarkVkdoc)
      .use(remarkRehype, {handlers: createVkdocHandlers({classPrefix: 'doc-'})})
      .use(rehypeVkdocSanitize, {classPrefix: 'doc-'})
      .use(rehypeStringify)
      .process(tour)
    expect(String(file)).toBe(toHtml(tour, {classPrefix: 'doc-'}))
    expect(() => createVkdocHandlers({classPrefix: '1x'})).toThrow(TypeError)
  })

  it('refuses a docs option that is neither a tree nor a file system', () => {
    expect(() => unified().use(remarkVkdoc, {docs: 'ru' as never}).freeze()).toThrow(TypeError)
  })

  it.skipIf(!hasSeed)('renders the seed exactly as toHtml does (skipped without ../shared/seed)', async () => {
    const seed = readFileSync(seedFile, 'utf8')
    const file = await pipeline().process(seed)
    expect(String(file)).toBe(toHtml(seed))
    expect(String(file).match(/<details class="vk-cut" id="[^"]+">/g)).toHaveLength(15)
  })

  it.skipIf(!hasCorpus)('renders corpus pages in their tree exactly as the tree does: raw-HTML, FAQ, video, tab and sampled pages (skipped without ../shared/corpus)', async () => {
    const tree = loadDocs(corpus, {lang: 'ru'})
    const pages = tree.pages().filter((page) => !page.dontbuild)
    // Every page with raw HTML, the FAQ pages, the first pages with video and tabs, every 100th page.
    const having = (pattern: RegExp, count: number) => pages.filter((page) => pattern.test(tree.read(page.file) ?? '')).slice(0, count)
    const chosen = [
      ...new Set([
        ...having(/<(ul|table|code)\b/, Infinity),
        ...pages.filter((page) => page.file.includes('/faq/')),
        ...having(/\{video/, 5),
        ...having(/\{tabs\}/, 5),
        ...pages.filter((_, index) => index % 100 === 0),
      ]),
    ]
    expect(chosen.length).toBeGreaterThan(40)
    const processor = pipeline({docs: tree})
    for (const page of chosen) {
      const text = tree.read(page.file)!
      const file = await processor.process(new VFile({path: page.file, value: text}))
      // Given as text, as a parser is: the page's parse messages come too (a cached tree's parse has none).
      const rendered = tree.render(page.file, {text})
      expect(String(file), page.file).toBe(hastToHtml(mdastToHast(rendered.mdast)))
      expect(file.messages.map(String), page.file).toEqual(rendered.messages.map(String))
    }
  })
})

describe('vkdocLint', () => {
  const source = '# Вопросы\n\n{cut(Как стать партнером)}\nОтвет.\n{/cut}\n\n{cut(Без ответа?)}\n{/cut}\n\n{linkto(/ru/x)}\n'

  it('puts validate()’s messages on the file with code, source, url and exact place', async () => {
    const file = await unified().use(remarkVkdoc).use(vkdocLint, {profile: 'faq'}).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process(new VFile({path: 'faq.md', value: source}))
    const expected = validate(source, {path: 'faq.md', profile: 'faq'})
    expect(expected.map((message) => message.ruleId)).toEqual(['faq-question-mark', 'faq-empty-answer', 'faq-text-outside-question', 'linkto-missing-text'])
    const byPlace = (message: {line?: number; column?: number; ruleId?: string}) => `${message.line}:${message.column}:${message.ruleId}`
    expect(file.messages.map(byPlace).sort()).toEqual(expected.map(byPlace).sort())
    for (const message of file.messages) {
      expect(message.source).toBe('vkdoc')
      expect(message.file).toBe('faq.md')
      expect(message.url).toBe(`${ruleDocsBase}${message.ruleId}.md`)
    }
    const questionMark = file.messages.find((message) => message.ruleId === 'faq-question-mark')!
    const place = questionMark.place as {start: {offset: number}; end: {offset: number}}
    expect(source.slice(place.start.offset, place.end.offset)).toBe('{cut(Как стать партнером)}')
    expect(questionMark.fatal).toBe(false)
    expect(file.messages.find((message) => message.ruleId === 'faq-empty-answer')!.fatal).toBe(true)
  })

  it('lists a problem the parser already reported once', async () => {
    const file = await unified().use(remarkVkdoc).use(vkdocLint).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process('{cut(Open)}\nNever closed.\n')
    expect(file.messages.map((message) => message.ruleId)).toEqual(['unclosed-block'])
  })

  it('takes a base URL for rule documentation hosted elsewhere', async () => {
    const file = await unified().use(remarkVkdoc).use(vkdocLint, {ruleDocs: 'https://docs.example.com/rules/'}).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process('{linkto(/ru/x)}\n')
    expect(file.messages.map((message) => message.url)).toEqual(['https://docs.example.com/rules/linkto-missing-text.md'])
  })

  it('is reported by vfile-reporter with the codes, as remark-lint rules are', async () => {
    const file = await unified().use(remarkVkdoc).use(vkdocLint, {profile: 'faq'}).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process(new VFile({path: 'faq.md', value: source}))
    const report = reporter(file, {color: false})
    expect(report).toContain('faq.md')
    expect(report).toMatch(/3:1-3:27\s+warning\s+.*\s+faq-question-mark\s+vkdoc/)
    expect(report).toMatch(/error\s+.*\s+faq-empty-answer\s+vkdoc/)
    expect(report).toContain('4 messages (✖ 2 errors, ⚠ 2 warnings)')
    expect(report).not.toContain('no issues found')
  })

  it('rejects an unknown rule when a file is linted', async () => {
    await expect(unified().use(remarkVkdoc).use(vkdocLint, {rules: {'no-such-rule': 'off'} as never}).use(remarkRehype, {handlers: vkdocHandlers}).use(rehypeStringify).process('x')).rejects.toThrow(/unknown rule/)
  })
})

describe('validate(vfile)', () => {
  it('adds its messages to file.messages (and returns them)', () => {
    const file = new VFile({path: 'ru/a/a.md', value: '{linkto(/ru/x)}\n'})
    const messages = validate(file)
    expect(messages).toHaveLength(1)
    expect(file.messages).toEqual(messages)
    expect(file.messages[0]).toMatchObject({ruleId: 'linkto-missing-text', source: 'vkdoc', file: 'ru/a/a.md', fatal: true})
    expect(reporter(file, {color: false})).toMatch(/1:1-1:16\s+error\s+.*linkto-missing-text\s+vkdoc/)
  })

  it('does not list a message twice when run twice on the same file', () => {
    const file = new VFile({value: '{linkto(/ru/x)}\n'})
    validate(file)
    validate(file)
    expect(file.messages).toHaveLength(1)
  })

  it('keeps a clean file clean', () => {
    const file = new VFile({path: 'ok.md', value: '# Title\n\nText.\n'})
    expect(validate(file)).toEqual([])
    expect(reporter(file, {color: false})).toContain('no issues found')
  })

  it('leaves a string’s messages where they were (nothing to attach to)', () => {
    expect(validate('{linkto(/ru/x)}\n').map((message) => message.file)).toEqual(['input.md'])
    expect(compile('{linkto(/ru/x)}\n').messages.map((message) => message.ruleId)).toEqual(['linkto-missing-text'])
  })
})
