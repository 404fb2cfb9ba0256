/**
 * Pages rendered inside an in-memory docs tree: includes, regions, levels,
 * conditions, variables, cross-references and the live tree.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, hastToHtml, mdastToHast, mdastToHtml, memoryFileSystem, recheck, validate} from '../src/index.js'

const meta = (forTargets: string[]) => JSON.stringify({title: 'T', build: {for: forTargets}})
const files: Record<string, string> = {
  'config/public.docs.config.mjs': "export default {build: {points: ['public', 'private']}}",
  'ru/ru.meta.json': JSON.stringify({title: 'ru', variables: {cloud: [{buildPoint: 'public', value: 'VK Cloud'}, {buildPoint: 'private', value: 'VK Private Cloud'}]}}),
  'ru/_includes/_steps.md': '1. Первый шаг\n\n   ```bash\n   echo 1\n   ```\n',
  'ru/_includes/_regions.md': '{includetag(a)}\nРегион A.\n{/includetag}\nОбщий текст.\n{includetag(b)}\nРегион B.\n{/includetag}\n',
  'ru/_includes/_heading.md': '## {heading(Раздел {counter(n)})[id=section]}\n',
  'ru/_includes/_loop.md': '{include(/ru/_includes/_loop.md)}\n',
  'ru/page/page.meta.json': meta(['public', 'private']),
  'ru/page/page.md': [
    '# {heading(Страница)[id=page-title]}',
    '',
    '1. Список:',
    '   {include(../_includes/_steps.md)}',
    '',
    '{include(/ru/_includes/_regions.md)[tags=b]}',
    '',
    '{include(/ru/_includes/_heading.md)[level=+1]}',
    '',
    'Облако {var(cloud)}. См. {linkto(../other#target-heading)[text=%text]} и {linkto(../other#missing)[text=нет]}.',
    '',
    '{include(/ru/_includes/_loop.md)}',
    '{include(../../../outside.md)}',
    '',
  ].join('\n'),
  'ru/other/other.meta.json': meta(['public']),
  'ru/other/other.md': '# {heading(Другая)[id=other]}\n\n## {heading(Целевой заголовок)[id=target-heading]}\n',
}

describe('a page inside its docs tree', () => {
  const tree = new DocsTree(memoryFileSystem(files))
  const html = (target: string) => hastToHtml(mdastToHast(tree.render('ru/page/page.md', {target}).mdast))

  it('indents an included fragment to the include line so it stays in the list item', () => {
    expect(html('public')).toMatch(/<li>Список:\s*<ol>\s*<li>\s*<p>Первый шаг<\/p>\s*<pre><code class="language-bash">echo 1/)
  })
  it('keeps the selected region and the untagged text, drops other regions', () => {
    const out = html('public')
    expect(out).toContain('Регион B.')
    expect(out).toContain('Общий текст.')
    expect(out).not.toContain('Регион A.')
  })
  it('shifts included headings by level', () => {
    expect(html('public')).toContain('<h3 id="section">Раздел 1</h3>')
  })
  it('takes the variable value of the build target', () => {
    expect(html('public')).toContain('Облако VK Cloud.')
    expect(html('private')).toContain('Облако VK Private Cloud.')
  })
  it('resolves %text from the target page and makes hrefs site-absolute', () => {
    expect(html('public')).toContain('<a href="/ru/other#target-heading" class="vk-linkto">Целевой заголовок</a>')
  })
  it('reports a missing anchor, an include cycle and an include leaving the root, at their lines', () => {
    const messages = validate(tree, {target: 'public'})
    const found = messages.map((message) => `${message.file}:${message.line} ${message.ruleId}`)
    expect(found).toContain('ru/page/page.md:10 linkto-missing-anchor')
    expect(found).toContain('ru/_includes/_loop.md:1 include-cycle')
    expect(found, found.join('; ')).toContain('ru/page/page.md:13 include-outside-root')
  })
  it('re-checks only what depends on an edited fragment', () => {
    const affected = tree.update('ru/_includes/_regions.md', '{includetag(b)}\nНовый регион B.\n{/includetag}\n')
    expect(affected.sort()).toEqual(['ru/_includes/_regions.md', 'ru/page/page.md'])
    expect(html('public')).toContain('Новый регион B.')
  })
})

describe('conditions and captions per target', () => {
  const tree = new DocsTree(
    memoryFileSystem({
      'config/c.mjs': "export default {build: {points: ['public', 'private-pdf']}}",
      'ru/ru.meta.json': '{"variables": {}}',
      'ru/p/p.meta.json': meta(['public', 'private-pdf']),
      'ru/p/p.md': '{ifdef(public)}\n{caption(Рисунок A)[align=center;position=under]}\n{/ifdef}\n{ifdef(private-pdf)}\n{caption(Рисунок B)[align=center;position=under]}\n{/ifdef}\n![x](./assets/x.png)\n{/caption}\n',
    }),
  )
  it('accepts alternative caption openers in two ifdef branches sharing one closer', () => {
    expect(validate(tree, {}).filter((message) => message.ruleId !== 'asset-missing')).toEqual([])
    expect(hastToHtml(mdastToHast(tree.render('ru/p/p.md', {target: 'private-pdf'}).mdast))).toContain('<figcaption>Рисунок B</figcaption>')
  })
  it('reports a condition straddling a cut opener only for the target that loses the opener', () => {
    const tree2 = new DocsTree(memoryFileSystem({...Object.fromEntries(Object.entries({'config/c.mjs': "export default {build: {points: ['public', 'private']}}", 'ru/ru.meta.json': '{}', 'ru/p/p.meta.json': meta(['public', 'private']), 'ru/p/p.md': '{ifdef(public)}\n{cut(Только public)}\n{/ifdef}\nТекст.\n{/cut}\n'}))}))
    const messages = validate(tree2, {})
    expect(messages.map((message) => `${message.line} ${message.ruleId} ${message.targets?.join(',')}`)).toEqual(['5 stray-close private'])
  })
})

describe('numbering, assets and plain links across a tree', () => {
  const config = "export default {build: {points: ['public']}}"
  const tree = new DocsTree(
    memoryFileSystem({
      'config/c.mjs': config,
      'ru/ru.meta.json': '{}',
      'ru/_includes/_step.md': '## {heading(Шаг {counter(step)})[id=step-included]}\n\n![Схема](./assets/scheme.png)\n',
      'ru/_includes/_icon.md': 'Нажмите ![плюс](../../assets/plus.svg "inline").\n',
      'ru/assets/plus.svg': '<svg/>',
      'ru/guide/guide.meta.json': meta(['public']),
      'ru/guide/guide.md': [
        '# {heading(Руководство)[id=guide]}',
        '',
        '## {heading(Шаг {counter(step)})[id=first]}',
        '',
        '{include(/ru/_includes/_step.md)}',
        '',
        '## {heading(Шаг {counter(step)})[id=last]}',
        '',
        '![Схема](./assets/scheme.png){params[width=50%]}',
        '![Нет файла](./assets/missing.png)',
        '',
        '![{swagger}](assets/api.json)',
        '',
        '[Другая страница](../figures#pic-b) и [нет такой](../nowhere), [скачать](./assets/tool "download"), [контакты](/ru/contacts), [внешняя](https://example.com/x.png).',
        '',
        '{caption(Рисунок {counter(pic)[id=n_a]} — Первый)[align=center;position=under;id=pic-a;number={const(n_a)}]}',
        '![a](./assets/scheme.png)',
        '{/caption}',
        '',
        'См. {linkto(../figures#pic-b)[text=рисунок %number]}.',
        '',
      ].join('\n'),
      'ru/guide/assets/scheme.png': 'png',
      'ru/guide/assets/api.json': '{}',
      'ru/guide/nested/nested.meta.json': meta(['public']),
      'ru/guide/nested/nested.md': '{include(/ru/_includes/_icon.md)}\n',
      'ru/figures/figures.meta.json': meta(['public']),
      'ru/figures/figures.md': [
        '{caption(Рисунок {counter(pic)[id=n_1]} — Один)[align=center;position=under;id=pic-1;number={const(n_1)}]}',
        'a',
        '{/caption}',
        '',
        '{caption(Рисунок {counter(pic)[id=n_2]} — Два)[align=center;position=under;id=pic-b;number={const(n_2)}]}',
        'b',
        '{/caption}',
        '',
      ].join('\n'),
      'config/site.docs.config.mjs': 'export const config = {\n  contacts: {\n    url: "https://support.example",\n  },\n}\n',
    }),
  )
  const rendered = tree.render('ru/guide/guide.md', {target: 'public'})
  const html = hastToHtml(mdastToHast(rendered.mdast))

  it('continues a counter through an included fragment', () => {
    expect(html).toContain('<h2 id="first">Шаг 1</h2>')
    expect(html).toContain('<h2 id="step-included">Шаг 2</h2>')
    expect(html).toContain('<h2 id="last">Шаг 3</h2>')
  })
  it('fills %number from a caption of another page', () => {
    expect(html).toContain('<a href="/ru/figures#pic-b" class="vk-linkto">рисунок 2</a>')
  })
  it('rewrites images, swagger specs and downloads to site-absolute paths against the page folder, also from a fragment', () => {
    expect(html.match(/src="\/ru\/guide\/assets\/scheme\.png"/g)).toHaveLength(3)
    expect(html).toContain('"/ru/guide/assets/api.json"')
    expect(html).toContain('href="/ru/guide/assets/tool"')
    expect(rendered.assets.map((asset) => `${asset.file} ${asset.exists}`)).toEqual([
      'ru/guide/assets/scheme.png true',
      'ru/guide/assets/missing.png false',
      'ru/guide/assets/api.json true',
      'ru/guide/assets/tool false',
    ])
    // The fragment says ../../assets: from the page folder ru/guide/nested that is ru/assets.
    const nested = tree.render('ru/guide/nested/nested.md', {target: 'public'})
    expect(hastToHtml(mdastToHast(nested.mdast))).toContain('src="/ru/assets/plus.svg"')
    expect(nested.messages).toEqual([])
  })
  it('rewrites plain links to pages, keeps the anchor, leaves external URLs alone', () => {
    expect(html).toContain('<a href="/ru/figures#pic-b">Другая страница</a>')
    expect(html).toContain('<a href="https://example.com/x.png">внешняя</a>')
    expect(html).toContain('<a href="/ru/contacts">контакты</a>')
  })
  it('reports a missing page and a missing image of a kind the tree holds, not a download of a kind it lacks', () => {
    const found = rendered.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)
    expect(found).toEqual(['ru/guide/guide.md:10:1 asset-missing', 'ru/guide/guide.md:14:39 link-missing-page'])
    const strict = new DocsTree(tree.fs, {checkAssets: 'always'}).render('ru/guide/guide.md', {target: 'public'})
    expect(strict.messages.filter((message) => message.ruleId === 'asset-missing').map((message) => message.line)).toEqual([10, 14])
  })
  it('does not know a contacts page when the site configuration has none', () => {
    const bare = new DocsTree(tree.fs, {siteRoutes: []}).render('ru/guide/guide.md', {target: 'public'})
    expect(bare.messages.filter((message) => message.ruleId === 'link-missing-page').map((message) => message.reason)).toEqual([
      expect.stringContaining('`ru/nowhere` does not exist'),
      expect.stringContaining('`ru/contacts` does not exist'),
    ])
  })
  it('reports a broken link in a fragment at the fragment line, naming the including page', () => {
    const broken = new DocsTree(
      memoryFileSystem({
        'config/c.mjs': config,
        'ru/ru.meta.json': '{}',
        'ru/_includes/_link.md': 'Текст.\n[Ссылка](../missing-page)\n',
        'ru/a/a.meta.json': meta(['public']),
        'ru/a/a.md': 'Начало.\n\n{include(/ru/_includes/_link.md)}\n',
      }),
    )
    const [message, ...rest] = broken.render('ru/a/a.md', {target: 'public'}).messages
    expect(rest).toEqual([])
    expect(`${message?.file}:${message?.line} ${message?.ruleId}`).toBe('ru/_includes/_link.md:2 link-missing-page')
    expect(message?.reason).toContain('including page `ru/a`')
  })
})

describe('tree.update follows includes all the way and links one step', () => {
  const tree = new DocsTree(
    memoryFileSystem({
      'config/c.mjs': "export default {build: {points: ['public']}}",
      'ru/ru.meta.json': '{}',
      'ru/_includes/_inner.md': '## {heading(Внутренний)[id=inner]}\n',
      'ru/_includes/_outer.md': '{include(/ru/_includes/_inner.md)}\n',
      'ru/c/c.meta.json': meta(['public']),
      'ru/c/c.md': '# {heading(Страница C)[id=c]}\n\n{include(/ru/_includes/_outer.md)}\n',
      'ru/b/b.meta.json': meta(['public']),
      'ru/b/b.md': '# {heading(Страница B)[id=b]}\n\nСм. {linkto(../c#inner)[text=%text]}.\n',
      'ru/a/a.meta.json': meta(['public']),
      'ru/a/a.md': 'См. {linkto(../b#b)[text=%text]}.\n',
    }),
  )
  for (const page of tree.pages()) tree.render(page.file, {target: 'public'})

  it('re-checks the pages including a nested fragment and the pages linking to them, not the pages linking to those', () => {
    expect(tree.update('ru/_includes/_inner.md', '## {heading(Новый заголовок)[id=inner]}\n').sort()).toEqual(['ru/_includes/_inner.md', 'ru/_includes/_outer.md', 'ru/b/b.md', 'ru/c/c.md'])
    expect(hastToHtml(mdastToHast(tree.render('ru/b/b.md').mdast))).toContain('>Новый заголовок</a>')
  })
})

describe('rechecking after an edit', () => {
  it('answers with the diagnostics the edit added and removed, for the pages that depend on it', () => {
    const tree = new DocsTree(
      memoryFileSystem({
        'config/c.mjs': "export default {build: {points: ['public']}}",
        'ru/ru.meta.json': '{}',
        'ru/_includes/_part.md': 'Текст {linkto(/ru/b#ok)[text=ссылка]}.\n',
        'ru/a/a.meta.json': meta(['public']),
        'ru/a/a.md': '{include(/ru/_includes/_part.md)}\n',
        'ru/b/b.meta.json': meta(['public']),
        'ru/b/b.md': '# {heading(Б)[id=ok]}\n',
      }),
    )
    const broken = recheck(tree, 'ru/_includes/_part.md', 'Текст {linkto(/ru/b#gone)[text=ссылка]}.\n')
    expect(broken.files.sort()).toEqual(['ru/_includes/_part.md', 'ru/a/a.md'])
    expect(broken.added.map((message) => `${message.file}:${message.line} ${message.ruleId}`)).toEqual(['ru/_includes/_part.md:1 linkto-missing-anchor'])
    expect(broken.removed).toEqual([])
    const repaired = recheck(tree, 'ru/_includes/_part.md', 'Текст {linkto(/ru/b#ok)[text=ссылка]}.\n')
    expect(repaired.added).toEqual([])
    expect(repaired.removed.map((message) => message.ruleId)).toEqual(['linkto-missing-anchor'])
    expect(repaired.diagnostics).toEqual([])
  })
})

/** A page of `tree` rendered for `public`, as HTML. */
const publicHtml = (tree: DocsTree, file: string) => mdastToHtml(tree.render(file, {target: 'public'}).mdast)

