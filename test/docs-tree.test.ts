/**
 * Pages rendered inside an in-memory docs tree: includes, regions, levels,
 * conditions, variables, cross-references and the live tree.
 */
import {describe, expect, it} from 'vitest'
import {DocsTree, hastToHtml, mdastToHast, memoryFileSystem, validate} from '../src/index.js'

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
