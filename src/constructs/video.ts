/**
 * `{video(https://vkvideo.ru/…)[type=vk]}`: an embedded video on its own
 * line (an `<iframe>` for allow-listed hosts, a `<video>` for `.mp4`, else a
 * link); inside a sentence it cannot be an embed and becomes a link.
 */
import type {ElementContent} from 'hast'
import type {Literal} from 'mdast'
import type {Handler} from 'mdast-util-to-hast'
import type {Handle} from 'mdast-util-to-markdown'
import type {VideoDirective} from '../ast.js'
import {element, finish, renderContext, text} from '../render/hast-kit.js'
import {linkParagraph} from '../render/markdown-kit.js'
import {uiString} from '../render/ui-strings.js'
import {isSafeUrl, safeUrl} from '../render/sanitize.js'
import type {Construct} from './types.js'
import {argsText, attributeText} from './values.js'

export interface Video extends Literal {
  type: 'video'
  /** The URL as written (`value` holds it too). */
  url: string
  videoType: string | null
}

declare module 'mdast' {
  interface RootContentMap {
    video: Video
  }
  interface BlockContentMap {
    video: Video
  }
}

/** The `https` URL of an allow-listed host, ready to embed, or `undefined`. */
function embeddableUrl(url: string, hosts: ReadonlySet<string>): string | undefined {
  if (!/^https:\/\//i.test(url)) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined
    return hosts.has(parsed.hostname.toLowerCase()) ? parsed.href : undefined
  } catch {
    return undefined
  }
}

function isMp4(url: string): boolean {
  return /\.mp4$/i.test(url.replace(/[?#].*$/s, ''))
}

const toHast: Handler = (state, node: Video) => {
  const context = renderContext(state)
  const url = (node.url || node.value).trim()
  const embed = embeddableUrl(url, context.videoHosts)
  let media: ElementContent
  if (embed) {
    media = element(
      'iframe',
      {
        src: embed,
        title: uiString(context.lang, 'video'),
        sandbox: ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'],
        allow: 'encrypted-media; fullscreen; picture-in-picture',
        allowFullScreen: true,
        loading: 'lazy',
        referrerPolicy: 'strict-origin-when-cross-origin',
      },
      [],
    )
    context.trusted.push(media)
  } else if (isMp4(url) && isSafeUrl(url, 'src')) {
    media = element('video', {src: url, controls: true, preload: 'metadata'}, [element('a', {href: url}, [text(url)])])
    context.trusted.push(media)
  } else if (isSafeUrl(url)) {
    media = element('a', {href: url}, [text(url)])
  } else {
    media = text(url)
  }
  return finish(state, node, element('div', {className: [context.prefix + 'video']}, [media]))
}

const toMarkdown: Handle = (node: Video, parent, state, info) => {
  const url = (node.url || node.value).trim()
  return linkParagraph(safeUrl(url), url, parent, state, info)
}

export const video: Construct = {
  name: 'video',
  level: 'block',
  summary: 'An embedded video (allow-listed hosts), a player for `.mp4`, or a link.',
  syntax: {args: 'required', argsMeaning: 'URL', argsKind: 'url', argsNonEmpty: true, attributes: {type: {kind: 'text', summary: 'The video host kind, as written by authors.'}}},
  fields: ({args, attributes}) => ({url: argsText(args), videoType: attributeText(attributes, 'type')}),
  lowering: {
    leafBlock: (_kit, node, position) => {
      const directive = node as VideoDirective
      return {type: 'video', url: directive.url, value: directive.url, videoType: directive.videoType, position}
    },
    // A video written inside a sentence cannot be an embed there: it becomes a link.
    leaf: (_kit, node, position) => {
      const url = (node as VideoDirective).url
      return {type: 'link', url, children: [{type: 'text', value: url, position}], position}
    },
  },
  hast: {video: toHast},
  markdown: {video: toMarkdown},
}
