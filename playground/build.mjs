/**
 * Build the playground: a static folder (index.html + playground.js) that
 * works from any web server or straight from disk.
 *
 *   node playground/build.mjs [--out DIR] [--example FILE]...
 *
 * Files given with --example come first in the example list; without any,
 * the seed page `../shared/seed/partners-faq.md` is used when it is there.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'
import {build} from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..')
export const defaultSeed = resolve(root, '../shared/seed/partners-faq.md')

/** An example from a file: its name says what it is (a FAQ page turns the FAQ rules on). */
function exampleFromFile(file) {
  return {name: basename(file), text: readFileSync(file, 'utf8')}
}

/** JSON that may sit inside a `<script>` element: no `<` at all. */
function scriptSafeJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/**
 * Write `index.html` and `playground.js` into `out`.
 * @param {{out: string, examples?: string[], minify?: boolean}} options
 * @returns {Promise<{files: string[], bytes: number}>}
 */
export async function buildPlayground({out, examples = [], minify = true}) {
  const text = (file) => readFileSync(join(root, file), 'utf8')
  const result = await build({
    entryPoints: [join(here, 'main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify,
    write: false,
    logLevel: 'warning',
    define: {
      __VKDOC_CSS__: JSON.stringify(text('assets/vkdoc.css')),
      __VKDOC_TABS__: JSON.stringify(text('assets/tabs.js')),
      __PREVIEW_CSS__: JSON.stringify(text('playground/preview.css')),
    },
  })
  const script = result.outputFiles[0].text
  const page = text('playground/index.html')
    .replace('/*STYLE*/', () => text('playground/style.css'))
    .replace('/*EXAMPLES*/', () => scriptSafeJson(examples.map(exampleFromFile)))
    .replace('<script>/*SCRIPT*/</script>', '<script src="playground.js"></script>')
  mkdirSync(out, {recursive: true})
  writeFileSync(join(out, 'index.html'), page)
  writeFileSync(join(out, 'playground.js'), script)
  return {files: [join(out, 'index.html'), join(out, 'playground.js')], bytes: page.length + script.length}
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const {values} = parseArgs({options: {out: {type: 'string', default: 'out/playground'}, example: {type: 'string', multiple: true}}})
  let examples = values.example ?? []
  if (examples.length === 0 && existsSync(defaultSeed)) examples = [defaultSeed]
  for (const file of examples) if (!existsSync(file)) throw new Error(`playground: no such example file: ${file}`)
  const {files, bytes} = await buildPlayground({out: values.out, examples})
  console.log(`playground: ${files.join(', ')} (${Math.round(bytes / 1024)} KiB); open ${join(values.out, 'index.html')} in a browser`)
  if (examples.length === 0) console.log('playground: ../shared/seed/partners-faq.md not found, built-in examples only')
}
