/**
 * The construct registry: every name set comes from it, and a directive
 * registered by a test (an extension) parses, renders, lints, converts and
 * formats with no other module changed.
 */
import type {Literal, Parent, PhrasingContent, Root} from 'mdast'
import {afterEach, describe, expect, it} from 'vitest'
import {
  builtinConstructs,
  compile,
  constructOf,
  directiveNames,
  format,
  mdastToHast,
  hastToHtml,
  parse,
  registerConstruct,
  toHtml,
  toMarkdown,
  validate,
  type Construct,
  type DirectiveNode,
} from '../src/index.js'

interface Badge extends Literal {
  type: 'xBadge'
  tone: string
}

const badge: Construct = {
  name: 'x-badge',
  level: 'inline',
  summary: 'A small label.',
  syntax: {args: 'required', argsKind: 'text', argsNonEmpty: true, attributes: {tone: {kind: 'text', values: ['info', 'warn'], summary: 'Colour.'}}},
  fields: ({args, attributes}) => ({label: args?.raw.trim() ?? '', tone: attributes?.find((attribute) => attribute.key === 'tone')?.value.raw.trim() ?? 'info'}),
  check: ({node}) => {
    const tone = (node as unknown as {tone: string}).tone
    if (tone === 'info' || tone === 'warn') return []
    return [{code: 'malformed-directive', reason: `Unexpected tone \`${tone}\`, expected \`info\` or \`warn\``, start: node.position.start.offset!, end: node.position.end.offset!}]
  },
  lowering: {
    leaf: (_kit, node, position) => {
      const fields = node as unknown as {label: string; tone: string}
      return {type: 'xBadge', value: fields.label, tone: fields.tone, position} as unknown as PhrasingContent
    },
  },
  hast: {xBadge: (_state, node: Badge) => ({type: 'element', tagName: 'mark', properties: {className: [`badge-${node.tone}`]}, children: [{type: 'text', value: node.value}]})},
  markdown: {xBadge: (node: Badge) => `**${node.value}**`},
}

const box: Construct = {
  name: 'x-box',
  level: 'block',
  summary: 'A framed box.',
  syntax: {args: 'none', attributes: {}, closed: true},
  lowering: {block: {titled: false, build: (_kit, _node, _label, children, position) => ({type: 'xBox', children, position}) as unknown as Parent as never}},
  hast: {xBox: (state, node: Parent) => ({type: 'element', tagName: 'aside', properties: {}, children: state.all(node as never)})},
}

const unregister: Array<() => void> = []
afterEach(() => {
  while (unregister.length > 0) unregister.pop()!()
})

describe('the registry', () => {
  it('holds one construct per directive name of the dialect, each with its syntax', () => {
    const directives = builtinConstructs.filter((construct) => construct.syntax).map((construct) => construct.name)
    expect([...directives].sort()).toEqual([...directiveNames].sort())
    for (const name of directiveNames) expect(constructOf(name)?.syntax, name).toBeDefined()
  })

  it('refuses an extension name without a hyphen or one already taken (programmer errors)', () => {
    expect(() => registerConstruct({...badge, name: 'badge'})).toThrow(TypeError)
    unregister.push(registerConstruct(badge))
    expect(() => registerConstruct(badge)).toThrow(/already registered/)
  })
})

describe('an extension directive', () => {
  const source = 'Статус: {x-badge( новое )[ tone=warn ]} и {x-badge(старое)[tone=red]}.\n\n{x-box}\nВнутри **рамки**.\n{/x-box}\n'

  it('is text until it is registered, and text again after', () => {
    expect(parse(source).tree.children.every((node) => node.type === 'text')).toBe(true)
    unregister.push(registerConstruct(badge), registerConstruct(box))
    expect(parse(source).tree.children.filter((node) => node.type !== 'text').map((node) => (node as DirectiveNode).name)).toEqual(['x-badge', 'x-badge', 'x-box', 'x-box'])
    unregister.pop()!()
    unregister.pop()!()
    expect(parse(source).tree.children.every((node) => node.type === 'text')).toBe(true)
  })

  it('parses with its typed fields and renders through its own handlers', () => {
    unregister.push(registerConstruct(badge), registerConstruct(box))
    const first = parse(source).tree.children.find((node) => node.type === 'directive') as unknown as {label: string; tone: string}
    expect(first).toMatchObject({label: 'новое', tone: 'warn'})
    expect(toHtml(source)).toBe('<p>Статус: <mark class="badge-warn">новое</mark> и <mark class="badge-red">старое</mark>.</p>\n<aside><p>Внутри <strong>рамки</strong>.</p></aside>')
    // A node without a Markdown handler of its own is written as its content.
    expect(toMarkdown(source)).toBe('Статус: **новое** и **старое**.\n\nВнутри **рамки**.\n')
  })

  it('is linted by its own check and by the shape of its syntax', () => {
    unregister.push(registerConstruct(badge), registerConstruct(box))
    const messages = validate(source + '{x-badge}\n').map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
    expect(messages).toEqual([
      '1:43 malformed-directive Unexpected tone `red`, expected `info` or `warn`',
      "6:1 malformed-directive Unexpected `}` after `{x-badge`, expected `(` and the arguments",
    ])
  })

  it('is formatted from its syntax', () => {
    unregister.push(registerConstruct(badge), registerConstruct(box))
    expect(format(source)).toBe(source.replace('{x-badge( новое )[ tone=warn ]}', '{x-badge(новое)[tone=warn]}'))
  })
})

describe('hast handlers', () => {
  it('honour data.hName and data.hProperties set on dialect nodes by other plugins', () => {
    const tree = compile('{cut(Вопрос?)}\nОтвет.\n{/cut}\n').mdast as Root
    const cut = tree.children[0]!
    cut.data = {hName: 'section', hProperties: {id: 'q1'}}
    expect(hastToHtml(mdastToHast(tree))).toMatch(/^<section class="vk-cut" id="q1">/)
  })
})
