/**
 * `parse()`: the dialect AST of `src/ast.ts` (typed fields per name,
 * contexts, exact positions), recovery from every malformed shape the
 * corpus has, losslessness, and the fixtures in `fixtures/parse/`.
 *
 * `npx vitest run -u` rewrites `ast.json` and `messages.txt` from the
 * current output; review the diff before committing.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import path from 'node:path'
import {generateCstDts} from 'chevrotain'
import {describe, expect, it} from 'vitest'
import type {DirectiveNode, InlineContent, Root} from '../src/ast.js'
import type {VkdocMessage} from '../src/diagnostics/report.js'
import {parse} from '../src/parser/index.js'
import {dialectParser, DialectParser} from '../src/parser/parser.js'

const fixturesRoot = fileURLToPath(new URL('../fixtures/parse', import.meta.url))

/** The directive type whose `name` admits `N` (`ifdef` and `ifndef` share one). */
type Directive<N extends DirectiveNode['name'], D = DirectiveNode> = D extends DirectiveNode ? (N extends D['name'] ? D : never) : never

function directives(tree: Root): DirectiveNode[] {
  return tree.children.filter((node): node is DirectiveNode => node.type === 'directive')
}

function only<N extends DirectiveNode['name']>(tree: Root, name: N): Directive<N> {
  const found = directives(tree).filter((node) => node.name === name)
  expect(found).toHaveLength(1)
  return found[0] as Directive<N>
}

/** Plain text of inline content (nested directives as their source). */
function plain(nodes: InlineContent[], source: string): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : source.slice(node.position.start.offset, node.position.end.offset))).join('')
}

