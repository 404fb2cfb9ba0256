/**
 * The playground in a real browser: Debian's Chromium (`/usr/bin/chromium`)
 * driven by playwright-core opens the built page from disk; typing updates
 * the preview, an unclosed `{cut(` is listed and a click on it selects it in
 * the editor, the preview's tabs switch, the build target and the output
 * panes work, and nothing is logged as an error. Skipped, saying so, where
 * Chromium is not installed (`.ci/run` installs it).
 *
 * Screenshots of the page at laptop width are written to
 * `out/playground/screenshot*.png` for people to look at.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromium, type BrowserContext, type Frame, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {toJson} from '../src/index.js'

const chromiumPath = '/usr/bin/chromium'
const hasChromium = existsSync(chromiumPath)
const root = fileURLToPath(new URL('..', import.meta.url))
const seedFile = join(root, '../shared/seed/partners-faq.md')
const hasSeed = existsSync(seedFile)

interface PlaygroundBuild {
  buildPlayground(options: {out: string; examples?: string[]}): Promise<{files: string[]; bytes: number}>
}

describe.skipIf(!hasChromium)(`the playground in Chromium${hasChromium ? '' : ' (skipped: no /usr/bin/chromium; apt-get install -y chromium)'}`, () => {
  let context: BrowserContext
  let page: Page
  let profile: string
  let out: string
  const errors: string[] = []

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vkdoc-playground-'))
    profile = mkdtempSync(join(tmpdir(), 'vkdoc-chromium-profile-'))
    const {buildPlayground} = (await import(pathToFileURL(join(root, 'playground/build.mjs')).href)) as PlaygroundBuild
    await buildPlayground({out, examples: hasSeed ? [seedFile] : []})
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: {width: 1366, height: 800},
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(pathToFileURL(join(out, 'index.html')).href)
    await preview().locator('main#page > *').first().waitFor()
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    for (const dir of [out, profile]) if (dir) rmSync(dir, {recursive: true, force: true})
  })

  /** The preview frame (the only frame of the page). */
  function previewFrame(): Frame {
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())
    if (!frame) throw new Error('no preview frame')
    return frame
  }
  const preview = () => page.frameLocator('iframe.preview-frame')

  async function chooseExample(name: string): Promise<void> {
    await page.selectOption('#example', name)
    await expect.poll(() => page.inputValue('#example')).toBe(name)
  }

  async function typeAtEnd(text: string): Promise<void> {
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }

  it.skipIf(!hasSeed)('opens with the seed: its 15 questions in the preview and in the FAQ JSON pane', async () => {
    expect(await page.inputValue('#example')).toBe('partners-faq.md')
    await expect.poll(() => preview().locator('details.vk-cut').count()).toBe(15)
    await page.click('#tab-faq')
    const faq = JSON.parse((await page.textContent('#out-faq')) ?? '') as {questions: unknown[]}
    expect(faq.questions).toHaveLength(toJson(readFileSync(seedFile, 'utf8'), {faq: true}).questions.length)
    expect(faq.questions).toHaveLength(15)
    await page.click('#tab-preview')
    expect(await page.textContent('#status')).toMatch(/15 questions/)
  })

  it('updates the preview while typing', async () => {
    await chooseExample('Dialect tour')
    await typeAtEnd('\n\n## Typed just now\n\nA new paragraph.\n')
    await expect.poll(() => preview().locator('h2', {hasText: 'Typed just now'}).count(), {timeout: 5000}).toBe(1)
  })

  it('lists an unclosed {cut( and selects its text in the editor when clicked', async () => {
    await typeAtEnd('\n{cut(Left open?)}\nNo closer follows.\n')
    const problem = page.locator('#problems .problem', {hasText: 'unclosed-block'})
    await expect.poll(() => problem.count(), {timeout: 5000}).toBe(1)
    expect(await problem.getAttribute('class')).toContain('problem-error')
    await problem.click()
    // (A string expression: this test file is type-checked without the DOM library.)
    await expect.poll(() => page.evaluate('document.getSelection().toString()')).toBe('{cut(Left open?)}')
    // The editor marks the range too (a lint squiggle).
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0)
  })

  it('switches the tabs of the preview', async () => {
    const tabs = preview().locator('[data-vk-tabs] [role=tab]')
    await tabs.nth(1).click()
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true')
    expect(await preview().locator('[role=tabpanel]').nth(1).isVisible()).toBe(true)
    expect(await preview().locator('[role=tabpanel]').nth(0).isVisible()).toBe(false)
  })

  it('keeps an opened cut and a chosen tab open while the text changes', async () => {
    await preview().locator('details.vk-cut > summary').first().click()
    expect(await preview().locator('details.vk-cut').first().getAttribute('open')).toBe('')
    await typeAtEnd('\nOne more line.\n')
    await expect.poll(() => preview().getByText('One more line.').count(), {timeout: 5000}).toBe(1)
    expect(await preview().locator('details.vk-cut').first().getAttribute('open')).toBe('')
    expect(await preview().locator('[data-vk-tabs] [role=tab]').nth(1).getAttribute('aria-selected')).toBe('true')
  })

  it('renders for the chosen build target', async () => {
    await page.selectOption('#target', 'private')
    await expect.poll(() => preview().getByText('built for every target but public').count()).toBe(1)
    expect(await preview().getByText('built for the public site only').count()).toBe(0)
    await page.selectOption('#target', 'public')
    await expect.poll(() => preview().getByText('built for the public site only').count()).toBe(1)
  })

  it('shows the plain Markdown and the AST of the same text', async () => {
    await page.click('#tab-markdown')
    expect(await page.textContent('#out-markdown')).toContain('> [!NOTE]')
    await page.click('#tab-ast')
    expect(JSON.parse((await page.textContent('#out-ast')) ?? '')).toMatchObject({type: 'root'})
    await page.selectOption('#ast-kind', 'mdast')
    expect(await page.textContent('#out-ast')).toContain('"type": "tabs"')
    await page.click('#tab-preview')
  })

  it('logs no console error, and leaves screenshots at laptop width', async () => {
    mkdirSync(join(root, 'out/playground'), {recursive: true})
    await chooseExample('Problems')
    await page.locator('#problems .problem').first().click()
    await page.screenshot({path: join(root, 'out/playground/screenshot-problems.png')})
    await chooseExample(hasSeed ? 'partners-faq.md' : 'Dialect tour')
    await page.screenshot({path: join(root, 'out/playground/screenshot.png')})
    expect(previewFrame().url()).toBe('about:srcdoc')
    expect(errors).toEqual([])
  })
})
