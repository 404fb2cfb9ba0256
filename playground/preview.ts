/**
 * The live preview: a sandboxed frame (scripts allowed, no same origin: even a
 * sanitiser bug could not reach the playground) holding `vkdoc.css`,
 * `tabs.js` and a receiver that swaps in each render's HTML, keeping which
 * cuts are open, which tabs are chosen and where the page was scrolled.
 */

// Filled in by build.mjs from assets/ and playground/.
declare const __VKDOC_CSS__: string
declare const __VKDOC_TABS__: string
declare const __PREVIEW_CSS__: string

/** Runs inside the frame (serialised into its document, so it may use only what the frame has). */
function receiver(): void {
  const page = document.getElementById('page')!
  type Group = HTMLElement & {vkdocSelect?: (index: number, focus: boolean) => void}
  window.addEventListener('message', (event: MessageEvent<{html?: unknown}>) => {
    if (event.source !== window.parent || typeof event.data?.html !== 'string') return
    const open = [...page.querySelectorAll('details')].map((details) => details.open)
    const chosen = [...page.querySelectorAll<Group>('[data-vk-tabs]')].map((group) =>
      [...group.querySelectorAll(':scope > [role=tablist] > [role=tab]')].findIndex((tab) => tab.getAttribute('aria-selected') === 'true'),
    )
    // vkdoc's HTML, sanitised by vkdoc: the point of the preview is to show exactly it.
    page.innerHTML = event.data.html
    page.querySelectorAll('details').forEach((details, index) => {
      if (open[index]) details.open = true
    })
    const vkdocTabs = (window as unknown as {vkdocTabs: {init(root: ParentNode): void}}).vkdocTabs
    vkdocTabs.init(page)
    page.querySelectorAll<Group>('[data-vk-tabs]').forEach((group, index) => {
      const previous = chosen[index]
      if (previous !== undefined && previous > 0) group.vkdocSelect?.(previous, false)
    })
  })
  // Links leave the preview only for anchors on the page itself.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href]')
    if (link && !link.getAttribute('href')!.startsWith('#')) event.preventDefault()
  })
  window.parent.postMessage({ready: true}, '*')
}

function previewDocument(): string {
  // `<\/script>`: the texts sit inside a script element of this document.
  const script = (code: string): string => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>${__VKDOC_CSS__}\n${__PREVIEW_CSS__}</style></head><body><main id="page"></main>${script(__VKDOC_TABS__)}${script(`(${receiver.toString()})()`)}</body></html>`
}

export interface Preview {
  show(html: string): void
}

/** Put the preview frame into `parent`; `show` may be called before the frame is ready. */
export function createPreview(parent: HTMLElement): Preview {
  const frame = document.createElement('iframe')
  frame.title = 'Preview'
  frame.className = 'preview-frame'
  frame.setAttribute('sandbox', 'allow-scripts')
  frame.srcdoc = previewDocument()
  let ready = false
  let pending: string | undefined
  window.addEventListener('message', (event: MessageEvent<{ready?: unknown}>) => {
    if (event.source !== frame.contentWindow || event.data?.ready !== true) return
    ready = true
    if (pending !== undefined) frame.contentWindow!.postMessage({html: pending}, '*')
  })
  parent.append(frame)
  return {
    show(html) {
      pending = html
      if (ready) frame.contentWindow!.postMessage({html}, '*')
    },
  }
}