describe('a page whose anchors a link needed before its render', () => {
  const pages = {
    'config/c.mjs': "export default {build: {points: ['public']}}",
    'ru/ru.meta.json': '{}',
    'ru/_includes/_part.md': '## {heading(Часть)[id=part]}\n',
    'ru/a/a.meta.json': meta(['public']),
    'ru/a/a.md': 'См. {linkto(../b#part)[text=%text]}.\n',
    'ru/b/b.meta.json': meta(['public']),
    'ru/b/b.md': '# Б\n\n{include(/ru/_includes/_part.md)}\n',
  }

  it('renders as in a tree that renders it first (its render takes the expansion the anchors were read from)', () => {
    const linkedFirst = new DocsTree(memoryFileSystem(pages))
    expect(publicHtml(linkedFirst, 'ru/a/a.md')).toContain('>Часть</a>')
    expect(publicHtml(linkedFirst, 'ru/b/b.md')).toBe(publicHtml(new DocsTree(memoryFileSystem(pages)), 'ru/b/b.md'))
  })

  it('renders the new text after its fragment was edited in between', () => {
    const tree = new DocsTree(memoryFileSystem(pages))
    publicHtml(tree, 'ru/a/a.md')
    tree.update('ru/_includes/_part.md', '## {heading(Новая часть)[id=part]}\n')
    expect(publicHtml(tree, 'ru/b/b.md')).toContain('Новая часть')
    expect(publicHtml(tree, 'ru/b/b.md')).not.toContain('>Часть<')
  })
})

