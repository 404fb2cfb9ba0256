/**
 * `{tabs}` `{tab(Title)}` … `{/tab}` `{/tabs}`: a tab group. HTML: a tablist
 * of links to the panels, then every panel, all visible, so a page without
 * JavaScript reads every tab (`assets/tabs.js` hides inactive panels once it
 * runs). Markdown: a heading per tab.
 */
import type {Element, ElementContent} from 'hast'
import type {Handler, State} from 'mdast-util-to-hast'
import type {Handle, Info, State as MarkdownState} from 'mdast-util-to-markdown'
import type {Parent, Parents} from 'mdast'
import {block, element, finish, flow, renderContext, splitLabel, text} from '../render/hast-kit.js'
import {blocks, emitContext, sectionTitle} from '../render/markdown-kit.js'
import type {Construct, DirectiveLabel, FlowContent} from './types.js'

export interface Tabs extends Parent {
  type: 'tabs'
  children: Array<Tab | FlowContent>
}

export interface Tab extends Parent {
  type: 'tab'
  children: Array<DirectiveLabel | FlowContent>
}

declare module 'mdast' {
  interface RootContentMap {
    tab: Tab
    tabs: Tabs
  }
  interface BlockContentMap {
    tabs: Tabs
  }
}

function tabGroupHast(state: State, source: Tabs | Tab, children: ReadonlyArray<Tab | FlowContent>): ElementContent[] | Element {
  const context = renderContext(state)
  const base = `${context.prefix}tabs-${++context.tabGroups}`
  const before: ElementContent[] = []
  const tabs: Element[] = []
  const panels: Array<{id: string; tabId: string; children: ElementContent[]}> = []
  for (const child of children) {
    if (child.type !== 'tab') {
      // Content outside every tab (reported by the linter): kept in place.
      const rendered = flow(state, source, [child])
      const panel = panels.at(-1)
      if (panel) panel.children.push(...rendered)
      else before.push(...rendered)
      continue
    }
    const number = tabs.length + 1
    const tabId = `${base}-tab-${number}`
    const panelId = `${base}-panel-${number}`
    const {label, body} = splitLabel(child)
    const title = label ? state.all(label) : []
    const properties = {href: '#' + panelId, id: tabId, className: [context.prefix + 'tab'], role: 'tab', ariaControls: [panelId], ariaSelected: number === 1 ? 'true' : 'false'}
    const link = element('a', properties, title.length > 0 ? title : [text(String(number))])
    state.patch(child, link)
    tabs.push(link)
    panels.push({id: panelId, tabId, children: flow(state, child, body)})
  }
  if (tabs.length === 0) return before
  const tablist = block(state, 'div', {className: [context.prefix + 'tablist'], role: 'tablist'}, tabs)
  const panelElements = panels.map((panel) =>
    block(state, 'div', {id: panel.id, className: [context.prefix + 'tabpanel'], role: 'tabpanel', ariaLabelledBy: [panel.tabId], tabIndex: 0}, panel.children),
  )
  const group = finish(state, source, block(state, 'div', {className: [context.prefix + 'tabs'], dataVkTabs: ''}, [tablist, ...panelElements]))
  return before.length > 0 ? [...before, group] : [group]
}

/** One heading per tab, then its content; other content in the group stays where it is. */
function tabGroupMarkdown(children: ReadonlyArray<Tab | FlowContent>, parent: Parents | undefined, state: MarkdownState, info: Info): string {
  const context = emitContext(state)
  const outer = context.sectionDepth
  const depth = context.tabHeadingDepth === undefined ? outer + 1 : context.tabHeadingDepth + context.tabNesting
  context.tabNesting++
  const parts: string[] = []
  for (const child of children) {
    if (child.type !== 'tab') {
      parts.push(state.handle(child, parent, state, info))
      continue
    }
    const {label, body} = splitLabel(child)
    parts.push(sectionTitle(label?.children ?? [], depth, parent, state, info))
    context.sectionDepth = depth
    const content = blocks(state, child, body, info)
    if (content) parts.push(content)
    context.sectionDepth = outer
  }
  context.tabNesting--
  return parts.filter((part) => part !== '').join('\n\n')
}

const tabsHast: Handler = (state, node: Tabs) => tabGroupHast(state, node, node.children)
/** A `{tab}` outside `{tabs}` (reported by the linter): a group of one. */
const tabHast: Handler = (state, node: Tab) => tabGroupHast(state, node, [node])
const tabsMarkdown: Handle = (node: Tabs, parent, state, info) => tabGroupMarkdown(node.children, parent, state, info)
const tabMarkdown: Handle = (node: Tab, parent, state, info) => tabGroupMarkdown([node], parent, state, info)

export const tabs: Construct = {
  name: 'tabs',
  level: 'block',
  summary: 'A group of tabs; holds only `{tab}` blocks.',
  syntax: {args: 'none', attributes: {}, closed: true, onlyChildren: 'tab'},
  lowering: {block: {titled: false, build: (_kit, _node, _label, children, position) => ({type: 'tabs', children, position})}},
  hast: {tabs: tabsHast},
  markdown: {tabs: tabsMarkdown},
}

export const tab: Construct = {
  name: 'tab',
  level: 'block',
  summary: 'One tab of a `{tabs}` group, with its title.',
  syntax: {args: 'required', argsMeaning: 'title', argsKind: 'markdown', attributes: {}, closed: true, parent: 'tabs'},
  fields: ({args}) => ({title: args ? args.children : []}),
  lowering: {
    block: {titled: true, build: (_kit, _node, label, children, position) => ({type: 'tab', children: label ? [label, ...children] : children, position})},
  },
  hast: {tab: tabHast},
  markdown: {tab: tabMarkdown},
}
