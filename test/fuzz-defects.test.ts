/**
 * Inputs the fuzz properties found to throw, kept as regressions: each must
 * render, convert and lint without throwing.
 */
import {describe, expect, it} from 'vitest'
import {throughApi, throughTree} from './fuzz/targets.js'

/** GFM's autolink-literal transform leaves the text nodes it splits without positions. */
const texts = ['{/tab} www.', '`www.{counter(t)}\n\n', '{linkto(#a)[text=b]} www.x.ru']

describe('inputs the fuzzing found', () => {
  for (const text of texts) {
    it(`handles ${JSON.stringify(text)}`, () => {
      expect(() => throughApi(text)).not.toThrow()
    })
  }

  it('handles an autolink literal after a counter in an included fragment', () => {
    const files = {
      'config/site.mjs': "export default {points: ['public', 'private']}",
      'ru/ru.meta.json': '{"title": "ru"}',
      'ru/a/a.md': '\n{include(/ru/_includes/_x.md)}\n',
      'ru/a/a.meta.json': '{"title": "a", "build": {"for": ["public"]}}',
      'ru/_includes/_x.md': '`www.{counter(t)}\n\n',
    }
    expect(() => throughTree(files)).not.toThrow()
  })
})