/** `line:col-line:col code: reason`, the fixture format. */
function formatMessage(message: VkdocMessage): string {
  const place = message.place
  const range =
    place && 'start' in place
      ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`
      : `${message.line}:${message.column}`
  return `${range} ${message.ruleId}: ${message.reason}`
}

function messageLines(source: string): string[] {
  return parse(source).messages.map(formatMessage)
}

/** The tree without positions, for fixtures. */
function withoutPositions(tree: Root): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'position' ? undefined : value)))
}

function slices(tree: Root, source: string): string {
  return tree.children.map((node) => source.slice(node.position.start.offset, node.position.end.offset)).join('')
}

describe('parse: constructs', () => {
  it('reads a cut with a title that contains parentheses', () => {
    const source = '{cut(Можно ли (и как)?)}\nДа.\n{/cut}\n'
    const {tree, messages} = parse(source)
    expect(messages).toEqual([])
    const cut = only(tree, 'cut')
    expect(plain(cut.title, source)).toBe('Можно ли (и как)?')
    expect(cut.args?.raw).toBe('Можно ли (и как)?')
    expect(cut.position).toEqual({start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 25, offset: 24}})
    const close = tree.children.at(-2)!
    expect(close).toMatchObject({type: 'close', name: 'cut', context: 'text'})
    expect(close.position).toEqual({start: {line: 3, column: 1, offset: 29}, end: {line: 3, column: 7, offset: 35}})
  })

  it('reads a heading whose title nests a counter, a condition and its closer', () => {
    const source = '## {heading({counter(cli)}. {ifdef(public)}(Опционально) {/ifdef}Установите)[id=install]}\n'
    const heading = only(parse(source).tree, 'heading')
    expect(heading.id).toBe('install')
    expect(heading.title.map((node) => (node.type === 'text' ? `"${node.value}"` : `${node.type}:${node.name}`))).toEqual([
      'directive:counter',
      '". "',
      'directive:ifdef',
      '"(Опционально) "',
      'close:ifdef',
      '"Установите"',
    ])
    const counter = heading.title[0] as Directive<'counter'>
    expect(counter.counter).toBe('cli')
    expect(counter.position).toEqual({start: {line: 1, column: 13, offset: 12}, end: {line: 1, column: 27, offset: 26}})
  })

  it('reads tab titles with nested parentheses and a literal backslash', () => {
    const tabs = directives(parse('{tab(Windows (PowerShell))}\n{tab(cURL (Linux bash \\ macOS zsh))}\n').tree)
    expect(tabs.map((tab) => (tab as Directive<'tab'>).args?.raw)).toEqual(['Windows (PowerShell)', 'cURL (Linux bash \\ macOS zsh)'])
  })

  it('reads a linkto whose target starts on the next line, without the whitespace', () => {
    const source = 'См. {linkto(\n      ../guide/tls-connect#tls)[text=по {var(cloud)} TLS]}.\n'
    const {tree, messages} = parse(source)
    expect(messages).toEqual([])
    const linkto = only(tree, 'linkto')
    expect(linkto.target).toBe('../guide/tls-connect#tls')
    expect(linkto.text?.map((node) => node.type)).toEqual(['text', 'directive', 'text'])
    expect(linkto.position.start).toEqual({line: 1, column: 5, offset: 4})
    expect(linkto.position.end).toEqual({line: 2, column: 59, offset: 71})
  })

  it('reads the attributes of a numbered caption, with a directive as the number', () => {
    const source =
      '{caption(Таблица {counter(table)[id=numb_x]} — Лимиты)[align=right;position=above;id=tab_x;number={const(numb_x)}]}\n'
    const caption = only(parse(source).tree, 'caption')
    expect([caption.align, caption.placement, caption.id]).toEqual(['right', 'above', 'tab_x'])
    expect(caption.number).toHaveLength(1)
    expect(caption.number![0]).toMatchObject({type: 'directive', name: 'const', id: 'numb_x'})
    expect((caption.title[1] as Directive<'counter'>).id).toBe('numb_x')
    const numberAttribute = caption.attributes![3]!
    expect(numberAttribute.key).toBe('number')
    expect(numberAttribute.value.position.start.offset).toBe(source.indexOf('{const'))
  })

  it('reads include paths, tag lists with spaces and `level=+1`', () => {
    const include = only(parse('{include(/ru/_includes/_db.md)[tags=db_onboarding, common; level=+1]}').tree, 'include')
    expect([include.path, include.tags, include.level]).toEqual(['/ru/_includes/_db.md', ['db_onboarding', 'common'], 1])
    const plainInclude = only(parse('{include(../_x.md)}').tree, 'include')
    expect([plainInclude.tags, plainInclude.level]).toEqual([null, null])
  })

  it('reads includetag names and trimmed ifdef/ifndef targets', () => {
    const {tree} = parse('{includetag(create,create-from-disk)}{ifdef(data-p, data-p-pdf)}{ifndef(private-cert)}')
    expect(only(tree, 'includetag').names).toEqual(['create', 'create-from-disk'])
    expect(only(tree, 'ifdef').targets).toEqual(['data-p', 'data-p-pdf'])
    expect(only(tree, 'ifndef').targets).toEqual(['private-cert'])
  })

  it('reads note types, variables, counters, constants, params and videos', () => {
    const {tree, messages} = parse(
      '{note:warn}{var(cloud)}{counter(pic)[id=p1]}{const(p1)}{params[noBorder=true; width=80%]}{video(../a.mp4)[type=vkvideo]}{tabs}',
    )
    expect(messages).toEqual([])
    expect(only(tree, 'note').noteType).toBe('warn')
    expect(only(tree, 'note').variant).toBe('warn')
    expect(only(tree, 'var').variable).toBe('cloud')
    expect([only(tree, 'counter').counter, only(tree, 'counter').id]).toEqual(['pic', 'p1'])
    expect(only(tree, 'const').id).toBe('p1')
    expect(only(tree, 'params').params).toEqual({noBorder: 'true', width: '80%'})
    expect([only(tree, 'video').url, only(tree, 'video').videoType]).toEqual(['../a.mp4', 'vkvideo'])
    expect(only(tree, 'tabs')).toMatchObject({args: null, attributes: null, variant: null})
  })

  it('keeps a formula body verbatim and does not scan it', () => {
    const source = '{formula}\nP = 2^{32-M}-{var(x)}\n{/formula}\n'
    const {tree, messages} = parse(source)
    expect(messages).toEqual([])
    expect(tree.children.map((node) => node.type)).toEqual(['directive', 'text', 'close', 'text'])
    expect(only(tree, 'formula').body).toBe('\nP = 2^{32-M}-{var(x)}\n')
  })

  it('gives an unclosed formula no body', () => {
    expect(only(parse('{formula}\nx').tree, 'formula').body).toBeNull()
  })

  it('treats other names, `${var.x}` and `%{PATTERN}` as text', () => {
    const source = '{Mercedes} ${var.region} %{COMBINEDAPACHELOG} {cut x}'
    const {tree, messages} = parse(source)
    expect(tree.children).toEqual([{type: 'text', value: source, position: expect.anything()}])
    expect(messages).toEqual([])
  })
})

describe('parse: contexts', () => {
  it('sets the context of directives in inline code, fenced code and comments', () => {
    const source = '`{var(cloud)}` {var(cloud)}\n```\n{includetag(x)}\n```\n<!-- {cut(Old)} -->\n'
    const contexts = directives(parse(source).tree).map((node) => `${node.name}:${node.context}`)
    expect(contexts).toEqual(['var:inline-code', 'var:text', 'includetag:fenced-code', 'cut:comment'])
  })

  it('keeps malformed directive-looking code as text, silently', () => {
    const source = '```bash\necho ${var} {tab(x\n```\n'
    const {tree, messages} = parse(source)
    expect(directives(tree)).toEqual([])
    expect(messages).toEqual([])
  })
})

describe('parse: recovery', () => {
  it('flags an attribute without a key', () => {
    const {tree, messages} = parse('{linkto(../billing#top)[пополнить баланс]}')
    const linkto = only(tree, 'linkto')
    expect(linkto.malformed).toBe(true)
    expect(linkto.text).toBeNull()
    expect(messages.map(formatMessage)).toEqual([
      '1:25-1:41 malformed-directive: Unexpected `пополнить баланс` in the attributes of `{linkto}`, expected `key=value` (`text=…`)',
    ])
  })

  it('flags a value containing `=`', () => {
    expect(messageLines('{caption()[id=position=above;align=right;id=v]}')).toEqual([
      '1:15-1:29 malformed-directive: Unexpected `=` in the value of `id` of `{caption}` (`position=above`), expected `;` before another attribute',
    ])
  })

  it('flags a missing `}` and goes on with the text after it', () => {
    const source = 'Все [text=сети]}{linkto(../vnet#vnet), кроме DNS'
    const {tree, messages} = parse(source)
    expect(only(tree, 'linkto')).toMatchObject({target: '../vnet#vnet', malformed: true})
    expect(tree.children.at(-1)).toMatchObject({type: 'text', value: ', кроме DNS'})
    expect(messages.map(formatMessage)).toEqual([
      '1:17-1:38 malformed-directive: Unexpected `,`, expected `}` to end `{linkto…`',
    ])
  })

  it('flags unterminated ARGS at the end of the line and parses the next line normally', () => {
    const source = '{cut(Title\n{note:info}\n'
    const {tree, messages} = parse(source)
    expect(directives(tree).map((node) => `${node.name}${node.malformed ? '!' : ''}`)).toEqual(['cut!', 'note'])
    expect(messages.map(formatMessage)).toEqual([
      '1:5-1:11 malformed-directive: Unexpected end of line, expected `)` to close the arguments of `{cut}`',
    ])
  })

  it('recovers the id of a heading whose title has an unbalanced parenthesis', () => {
    const {tree, messages} = parse('# {heading(Fluent Bit (logaas-integration)[id=install-logaas]}\n')
    const heading = only(tree, 'heading')
    expect(heading).toMatchObject({id: 'install-logaas', malformed: true})
    expect(heading.args?.raw).toBe('Fluent Bit (logaas-integration)')
    expect(messages.map(formatMessage)).toEqual([
      '1:11-1:43 malformed-directive: Unexpected `[`, expected `)` to close the arguments of `{heading}`',
    ])
  })

  it('reads `{/ifdef(public)}` as a malformed closer', () => {
    const {tree, messages} = parse('{ifdef(public)}x{/ifdef(public)}')
    expect(tree.children.at(-1)).toMatchObject({type: 'close', name: 'ifdef', malformed: true})
    expect(messages.map(formatMessage)).toEqual([
      '1:24-1:32 malformed-directive: Unexpected `(public)` in a closing tag, expected `}` right after `{/ifdef`',
    ])
  })

  it('reports unknown attribute keys per name, naming the keys it expects', () => {
    expect(messageLines('{linkto(#x)[test=T]} {cut(Q)[id=q]} {include(a)[tags=a; depth=2]}')).toEqual([
      '1:13-1:17 malformed-directive: Unexpected attribute `test` on `{linkto}`, expected `text`',
      '1:29-1:35 malformed-directive: Unexpected `[id=q]` on `{cut}`, expected `}` (it takes no attributes)',
      '1:57-1:62 malformed-directive: Unexpected attribute `depth` on `{include}`, expected `tags` or `level`',
    ])
  })

  it('reports an empty heading title', () => {
    expect(messageLines('# {heading()[id=x]}')).toEqual([
      '1:3-1:20 malformed-directive: Unexpected empty `()` in `{heading}`, expected the title',
    ])
  })

  it('keeps a stray `]}` after a directive as text and reports it', () => {
    const {tree, messages} = parse('## {heading(Что дальше?)[id=next]}]}\n')
    expect(only(tree, 'heading').malformed).toBeUndefined()
    expect(tree.children.at(-1)).toMatchObject({type: 'text', value: ']}\n'})
    expect(messages.map(formatMessage)).toEqual([
      '1:35-1:37 malformed-directive: Unexpected `]}` after `{heading(Что дальше?)[id=next]}`, expected text (the directive has already ended)',
    ])
  })

  it('reports a directive written without its `{`', () => {
    expect(messageLines('- Расширение linkto(../ext#x)[text=Node exporter]}{ (если есть).')).toEqual([
      '1:14-1:21 malformed-directive: Unexpected `linkto(` without `{`, expected `{linkto(`',
    ])
  })

  it('does not take a name in prose for a directive missing its `{`', () => {
    expect(messageLines('The include(x) call and cut(y) here.')).toEqual([])
  })

  it('reports an attribute typed inside the tags list and keeps the real tags', () => {
    const {tree, messages} = parse('{include(../_net.md)[tags=net,router,shift=2]}')
    expect(only(tree, 'include').tags).toEqual(['net', 'router'])
    expect(messages.map(formatMessage)).toEqual([
      '1:38-1:45 malformed-directive: Unexpected `shift=2` inside `tags` of `{include}`, expected `;` before another attribute',
    ])
  })

  it('warns about near-miss names and keeps them as text', () => {
    const {tree, messages} = parse('Текст {linto(#x)[text=y]} и {/cutt}, но не {word(x)}.')
    expect(directives(tree)).toEqual([])
    expect(messages.map(formatMessage)).toEqual([
      '1:7-1:13 unknown-directive: Unexpected `{linto`, expected a directive name such as `{linkto`; kept as text',
      '1:29-1:35 unknown-directive: Unexpected `{/cutt`, expected a directive name such as `{/cut`; kept as text',
    ])
    expect(messages[0]!.severity).toBe('warning')
  })

  it('reports a note type other than info, warn or err', () => {
    const {tree, messages} = parse('{note:tip}\nСовет.\n{/note}')
    expect(only(tree, 'note').noteType).toBe('tip')
    expect(messages.map(formatMessage)).toEqual([
      '1:6-1:10 note-unknown-type: Unexpected note type `tip`, expected `info`, `warn` or `err`',
    ])
  })

  it('reports a linkto without `[text=…]`', () => {
    expect(messageLines('См. {linkto(#section)}.')).toEqual([
      '1:5-1:23 linkto-missing-text: Unexpected `{linkto(#section)}` without attributes, expected `[text=…]` after the target',
    ])
  })

  it('reports an HTML comment that `--!>` does not close', () => {
    expect(messageLines('| a\n|<!--- no ---!>\n\n| b\n')).toEqual([
      '2:2-2:6 malformed-html-comment: Unexpected end of file, expected `-->` to close the HTML comment (`--!>` does not close it)',
    ])
  })

  it('reports one problem per malformed directive, the first', () => {
    expect(messageLines('{cut[a](b)(c)')).toHaveLength(1)
  })
})

describe('parse: whole trees', () => {
  it('covers the source without gaps or overlaps on random dialect-shaped input', () => {
    const pieces = ['{', '}', '(', ')', '[', ']', ':', ';', '=', '\n', '\n\n', ' ', 'x', '/', '`', '```\n', '<!--', '-->', 'cut', 'linkto', 'note', 'var', 'formula', 'text=']
    let seed = 11
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    for (let round = 0; round < 400; round++) {
      let source = ''
      for (let index = 0; index < 60; index++) source += pieces[Math.floor(random() * pieces.length)]
      const {tree} = parse(source)
      expect(slices(tree, source)).toBe(source)
      for (const node of tree.children) {
        if (node.type === 'text') expect(node.value).toBe(source.slice(node.position.start.offset, node.position.end.offset))
      }
    }
  })

  it('throws only on a programmer error, never on text', () => {
    expect(() => parse(42 as unknown as string)).toThrow(TypeError)
    expect(() => parse('')).not.toThrow()
    expect(parse('').tree).toEqual({type: 'root', children: [], position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}})
  })

  it('stamps the file on messages', () => {
    expect(parse('{note:x}', {file: 'ru/a/a.md'}).messages[0]!.file).toBe('ru/a/a.md')
  })

  it('reuses one parser instance', () => {
    expect(dialectParser()).toBeInstanceOf(DialectParser)
    parse('{cut(a)}')
    parse('{cut(b)}')
    expect(dialectParser()).toBe(dialectParser())
    expect(dialectParser().input).toHaveLength(5)
  })

  it('has CST types generated from the current grammar', () => {
    const file = fileURLToPath(new URL('../src/parser/cst.d.ts', import.meta.url))
    const generated = generateCstDts(dialectParser().getGAstProductions())
    expect(readFileSync(file, 'utf8').split('\n').slice(1).join('\n')).toBe(generated)
  })
})

describe('parse: fixtures', () => {
  const cases = existsSync(fixturesRoot) ? readdirSync(fixturesRoot).sort() : []
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10)
  })
  for (const name of cases) {
    it(`matches fixtures/parse/${name}`, async () => {
      const folder = path.join(fixturesRoot, name)
      const source = readFileSync(path.join(folder, 'input.md'), 'utf8')
      const {tree, messages} = parse(source)
      expect(slices(tree, source)).toBe(source)
      const ast = `${JSON.stringify(withoutPositions(tree), null, 2)}\n`
      const text = messages.map((message) => `${formatMessage(message)}\n`).join('')
      await expect(ast).toMatchFileSnapshot(path.join(folder, 'ast.json'))
      await expect(text).toMatchFileSnapshot(path.join(folder, 'messages.txt'))
    })
  }
})
