/**
 * mdast (dialect nodes built by hand) → hast → HTML: one behaviour per node
 * type, the tab markup without and with `assets/tabs.js`, and the
 * `fixtures/emit/<node>/<case>/` files (input.json → output.html).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import vm from 'node:vm'
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import type {BlockContent, Image, PhrasingContent, Root, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import type {AsciidocCell, AsciidocRow, DirectiveLabel, FlowContent, Tab} from '../src/constructs/nodes.js'
import {mdastToHast} from '../src/render/to-hast.js'
import {hastToHtml, mdastToHtml} from '../src/render/to-html.js'
import {toHtml, toJson} from '../src/compile.js'

const fixturesRoot = fileURLToPath(new URL('../fixtures/emit', import.meta.url))
const tabsScript = readFileSync(fileURLToPath(new URL('../assets/tabs.js', import.meta.url)), 'utf8')

// Small builders for hand-made trees.
const text = (value: string): PhrasingContent => ({type: 'text', value})
const paragraph = (...children: PhrasingContent[]): BlockContent => ({type: 'paragraph', children})
const label = (...children: PhrasingContent[]): DirectiveLabel => ({type: 'directiveLabel', children})
const root = (...children: RootContent[]): Root => ({type: 'root', children})
const tab = (title: string, ...body: FlowContent[]): Tab => ({type: 'tab', children: [label(text(title)), ...body]})
const cell = (content: FlowContent[], fields: Partial<AsciidocCell> = {}): AsciidocCell => ({
  type: 'asciidocCell',
  colspan: 1,
  rowspan: 1,
  align: null,
  style: null,
  children: content,
  ...fields,
})
const row = (header: boolean, ...cells: AsciidocCell[]): AsciidocRow => ({type: 'asciidocRow', header, children: cells})
const image = (fields: Partial<Image>): Image => ({type: 'image', url: './a.png', alt: 'a', title: null, ...fields})
const html = (...children: RootContent[]): string => mdastToHtml(root(...children))

function elements(tree: HastRoot | Element): Element[] {
  const found: Element[] = []
  const walk = (node: HastRoot | ElementContent): void => {
    if (node.type === 'element') found.push(node)
    if ('children' in node) for (const child of node.children) walk(child as ElementContent)
  }
  walk(tree)
  return found
}

describe('cut', () => {
  it('becomes <details> with the label as <summary>, and a question of the page gets its FAQ JSON id', () => {
    expect(html({type: 'cut', children: [label(text('How do I pay?')), paragraph(text('Top up.'))]})).toBe(
      '<details class="vk-cut" id="how-do-i-pay">\n<summary>How do I pay?</summary>\n<p>Top up.</p>\n</details>',
    )
  })

  it('gives repeated and empty questions the ids FAQ JSON gives them, and nested cuts none', () => {
    const source = '{cut(Как оплатить?)}\nА.\n{/cut}\n\n{cut(Как оплатить?)}\nБ.\n{cut(Вложенный)}\nВ.\n{/cut}\n{/cut}\n\n{cut(???)}\nГ.\n{/cut}\n'
    const ids = [...toHtml(source).matchAll(/<details class="vk-cut"(?: id="([^"]*)")?>/g)].map((match) => match[1] ?? null)
    expect(ids).toEqual(['как-оплатить', 'как-оплатить-1', null, 'question'])
    expect(toJson(source, {faq: true}).questions.map((question) => question.id)).toEqual(['как-оплатить', 'как-оплатить-1', 'question'])
  })

  it('keeps phrasing in the title (inline code, parentheses)', () => {
    const output = html({type: 'cut', children: [label(text('Windows (PowerShell) '), {type: 'inlineCode', value: 'curl'})]})
    expect(output).toContain('<summary>Windows (PowerShell) <code>curl</code></summary>')
  })

  it('has no <summary> when the lowering gave no title', () => {
    expect(html({type: 'cut', children: [paragraph(text('Body'))]})).toBe('<details class="vk-cut" id="question">\n<p>Body</p>\n</details>')
  })
})

describe('note', () => {
  it.each([
    ['info', 'Примечание'],
    ['warn', 'Предупреждение'],
    ['err', 'Внимание'],
  ] as const)('of type %s carries the type in its class and a spoken name in the page language (ru by default)', (noteType, name) => {
    expect(html({type: 'note', noteType, children: [paragraph(text('x'))]})).toBe(
      `<div class="vk-note vk-note-${noteType}" role="note" aria-label="${name}">\n<p>x</p>\n</div>`,
    )
  })

  it('is named in the language given, or found by the lowering from the page path; English for others', () => {
    const note: RootContent = {type: 'note', noteType: 'warn', children: [paragraph(text('x'))]}
    expect(hastToHtml(mdastToHast({type: 'root', children: [note]}, {lang: 'en'}))).toContain('aria-label="Warning"')
    expect(hastToHtml(mdastToHast({type: 'root', children: [note]}, {lang: 'kz'}))).toContain('aria-label="Ескерту"')
    expect(hastToHtml(mdastToHast({type: 'root', children: [note]}, {lang: 'de'}))).toContain('aria-label="Warning"')
    expect(toHtml('{note:warn}\nx\n{/note}\n', {path: 'en/start/start.md'})).toContain('aria-label="Warning"')
    expect(toHtml('{note:warn}\nx\n{/note}\n', {path: 'kz/start/start.md'})).toContain('aria-label="Ескерту"')
  })

  it('of an unknown type renders as info', () => {
    const output = html({type: 'note', noteType: 'tip' as 'info', children: [paragraph(text('x'))]})
    expect(output).toContain('class="vk-note vk-note-info"')
  })
})

describe('tabs', () => {
  const group = (): RootContent => ({type: 'tabs', children: [tab('Console', paragraph(text('one'))), tab('CLI', paragraph(text('two')))]})

  it('renders a tablist of links to panels and every panel, none hidden', () => {
    expect(html(group())).toBe(
      [
        '<div class="vk-tabs" data-vk-tabs="">',
        '<div class="vk-tablist" role="tablist">',
        '<a href="#vk-tabs-1-panel-1" id="vk-tabs-1-tab-1" class="vk-tab" role="tab" aria-controls="vk-tabs-1-panel-1" aria-selected="true">Console</a>',
        '<a href="#vk-tabs-1-panel-2" id="vk-tabs-1-tab-2" class="vk-tab" role="tab" aria-controls="vk-tabs-1-panel-2" aria-selected="false">CLI</a>',
        '</div>',
        '<div id="vk-tabs-1-panel-1" class="vk-tabpanel" role="tabpanel" aria-labelledby="vk-tabs-1-tab-1" tabindex="0">',
        '<p>one</p>',
        '</div>',
        '<div id="vk-tabs-1-panel-2" class="vk-tabpanel" role="tabpanel" aria-labelledby="vk-tabs-1-tab-2" tabindex="0">',
        '<p>two</p>',
        '</div>',
        '</div>',
      ].join('\n'),
    )
  })

  it('gives every group of a page its own ids, the same on every run', () => {
    const tree = root(group(), {type: 'tabs', children: [tab('Outer', {type: 'tabs', children: [tab('Inner', paragraph(text('deep')))]})]})
    const first = mdastToHtml(tree)
    const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1])
    expect(ids).toHaveLength(8)
    expect(new Set(ids).size).toBe(ids.length)
    expect(mdastToHtml(tree)).toBe(first)
  })

  it('wires every tab to an existing panel and back', () => {
    const tree = mdastToHast(root(group()))
    const byId = new Map(elements(tree).map((node) => [String(node.properties['id']), node]))
    const tabs = elements(tree).filter((node) => node.properties['role'] === 'tab')
    expect(tabs).toHaveLength(2)
    for (const tabElement of tabs) {
      const panel = byId.get(String(tabElement.properties['ariaControls']))
      expect(panel?.properties['role']).toBe('tabpanel')
      expect(String(panel?.properties['ariaLabelledBy'])).toBe(tabElement.properties['id'])
      expect(tabElement.properties['href']).toBe('#' + String(panel?.properties['id']))
    }
  })

  it('renders a tab outside tabs as a group of one', () => {
    const output = html(tab('Alone', paragraph(text('body'))))
    expect(output).toContain('data-vk-tabs=""')
    expect(output).toContain('aria-selected="true">Alone</a>')
    expect(output).toContain('<p>body</p>')
  })

  it('keeps content that sits outside every tab', () => {
    const output = html({type: 'tabs', children: [paragraph(text('before')), tab('T', paragraph(text('in'))), paragraph(text('after'))]})
    expect(output.indexOf('<p>before</p>')).toBeLessThan(output.indexOf('data-vk-tabs'))
    expect(output).toMatch(/<p>in<\/p>\n<p>after<\/p>\n<\/div>/)
  })
})

describe('caption', () => {
  const table = (): FlowContent => ({type: 'asciidocTable', cols: ['1'], children: [row(false, cell([paragraph(text('cell'))]))]})

  it('puts the title above the content by default, with id and alignment', () => {
    const output = html({
      type: 'caption',
      id: 'tab_x',
      number: '1',
      align: 'right',
      placement: 'above',
      children: [label(text('Таблица '), {type: 'counter', name: 'table', id: 'n', value: '1'}, text(' — Prices')), table()],
    })
    expect(output.startsWith('<figure id="tab_x" class="vk-caption vk-align-right">\n<figcaption>Таблица 1 — Prices</figcaption>\n<table')).toBe(true)
  })

  it('puts the title under the content with placement under', () => {
    const output = html({type: 'caption', id: null, number: null, align: 'center', placement: 'under', children: [label(text('Рисунок 1')), table()]})
    expect(output).toMatch(/<\/table>\n<figcaption>Рисунок 1<\/figcaption>\n<\/figure>$/)
    expect(output).not.toContain(' id=')
  })

  it('ignores an alignment it does not know', () => {
    const output = html({type: 'caption', id: null, number: null, align: 'justify x', placement: null, children: [label(text('T')), table()]})
    expect(output).toContain('<figure class="vk-caption">')
  })
})

describe('inline dialect nodes', () => {
  it('gives a heading its {heading} id', () => {
    expect(html({type: 'heading', depth: 2, data: {id: 'create_vm'}, children: [text('Create')]})).toBe('<h2 id="create_vm">Create</h2>')
    expect(html({type: 'heading', depth: 2, children: [text('Plain')]})).toBe('<h2>Plain</h2>')
  })

  it('renders linkto as a link to its url', () => {
    expect(html(paragraph({type: 'linkto', target: '../net#a', url: '../net#a', children: [text('network')]}))).toBe(
      '<p><a href="../net#a" class="vk-linkto">network</a></p>',
    )
  })

  it('renders linkto without a url as its text, not a dead link', () => {
    expect(html(paragraph({type: 'linkto', target: '#x', url: '', children: [text('gone')]}))).toBe('<p><span class="vk-linkto">gone</span></p>')
  })

  it('shows the target when a linkto has no text', () => {
    expect(html(paragraph({type: 'linkto', target: '#x', url: '#x', children: []}))).toBe('<p><a href="#x" class="vk-linkto">#x</a></p>')
  })

  it('prints counters and constants as their values', () => {
    const output = html({
      type: 'heading',
      depth: 3,
      children: [{type: 'constant', id: 'c', value: '2'}, text('.'), {type: 'counter', name: 'k', id: null, value: '1'}, text('. Go')],
    })
    expect(output).toBe('<h3>2.1. Go</h3>')
  })
})

describe('images', () => {
  it('marks title "inline" images as icons and drops the title', () => {
    expect(html(paragraph(image({url: '/ru/assets/plus.svg', alt: 'plus', title: 'inline'})))).toBe(
      '<p><img src="/ru/assets/plus.svg" alt="plus" class="vk-inline-icon"></p>',
    )
  })

  it('keeps other titles', () => {
    expect(html(paragraph(image({title: 'Scheme'})))).toBe('<p><img src="./a.png" alt="a" title="Scheme"></p>')
  })

  it('turns {params} percentages into a style and noBorder into a class, ignoring printWidth', () => {
    const output = html(paragraph(image({data: {params: {width: '90%', height: '50%', noBorder: 'true', printWidth: '60%'}}})))
    expect(output).toBe('<p><img src="./a.png" alt="a" style="width:90%;height:50%" class="vk-no-border"></p>')
  })

  it.each(['90', '90px', '1000%', '90%;background:url(x)', 'calc(90%)'])('drops a width that is not a plain percentage: %s', (width) => {
    expect(html(paragraph(image({data: {params: {width}}})))).toBe('<p><img src="./a.png" alt="a"></p>')
  })
})

describe('video', () => {
  const video = (url: string): RootContent => ({type: 'video', url, value: url, videoType: null})

  it('embeds an https video of an allow-listed host in a sandboxed lazy iframe', () => {
    const output = html(video('https://vkvideo.ru/video_ext.php?oid=-1&id=2'))
    expect(output).toBe(
      '<div class="vk-video"><iframe src="https://vkvideo.ru/video_ext.php?oid=-1&#x26;id=2" title="Видео" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" allow="encrypted-media; fullscreen; picture-in-picture" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe></div>',
    )
  })

  it('plays a relative .mp4 asset in <video controls>', () => {
    expect(html(video('../assets/demo.mp4'))).toBe(
      '<div class="vk-video"><video src="../assets/demo.mp4" controls preload="metadata"><a href="../assets/demo.mp4">../assets/demo.mp4</a></video></div>',
    )
  })

  it.each([
    'http://vkvideo.ru/video_ext.php?id=1',
    'https://example.com/watch?v=1',
    'https://vkvideo.ru.example.com/x',
    'https://example.com/vkvideo.ru',
    'https://vkvideo.ru@example.com/x',
    'https://user:pass@vkvideo.ru/x',
  ])('links rather than embeds %s', (url) => {
    const output = html(video(url))
    expect(output).not.toContain('<iframe')
    expect(output).toContain('<a href=')
  })

  it('embeds the hosts given in videoHosts, and only those', () => {
    const tree = root(video('https://video.example.com/e/1'), video('https://vkvideo.ru/e/2'))
    const output = mdastToHtml(tree, {videoHosts: ['video.example.com']})
    expect(output.match(/<iframe/g)).toHaveLength(1)
    expect(output).toContain('<iframe src="https://video.example.com/e/1"')
  })
})

describe('blocks of the dialect', () => {
  it('keeps a formula verbatim', () => {
    expect(html({type: 'formula', value: 'P = 2^{32-M} < x'})).toBe('<div class="vk-formula"><code>P = 2^{32-M} &#x3C; x</code></div>')
  })

  it('points a swagger block at its spec', () => {
    expect(html({type: 'swagger', url: 'assets/vpc.json', value: 'assets/vpc.json'})).toBe(
      '<div class="vk-swagger" data-spec="assets/vpc.json"><a href="assets/vpc.json">assets/vpc.json</a></div>',
    )
  })

  it('renders an image still written ![{swagger}](PATH) as the swagger block, or a link inside text', () => {
    const swaggerImage = {type: 'image', url: 'assets/vpc.json', alt: '{swagger}', title: null} as const
    expect(html(paragraph(swaggerImage))).toBe('<div class="vk-swagger" data-spec="assets/vpc.json"><a href="assets/vpc.json">assets/vpc.json</a></div>')
    expect(html(paragraph(text('See '), swaggerImage))).toBe('<p>See <a href="assets/vpc.json" class="vk-swagger">assets/vpc.json</a></p>')
  })

  it('marks an unresolved include as a block, or inline inside text, never as dialect syntax', () => {
    const placeholder = {type: 'includePlaceholder', path: '/ru/_includes/_x.md', value: '/ru/_includes/_x.md'} as const
    expect(html(paragraph(placeholder))).toBe(
      '<div class="vk-include-unresolved" data-include="/ru/_includes/_x.md">Фрагмент не включён: /ru/_includes/_x.md</div>',
    )
    const inline = html(paragraph(placeholder, text(' and more')))
    expect(inline).toBe(
      '<p><span class="vk-include-unresolved" data-include="/ru/_includes/_x.md">Фрагмент не включён: /ru/_includes/_x.md</span> and more</p>',
    )
    expect(inline).not.toContain('{include')
  })
})

describe('asciidoc tables', () => {
  it('puts header rows in <thead> with <th> and the rest in <tbody>', () => {
    const output = html({
      type: 'asciidocTable',
      cols: ['1', '1'],
      children: [row(true, cell([paragraph(text('A'))]), cell([paragraph(text('B'))])), row(false, cell([paragraph(text('1'))]), cell([paragraph(text('2'))]))],
    })
    expect(output).toBe(
      '<table class="vk-adoc-table">\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>',
    )
  })

  it('writes spans above one, alignment as a class, and keeps blocks of a cells', () => {
    const list: FlowContent = {type: 'list', ordered: false, spread: false, children: [{type: 'listItem', spread: false, children: [paragraph(text('item'))]}]}
    const output = html({
      type: 'asciidocTable',
      cols: ['1', '1a'],
      children: [
        row(false, cell([paragraph(text('span'))], {rowspan: 2, colspan: 1}), cell([list], {style: 'a'})),
        row(false, cell([paragraph(text('c'))], {align: 'center', colspan: 2})),
      ],
    })
    expect(output).toContain('<td rowspan="2">span</td>')
    expect(output).toContain('<td>\n<ul>\n<li>item</li>\n</ul>\n</td>')
    expect(output).toContain('<td colspan="2" class="vk-align-center">c</td>')
    expect(output).not.toContain('colspan="1"')
  })
})

describe('options', () => {
  it('puts classPrefix on every class and generated id', () => {
    const tree = root(
      {type: 'cut', children: [label(text('t')), paragraph(text('b'))]},
      {type: 'note', noteType: 'warn', children: [paragraph(text('n'))]},
      {type: 'tabs', children: [tab('T', paragraph(text('x')))]},
    )
    const output = mdastToHtml(tree, {classPrefix: 'doc-'})
    const classes = [...output.matchAll(/class="([^"]+)"/g)].flatMap((match) => match[1]!.split(' '))
    expect(classes.length).toBeGreaterThan(5)
    for (const name of classes) expect(name.startsWith('doc-')).toBe(true)
    expect(output).toContain('id="doc-tabs-1-tab-1"')
  })

  it('throws on a classPrefix that cannot be a class name', () => {
    expect(() => mdastToHast(root(), {classPrefix: '" onclick="x'})).toThrow(TypeError)
  })

  it('throws on videoHosts that is not a list of strings', () => {
    expect(() => mdastToHast(root(), {videoHosts: 'vkvideo.ru' as unknown as string[]})).toThrow(TypeError)
  })
})

/**
 * The least of a DOM that tabs.js needs, built from our own hast, so the
 * script runs on exactly the markup we emit.
 */
