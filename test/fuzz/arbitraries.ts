/**
 * Input generators for the fuzz properties: arbitrary strings, strings made
 * of dialect and Markdown tokens, corpus pages with random edits, and small
 * docs trees whose pages include fragments and link to each other.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'

/** Pieces that make the dialect and CommonMark/GFM do something. */
export const tokens = [
  '{cut(', '{cut(Вопрос?)}', '{/cut}', '{note:info}', '{note:warn}', '{/note}', '{tabs}', '{/tabs}', '{tab(', '{tab(Linux)}', '{/tab}',
  '{linkto(', '{linkto(#a)[text=b]}', '{linkto(../x#y)[text=%text]}', '[text=', ')}', ']}', '{include(', '{include(/ru/_includes/_a.md)}',
  '{includetag(a)}', '{/includetag}', '{ifdef(public)}', '{ifndef(private)}', '{/ifdef}', '{/ifndef}', '{var(cloud)}', '{var(',
  '{heading(', '{heading(A)[id=a]}', '{caption(', '{caption(Таблица {counter(t)})[align=center;position=above]}', '{/caption}',
  '{counter(t)}', '{const(x)}', '{params}', '{/params}', '{video(', '{formula}', '{/formula}', '![{swagger}](', '{', '}', '(', ')', '[', ']',
  '|===', '[cols="1,1", options="header"]', '|a |b', '\n', '\n\n', '  ', '\t', '- ', '1. ', '> ', '# ', '## ', '```', '~~~', '`', '*', '_',
  '**', '~~', '<', '>', '<div>', '</div>', '<!--', '-->', '<br>', '<script>', '&amp;', '\\', '|', '---', '===', 'https://x.ru', 'www.', '@',
  '[^1]', '[^1]: note', '[x] ', '[a]: /ru/x', '![i](assets/a.png)', '[l](../x)', 'текст', 'a', ' ', '\r\n', '\u0000', '\uE000', '\uFFFD',
] as const

/** Any string, including lone surrogates and control characters. */
export const anyText = fc.string({unit: 'binary', maxLength: 400})

/** Strings made of dialect and Markdown tokens with bits of plain text between them. */
export const tokenText = fc
  .array(fc.oneof({weight: 4, arbitrary: fc.constantFrom(...tokens)}, {weight: 1, arbitrary: fc.string({maxLength: 8})}), {maxLength: 80})
  .map((parts) => parts.join(''))

/** Up to `count` corpus pages (smallest first, for speed), or none when the corpus is absent. */
export function corpusSamples(count: number, root = new URL('../../../shared/corpus/ru', import.meta.url).pathname): string[] {
  if (!existsSync(root)) return []
  const files: Array<{path: string; size: number}> = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      const stats = statSync(path)
      if (stats.isDirectory()) walk(path)
      else if (name.endsWith('.md') && stats.size < 6000) files.push({path, size: stats.size})
    }
  }
  walk(root)
  // An even spread over the tree, not only its first folders.
  const step = Math.max(1, Math.floor(files.length / count))
  return files.filter((_, index) => index % step === 0).slice(0, count).map((file) => readFileSync(file.path, 'utf8'))
}

/** A page with random edits: cuts, duplications and token insertions at random places. */
export function mutated(pages: readonly string[]): fc.Arbitrary<string> {
  if (pages.length === 0) return tokenText
  const edit = fc.record({
    at: fc.nat(),
    length: fc.nat({max: 200}),
    kind: fc.constantFrom('delete', 'duplicate', 'insert'),
    token: fc.constantFrom(...tokens),
  })
  return fc.tuple(fc.constantFrom(...pages), fc.array(edit, {minLength: 1, maxLength: 6})).map(([page, edits]) => {
    let text = page
    for (const {at, length, kind, token} of edits) {
      const start = text.length === 0 ? 0 : at % text.length
      if (kind === 'delete') text = text.slice(0, start) + text.slice(start + length)
      else if (kind === 'duplicate') text = text.slice(0, start) + text.slice(start, start + length) + text.slice(start)
      else text = text.slice(0, start) + token + text.slice(start)
    }
    return text
  })
}

/** A small docs tree: pages and fragments that include each other (cycles too) and link to each other. */
export const docsTree = fc
  .record({
    pages: fc.array(fc.constantFrom('a', 'b', 'c', 'faq'), {minLength: 1, maxLength: 4}),
    fragments: fc.array(fc.constantFrom('_x', '_y', '_z'), {maxLength: 3}),
    bodies: fc.array(tokenText, {minLength: 8, maxLength: 8}),
    links: fc.array(fc.constantFrom('{include(/ru/_includes/_x.md)}', '{include(../_includes/_y.md)[tags=a; level=+1]}', '{include(_z.md)}', '{include(/ru/_includes/_x.md)}\n{include(/ru/_includes/_x.md)}', '{linkto(../a#a)[text=%text]}', '{linkto(/ru/b)[text=b]}', '[p](../c)', '![i](./assets/i.png)', '{var(cloud)}'), {maxLength: 12}),
    targets: fc.constantFrom('["public"]', '["public", "private"]', '["dontbuild"]', '"public"', 'not json'),
  })
  .map(({pages, fragments, bodies, links, targets}) => {
    const files: Record<string, string> = {
      'config/site.mjs': "export default {points: ['public', 'private']}",
      'ru/ru.meta.json': JSON.stringify({title: 'ru', variables: {cloud: [{buildPoint: 'public', value: 'VK Cloud'}]}}),
    }
    let body = 0
    const next = (): string => bodies[body++ % bodies.length]! + '\n' + links.slice(0, (body * 3) % (links.length + 1)).join('\n') + '\n'
    for (const name of new Set(pages)) {
      files[`ru/${name}/${name}.md`] = next()
      files[`ru/${name}/${name}.meta.json`] = `{"title": "${name}", "build": {"for": ${targets}}}`
    }
    for (const name of new Set(fragments)) files[`ru/_includes/${name}.md`] = next()
    return files
  })
