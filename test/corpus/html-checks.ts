/**
 * Small readers of rendered pages for the corpus rendering tests: the text a
 * reader should see in a source, the text and words of an HTML string, and a
 * tag-balance check.
 */
import type {InlineContent} from '../../src/node.js'

const blockNames = new Set(['cut', 'note', 'tabs', 'tab', 'caption'])

/** The text a reader should see, from the dialect AST of an expanded page: titles and link texts kept, syntax dropped. */
export function visibleText(nodes: readonly InlineContent[], text: string): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value
      if (node.type === 'close' || node.context === 'comment') return ' '
      const raw = text.slice(node.position.start.offset!, node.position.end.offset!)
      if (node.malformed && !blockNames.has(node.name)) return raw
      if (node.context !== 'text') return raw
      if (node.name === 'linkto') {
        const label = node.attributes?.find((attribute) => attribute.key === 'text')
        return label ? ` ${visibleText(label.value.children, text)} ` : ' '
      }
      if ((node.name === 'cut' || node.name === 'tab' || node.name === 'heading' || node.name === 'caption') && node.args) return ` ${visibleText(node.args.children, text)} `
      if (node.name === 'formula') return ` ${node.body ?? ''} `
      return ' '
    })
    .join('')
}

/** Visible source text without what never shows as words: comments, link targets, raw tags, URLs, table attributes. */
export function withoutNonWords(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '] ')
    .replace(/<[^>\n]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^\s*\[cols=.*\]\s*$/gm, ' ')
    .replace(/%text|%number/g, ' ')
    .replace(/!\[\{swagger\}\]/g, ' ')
}

/** Words of three letters or more. */
export const words = (text: string): Set<string> => new Set(text.match(/\p{L}{3,}/gu) ?? [])

/** HTML character references back to characters. */
export function decode(html: string): string {
  return html
    .replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

/** The words a reader of the HTML sees: text, and the alt, title, class and href attributes. */
export function htmlWords(html: string): Set<string> {
  const attributes = [...html.matchAll(/(?:alt|title|class|href)="([^"]*)"/g)].map((match) => match[1]!).join(' ')
  return words(decode(html.replace(/<[^>]+>/g, ' ')) + ' ' + decode(attributes))
}

const voidElements = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** Tags open and close in order (a stack check; hast-util-to-html never omits closing tags by default). */
export function wellFormed(html: string): boolean {
  const stack: string[] = []
  for (const match of html.matchAll(/<(\/?)([a-z][a-z\d-]*)\b[^>]*?(\/?)>/gi)) {
    const name = match[2]!.toLowerCase()
    if (voidElements.has(name) || match[3]) continue
    if (!match[1]) stack.push(name)
    else if (stack.pop() !== name) return false
  }
  return stack.length === 0
}