describe('a tree with more pages than it keeps parsed', () => {
  // More pages than a DocsTree keeps parsed (32 besides the fragments): the first ones are parsed again when asked for.
  const count = 600
  const files: Record<string, string> = {'config/c.mjs': "export default {build: {points: ['public']}}", 'ru/ru.meta.json': '{}', 'ru/_includes/_note.md': '{note:info}\nОбщее.\n{/note}\n'}
  for (let index = 0; index < count; index++) {
    files[`ru/p${index}/p${index}.meta.json`] = meta(['public'])
    files[`ru/p${index}/p${index}.md`] = `# {heading(Страница ${index})[id=p${index}]}\n\n{include(/ru/_includes/_note.md)}\n\nСм. {linkto(../p${(index + 1) % count}#p${(index + 1) % count})[text=%text]}.\n`
  }

  it('renders a page parsed long ago as a fresh tree does, and sees an edit of it', () => {
    const tree = new DocsTree(memoryFileSystem(files))
    const first = publicHtml(tree, 'ru/p0/p0.md')
    for (let index = 1; index < count; index++) publicHtml(tree, `ru/p${index}/p${index}.md`)
    expect(tree.tree('ru/p0/p0.md')).toEqual(new DocsTree(memoryFileSystem(files)).tree('ru/p0/p0.md'))
    expect(publicHtml(tree, 'ru/p0/p0.md')).toBe(first)
    expect(first).toContain('Страница 1</a>')
    expect(tree.update('ru/p1/p1.md', '# {heading(Другая)[id=p1]}\n')).toContain('ru/p0/p0.md')
    expect(publicHtml(tree, 'ru/p0/p0.md')).toContain('Другая</a>')
  })
})