class FakeElement {
  readonly attributes = new Map<string, string>()
  readonly children: FakeElement[] = []
  parentNode: FakeElement | null = null
  hidden = false
  readonly listeners = new Map<string, Array<(event: FakeEvent) => void>>()
  constructor(
    readonly tagName: string,
    readonly document: FakeDocument,
  ) {}
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value)
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name)
  }
  addEventListener(type: string, listener: (event: FakeEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  focus(): void {
    this.document.activeElement = this
  }
  /** Only `[attribute]` selectors: what the script uses. */
  querySelectorAll(selector: string): FakeElement[] {
    const attribute = /^\[([\w-]+)\]$/.exec(selector)?.[1]
    if (!attribute) throw new Error('unsupported selector ' + selector)
    const found: FakeElement[] = []
    const walk = (node: FakeElement): void => {
      for (const child of node.children) {
        if (child.hasAttribute(attribute)) found.push(child)
        walk(child)
      }
    }
    walk(this)
    return found
  }
  dispatch(type: string, key?: string): FakeEvent {
    const event = new FakeEvent(key)
    for (const listener of this.listeners.get(type) ?? []) listener(event)
    return event
  }
}

class FakeEvent {
  defaultPrevented = false
  constructor(readonly key?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

class FakeDocument {
  readyState = 'complete'
  activeElement: FakeElement | null = null
  location = {hash: ''}
  readonly body = new FakeElement('body', this)
  addEventListener(): void {}
  getElementById(id: string): FakeElement | null {
    return this.all().find((node) => node.getAttribute('id') === id) ?? null
  }
  querySelectorAll(selector: string): FakeElement[] {
    return this.body.querySelectorAll(selector)
  }
  all(): FakeElement[] {
    const found: FakeElement[] = []
    const walk = (node: FakeElement): void => {
      for (const child of node.children) {
        found.push(child)
        walk(child)
      }
    }
    walk(this.body)
    return found
  }
}

function attributeName(property: string): string {
  return property === 'className' ? 'class' : property.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase())
}

/** Build the fake DOM of `tree`, run tabs.js on it, and hand back the document. */
function runTabsScript(tree: HastRoot, hash = ''): FakeDocument {
  const document = new FakeDocument()
  document.location.hash = hash
  const build = (node: ElementContent, parent: FakeElement): void => {
    if (node.type !== 'element') return
    const element = new FakeElement(node.tagName, document)
    for (const [key, value] of Object.entries(node.properties)) {
      if (value === undefined || value === null || value === false) continue
      element.setAttribute(attributeName(key), Array.isArray(value) ? value.join(' ') : value === true ? '' : String(value))
    }
    element.parentNode = parent
    parent.children.push(element)
    for (const child of node.children) build(child, element)
  }
  for (const child of tree.children) build(child as ElementContent, document.body)
  const window = {addEventListener() {}, vkdocTabs: undefined}
  vm.runInNewContext(tabsScript, {window, document})
  return document
}

describe('assets/tabs.js', () => {
  const page = (): HastRoot =>
    mdastToHast(root({type: 'tabs', children: [tab('A', paragraph(text('a'))), tab('B', paragraph(text('b'))), tab('C', paragraph(text('c')))]}))
  const parts = (document: FakeDocument) => ({
    tabs: document.all().filter((node) => node.getAttribute('role') === 'tab'),
    panels: document.all().filter((node) => node.getAttribute('role') === 'tabpanel'),
  })

  it('hides every panel but the selected one once it runs', () => {
    const {tabs, panels} = parts(runTabsScript(page()))
    expect(panels.map((panel) => panel.hidden)).toEqual([false, true, true])
    expect(tabs.map((node) => node.getAttribute('tabindex'))).toEqual(['0', '-1', '-1'])
  })

  it('switches panels on click without following the link', () => {
    const {tabs, panels} = parts(runTabsScript(page()))
    const event = tabs[1]!.dispatch('click')
    expect(event.defaultPrevented).toBe(true)
    expect(panels.map((panel) => panel.hidden)).toEqual([true, false, true])
    expect(tabs.map((node) => node.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false'])
  })

  it('moves with arrow keys (wrapping), Home and End, and takes the focus along', () => {
    const document = runTabsScript(page())
    const {tabs, panels} = parts(document)
    tabs[0]!.dispatch('keydown', 'ArrowLeft')
    expect(panels.map((panel) => panel.hidden)).toEqual([true, true, false])
    expect(document.activeElement).toBe(tabs[2])
    tabs[2]!.dispatch('keydown', 'ArrowRight')
    expect(document.activeElement).toBe(tabs[0])
    tabs[0]!.dispatch('keydown', 'End')
    expect(document.activeElement).toBe(tabs[2])
    tabs[2]!.dispatch('keydown', 'Home')
    expect(panels.map((panel) => panel.hidden)).toEqual([false, true, true])
    expect(tabs[0]!.dispatch('keydown', 'a').defaultPrevented).toBe(false)
  })

  it('switches nested groups independently', () => {
    const tree = mdastToHast(
      root({type: 'tabs', children: [tab('Outer 1', {type: 'tabs', children: [tab('In 1', paragraph(text('x'))), tab('In 2', paragraph(text('y')))]}), tab('Outer 2')]}),
    )
    const {tabs, panels} = parts(runTabsScript(tree))
    // Document order: outer tablist (2 tabs), outer panel 1, inner tabs (2), inner panels, outer panel 2.
    const [outerPanel1, innerPanel1, innerPanel2, outerPanel2] = panels
    tabs[3]!.dispatch('click')
    expect([outerPanel1, innerPanel1, innerPanel2, outerPanel2].map((panel) => panel!.hidden)).toEqual([false, true, false, true])
  })

  it('opens the panel that holds the element the URL hash points at', () => {
    const tree = mdastToHast(root({type: 'tabs', children: [tab('A', paragraph(text('a'))), tab('B', {type: 'heading', depth: 3, data: {id: 'deep'}, children: [text('Deep')]})]}))
    const {panels} = parts(runTabsScript(tree, '#deep'))
    expect(panels.map((panel) => panel.hidden)).toEqual([true, false])
  })

  it('leaves a group whose panel is missing as it is (all panels visible)', () => {
    const tree = page()
    const group = tree.children.find((node): node is Element => node.type === 'element')!
    const lastPanel = group.children.filter((node): node is Element => node.type === 'element').at(-1)!
    lastPanel.properties['id'] = 'renamed'
    const {panels} = parts(runTabsScript(tree))
    expect(panels.map((panel) => panel.hidden)).toEqual([false, false, false])
  })
})

describe('fixtures/emit', () => {
  const cases = readdirSync(fixturesRoot, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(path.join(fixturesRoot, entry.name)).map((name) => `${entry.name}/${name}`))
    .sort()

  it('has cases for every dialect construct', () => {
    const constructs = new Set(cases.map((name) => name.split('/')[0]))
    for (const construct of ['asciidoc-table', 'caption', 'cut', 'formula', 'heading', 'image', 'include-placeholder', 'linkto', 'note', 'swagger', 'tabs', 'video']) {
      expect(constructs).toContain(construct)
    }
  })

  it.each(cases)('%s renders to output.html', async (name) => {
    const directory = path.join(fixturesRoot, name)
    const tree = JSON.parse(readFileSync(path.join(directory, 'input.json'), 'utf8')) as Root
    const output = hastToHtml(mdastToHast(tree))
    expect(output).not.toMatch(/\{\/?(cut|note|tabs?|linkto|caption|counter|const|video|formula|include)[(:[}]/)
    await expect(output + '\n').toMatchFileSnapshot(path.join(directory, 'output.html'))
  })
})
