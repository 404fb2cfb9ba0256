/**
 * assets/tabs.js in a DOM (happy-dom): any URL hash is harmless, and panels
 * are found inside their group, so an author id equal to a generated panel
 * id cannot hijack a tab.
 */
import {readFileSync} from 'node:fs'
import {Window} from 'happy-dom'
import {describe, expect, it} from 'vitest'
import {toHtml} from '../src/index.js'

const script = readFileSync(new URL('../assets/tabs.js', import.meta.url), 'utf8')
const page = toHtml('## {heading(Чужой)[id=vk-tabs-1-panel-2]}\n\n{tabs}\n{tab(Linux)}\nКоманда Linux.\n{/tab}\n{tab(Windows)}\nКоманда Windows.\n{/tab}\n{/tabs}\n')

function run(hash: string, html = page): {window: Window; errors: unknown[]} {
  const window = new Window({url: `https://docs.example/ru/x${hash}`})
  const errors: unknown[] = []
  window.addEventListener('error', (event) => errors.push((event as unknown as {error: unknown}).error))
  window.document.body.innerHTML = html
  try {
    window.eval(script)
  } catch (error) {
    errors.push(error)
  }
  return {window, errors}
}

describe('tabs.js', () => {
  it('opens the FAQ question a URL hash names, and the <details> holding what the hash points into', () => {
    const faq = toHtml('{cut(Как оплатить?)}\nКартой.\n{/cut}\n\n{cut(Другой вопрос)}\n## {heading(Внутри)[id=inside]}\n{/cut}\n')
    const openOf = (window: Window) => [...window.document.querySelectorAll('details')].map((details) => (details as unknown as {open: boolean}).open)
    expect(openOf(run('', faq).window)).toEqual([false, false])
    const named = run(`#${encodeURIComponent('как-оплатить')}`, faq)
    expect([named.errors, openOf(named.window)]).toEqual([[], [true, false]])
    const inside = run('#inside', faq)
    expect(openOf(inside.window)).toEqual([false, true])
  })

  it('wires the group even when an author id equals a panel id', () => {
    expect(page).toContain('id="vk-tabs-1-panel-2"')
    const {window, errors} = run('')
    expect(errors).toEqual([])
    const panels = [...window.document.querySelectorAll('[role="tabpanel"]')]
    expect(panels.map((panel) => (panel as unknown as {hidden: boolean}).hidden)).toEqual([false, true])
    const tabs = [...window.document.querySelectorAll('[role="tab"]')] as unknown as Array<{click(): void}>
    tabs[1]!.click()
    expect(panels.map((panel) => (panel as unknown as {hidden: boolean}).hidden)).toEqual([true, false])
    // The author's heading is untouched.
    expect(window.document.querySelector('h2')!.hasAttribute('hidden')).toBe(false)
  })

  for (const hash of ['#%', '#%E0%A4%A', '#%zz', '#' + '%'.repeat(1000), "#'\"<svg onload=alert(1)>", '#vk-tabs-1-panel-2']) {
    it(`does not throw on the hash ${JSON.stringify(hash.slice(0, 30))}`, () => {
      const {window, errors} = run(hash)
      expect(errors).toEqual([])
      expect(window.document.querySelector('[data-vk-tabs]')!.hasAttribute('data-vk-tabs-ready')).toBe(true)
    })
  }
})