describe('a page linted twice in one tree', () => {
  it('reports the same messages both times (the tree parse its lint reuses is not changed by the first)', () => {
    const files = {
      'config/c.mjs': "export default {build: {points: ['public', 'private']}}",
      'ru/ru.meta.json': '{}',
      'ru/p/p.meta.json': meta(['public', 'private']),
      'ru/p/p.md': '# {heading(Страница)[id=top]}\n\n{cut(Вопрос)}\nОтвет\n\n{linkto(#nowhere)[text=x]}\n\n{linkto(#top)[наверх]}\n\n{note:infox}\nx\n{/note}\n',
    }
    const tree = new DocsTree(memoryFileSystem(files))
    const first = validate(tree).map((message) => ({...message}))
    // A parse message (the note type), a render message (the anchor) and one for two targets (the unclosed cut).
    expect(first.map((message) => message.ruleId)).toEqual(expect.arrayContaining(['note-unknown-type', 'linkto-missing-anchor', 'unclosed-block']))
    // The keyless linkto text: the parser's message, with the fix the linter attaches to it (once, not again on the next run).
    expect(first.filter((message) => message.ruleId === 'malformed-directive' && message.fix)).toHaveLength(1)
    expect(validate(tree).map((message) => ({...message}))).toEqual(first)
  })
})
