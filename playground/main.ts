/**
 * The playground page: an editor, a live preview and the other outputs of
 * the same text, the diagnostics (a click selects their range), a build
 * target and the examples. Everything runs in the page; nothing is sent
 * anywhere.
 */
import type {EditorView} from '@codemirror/view'
import {createEditor, replaceText, selectRange, showAnalysis} from './editor.js'
import {builtInExamples, type Example} from './examples.js'
import {createPreview} from './preview.js'
import {renderSource, treeJson, type PlaygroundDiagnostic, type PlaygroundOutput} from './render.js'

/** The build targets of the VK Cloud docs (`{ifdef(…)}` names). */
const targets = ['public', 'private', 'private-pg', 'private-pdf', 'private-pg-pdf', 'private-cert', 's3', 's3-pdf', 'data-platform', 'data-p-pdf']

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`playground: #${id} is missing from the page`)
  return found as T
}

const examples: Example[] = [...(JSON.parse(element('examples').textContent ?? '[]') as Example[]), ...builtInExamples]
/** Edits are kept per example, so switching back and forth loses nothing. */
const texts = new Map<string, string>(examples.map((example) => [example.name, example.text]))

const exampleSelect = element<HTMLSelectElement>('example')
const targetSelect = element<HTMLSelectElement>('target')
const faqRules = element<HTMLInputElement>('faq-rules')
const status = element('status')
const problems = element<HTMLOListElement>('problems')
const problemCount = element('problem-count')
const astKind = element<HTMLSelectElement>('ast-kind')
const astPositions = element<HTMLInputElement>('ast-positions')

for (const example of examples) exampleSelect.add(new Option(example.name, example.name))
for (const target of targets) targetSelect.add(new Option(target, target))
/** FAQ pages are linted with the FAQ rules (the box stays free to change). */
const isFaqExample = (name: string): boolean => /faq/i.test(name)
faqRules.checked = isFaqExample(examples[0]?.name ?? '')

const preview = createPreview(element('pane-preview'))
let last: PlaygroundOutput | undefined

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function renderProblems(view: EditorView, diagnostics: readonly PlaygroundDiagnostic[]): void {
  problemCount.textContent = String(diagnostics.length)
  problems.replaceChildren(
    ...diagnostics.map((diagnostic) => {
      const item = document.createElement('li')
      const button = document.createElement('button')
      button.type = 'button'
      button.className = `problem problem-${diagnostic.severity}`
      button.title = `Select ${diagnostic.line}:${diagnostic.column} in the editor`
      const icon = document.createElement('span')
      icon.className = 'problem-icon'
      icon.setAttribute('aria-label', diagnostic.severity)
      const place = document.createElement('span')
      place.className = 'problem-place'
      place.textContent = `${diagnostic.line}:${diagnostic.column}`
      const message = document.createElement('span')
      message.className = 'problem-message'
      message.textContent = diagnostic.message
      const code = document.createElement('code')
      code.className = 'problem-code'
      code.textContent = diagnostic.code
      code.title = diagnostic.url
      button.append(icon, place, message, code)
      button.addEventListener('click', () => selectRange(view, diagnostic.from, diagnostic.to))
      item.append(button)
      return item
    }),
  )
  if (diagnostics.length === 0) {
    const item = document.createElement('li')
    item.className = 'problem-none'
    item.textContent = 'No problems.'
    problems.append(item)
  }
}

function renderStatus(output: PlaygroundOutput): void {
  const errors = output.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  const warnings = output.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')]
  if (output.faq.questions.length > 0) parts.push(plural(output.faq.questions.length, 'question'))
  parts.push(`${Math.max(1, Math.round(output.milliseconds))} ms`)
  status.textContent = parts.join(' · ')
  status.dataset['state'] = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'clean'
}

function renderAst(): void {
  if (!last) return
  element('out-ast').textContent = treeJson(astKind.value === 'mdast' ? last.mdast : last.ast, astPositions.checked)
}

function update(view: EditorView): void {
  const output = renderSource(view.state.doc.toString(), {target: targetSelect.value, faqRules: faqRules.checked})
  last = output
  preview.show(output.html)
  element('out-html').textContent = output.html
  element('out-faq').textContent = JSON.stringify(output.faq, null, 2)
  element('out-markdown').textContent = output.markdown
  renderAst()
  showAnalysis(view, output.ast, output.diagnostics)
  renderProblems(view, output.diagnostics)
  renderStatus(output)
}

let timer: ReturnType<typeof setTimeout> | undefined
const view = createEditor(element('editor'), examples[0]?.text ?? '', (text) => {
  texts.set(exampleSelect.value, text)
  clearTimeout(timer)
  // Render once typing pauses; the seed renders in a few milliseconds, so this stays live.
  timer = setTimeout(() => update(view), 120)
})

exampleSelect.addEventListener('change', () => {
  replaceText(view, texts.get(exampleSelect.value) ?? '')
  faqRules.checked = isFaqExample(exampleSelect.value)
  update(view)
})
targetSelect.addEventListener('change', () => update(view))
faqRules.addEventListener('change', () => update(view))
astKind.addEventListener('change', renderAst)
astPositions.addEventListener('change', renderAst)

// Output tabs (WAI-ARIA tabs: arrows move between them).
const outputTabs = [...document.querySelectorAll<HTMLButtonElement>('.tabs [role=tab]')]
function chooseTab(chosen: HTMLButtonElement, focus: boolean): void {
  for (const tab of outputTabs) {
    const selected = tab === chosen
    tab.setAttribute('aria-selected', String(selected))
    tab.tabIndex = selected ? 0 : -1
    element(tab.getAttribute('aria-controls')!).hidden = !selected
  }
  if (focus) chosen.focus()
}
outputTabs.forEach((tab, index) => {
  tab.addEventListener('click', () => chooseTab(tab, false))
  tab.addEventListener('keydown', (event) => {
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : undefined
    if (next === undefined) return
    event.preventDefault()
    chooseTab(outputTabs[(next + outputTabs.length) % outputTabs.length]!, true)
  })
})

update(view)
