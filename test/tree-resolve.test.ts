import {describe, expect, it} from 'vitest'
import {
  hrefFor,
  langOf,
  loadIndex,
  memoryFileSystem,
  pageFolderOf,
  resolveIncludePath,
  resolveLinkTarget,
  type LinkResolution,
} from '../src/tree/index.js'

/** A page (`x/x.md` + `x/x.meta.json`) at each folder. */
function pages(...folders: string[]): Record<string, string> {
  const files: Record<string, string> = {}
  for (const folder of folders) {
    const name = folder.slice(folder.lastIndexOf('/') + 1)
    files[`${folder}/${name}.md`] = `# ${name}\n`
    files[`${folder}/${name}.meta.json`] = `{"title": "${name}"}`
  }
  return files
}

const fs = memoryFileSystem({
  'ru/ru.meta.json': '{}',
  'kz/kz.meta.json': '{}',
  'ru/start/start.meta.json': '{"title": "A section"}',
  ...pages(
    'ru/start/partners/faq',
    'ru/start/partners/about-partners',
    'ru/networks/vnet/concepts/ips-and-inet',
    'ru/tools-for-using-services/account/instructions/lk-entry',
    'ru/storage/s3/concepts/objects-lock',
    'ru/storage/s3/instructions/objects/object-lock',
    'ru/storage/s3/instructions/iamo/iamo-auth',
    'ru/access/iam/instructions/manage-2fa',
    'ru/tools-for-using-services/cli/openstack-cli',
    'kz/start/partners/kz-only',
    'ru/a/same-name',
    'ru/b/same-name',
  ),
  'ru/_includes/_note.md': 'Note.',
  'ru/_includes/_nested.md': '{include(/ru/_includes/_note.md)}',
  'ru/storage/s3/_includes/_keys.md': 'Keys.',
})
const index = loadIndex(fs, {lang: 'ru'})
const faq = 'ru/start/partners/faq'

function page(resolution: LinkResolution) {
  if (resolution.kind !== 'page') throw new Error(`expected a page target, got ${JSON.stringify(resolution)}`)
  return resolution
}

describe('resolveIncludePath', () => {
  const page = 'ru/storage/s3/instructions/objects/object-lock/object-lock.md'

  it('resolves a relative path against the including file folder', () => {
    expect(resolveIncludePath(index, page, '../../../_includes/_keys.md')).toEqual({file: 'ru/storage/s3/_includes/_keys.md'})
    expect(resolveIncludePath(index, 'ru/_includes/_nested.md', './_note.md')).toEqual({file: 'ru/_includes/_note.md'})
  })

  it('resolves /ru/… from the docs root and normalises . and ..', () => {
    expect(resolveIncludePath(index, page, '/ru/_includes/_note.md')).toEqual({file: 'ru/_includes/_note.md'})
    expect(resolveIncludePath(index, page, '/ru/storage/../_includes/./_note.md')).toEqual({file: 'ru/_includes/_note.md'})
  })

  it('ignores whitespace around the path', () => {
    expect(resolveIncludePath(index, page, '  /ru/_includes/_note.md\n')).toEqual({file: 'ru/_includes/_note.md'})
  })

  it('reports a missing file with the path it looked for', () => {
    expect(resolveIncludePath(index, page, '../../../_includes/_gone.md')).toEqual({
      error: 'not-found',
      resolved: 'ru/storage/s3/_includes/_gone.md',
    })
    // A folder is not an includable file.
    expect(resolveIncludePath(index, page, '/ru/_includes')).toMatchObject({error: 'not-found'})
  })

  it('refuses a path that leaves the docs root, without looking at it', () => {
    const looked: string[] = []
    const spying = {...index, fs: {...fs, isFile: (path: string) => (looked.push(path), fs.isFile(path))}}
    expect(resolveIncludePath(spying, 'ru/a/a.md', '../../../etc/passwd')).toEqual({error: 'outside-root', resolved: '../etc/passwd'})
    expect(resolveIncludePath(spying, 'ru/a/a.md', '/../secret.md')).toEqual({error: 'outside-root', resolved: '../secret.md'})
    expect(looked).toEqual([])
  })
})

describe('resolveLinkTarget', () => {
  it('a bare #anchor stays on the same page', () => {
    expect(resolveLinkTarget(index, faq, '#faq-start')).toEqual({kind: 'same-page', anchor: 'faq-start'})
    expect(resolveLinkTarget(index, faq, '  #faq-start\n')).toEqual({kind: 'same-page', anchor: 'faq-start'})
  })

  it('a relative target resolves against the page folder (the folder holding x/x.md)', () => {
    expect(resolveLinkTarget(index, faq, '../about-partners#start-about-partners-study')).toEqual({
      kind: 'page',
      page: 'ru/start/partners/about-partners',
      anchor: 'start-about-partners-study',
      exists: true,
      hint: null,
      suggestion: null,
    })
  })

  it('an absolute /ru/… target is rooted at the docs root', () => {
    expect(page(resolveLinkTarget(index, 'ru/a/same-name', '/ru/start/partners/faq#x'))).toMatchObject({page: faq, exists: true})
  })

  it('a trailing slash is ignored, also before the anchor', () => {
    expect(page(resolveLinkTarget(index, faq, '../about-partners/#start'))).toMatchObject({
      page: 'ru/start/partners/about-partners',
      anchor: 'start',
      exists: true,
    })
    expect(page(resolveLinkTarget(index, faq, '/ru/start/partners/about-partners/'))).toMatchObject({exists: true, anchor: null})
  })

  it('whitespace and newlines around a multi-line target are trimmed', () => {
    expect(page(resolveLinkTarget(index, faq, '\n      ../about-partners#start\n  '))).toMatchObject({
      page: 'ru/start/partners/about-partners',
      exists: true,
    })
  })

  it('a section (meta without .md) is a valid target; a folder without a meta is not', () => {
    expect(page(resolveLinkTarget(index, faq, '../../../start'))).toMatchObject({page: 'ru/start', exists: true})
    expect(page(resolveLinkTarget(index, faq, '..'))).toMatchObject({page: 'ru/start/partners', exists: false})
  })

  it('keeps everything after the first # as the anchor', () => {
    expect(page(resolveLinkTarget(index, faq, '../about-partners#iam-roles#basic'))).toMatchObject({anchor: 'iam-roles#basic'})
    expect(page(resolveLinkTarget(index, faq, '../about-partners#'))).toMatchObject({anchor: null, exists: true})
  })

  it('a .md suffix is not stripped, but the hint names the folder meant', () => {
    expect(resolveLinkTarget(index, faq, '../about-partners/about-partners.md#x')).toEqual({
      kind: 'page',
      page: 'ru/start/partners/about-partners/about-partners.md',
      anchor: 'x',
      exists: false,
      hint: 'remove the .md suffix: ru/start/partners/about-partners exists',
      suggestion: 'ru/start/partners/about-partners',
    })
  })

  it('hints when the path climbs above the language folder with one ../ too many', () => {
    const from = 'ru/kubernetes/k8s/how-to-guides/velero-private'
    expect(page(resolveLinkTarget(index, from, '../../../../../networks/vnet/concepts/ips-and-inet#floating-ip'))).toMatchObject({
      page: 'networks/vnet/concepts/ips-and-inet',
      exists: false,
      hint: "the path climbs above the language folder: one '../' too many; ru/networks/vnet/concepts/ips-and-inet exists",
      suggestion: 'ru/networks/vnet/concepts/ips-and-inet',
    })
  })

  it('a path that climbs above the docs root is missing and never looked up', () => {
    expect(page(resolveLinkTarget(index, 'ru/a/same-name', '../../../../x/y'))).toMatchObject({
      page: '../x/y',
      exists: false,
      hint: 'the path climbs above the docs root',
    })
  })

  it("hints one '../' too few", () => {
    const from = 'ru/tools-for-using-services/cli/openstack-cli'
    expect(page(resolveLinkTarget(index, from, '../../access/iam/instructions/manage-2fa#on'))).toMatchObject({
      page: 'ru/tools-for-using-services/access/iam/instructions/manage-2fa',
      exists: false,
      hint: "one '../' too few: ru/access/iam/instructions/manage-2fa exists",
      suggestion: 'ru/access/iam/instructions/manage-2fa',
    })
  })

  it("hints one '../' too many inside the language", () => {
    const from = 'ru/storage/s3/instructions/objects/object-lock'
    expect(page(resolveLinkTarget(index, from, '../../../iamo/iamo-auth#x'))).toMatchObject({
      page: 'ru/storage/s3/iamo/iamo-auth',
      exists: false,
      hint: "one '../' too many: ru/storage/s3/instructions/iamo/iamo-auth exists",
    })
  })

  it('hints a page with the same name elsewhere in the language', () => {
    const from = 'ru/intro/prerequisites/prerequisites-openstack-cli'
    expect(page(resolveLinkTarget(index, from, '../../account/instructions/lk-entry#x'))).toMatchObject({
      page: 'ru/intro/account/instructions/lk-entry',
      exists: false,
      hint: 'a page with this name exists at ru/tools-for-using-services/account/instructions/lk-entry',
      suggestion: 'ru/tools-for-using-services/account/instructions/lk-entry',
    })
    expect(page(resolveLinkTarget(index, faq, '../same-name'))).toMatchObject({
      hint: 'pages with this name exist at ru/a/same-name, ru/b/same-name',
      suggestion: null,
    })
  })

  it('hints that the page exists in another language, also one that was not loaded', () => {
    expect(page(resolveLinkTarget(index, faq, '../kz-only'))).toMatchObject({
      page: 'ru/start/partners/kz-only',
      exists: false,
      hint: 'exists in another language: kz/start/partners/kz-only',
    })
    // kz was not loaded: its folders are asked of the file system.
    expect(page(resolveLinkTarget(index, faq, '/kz/start/partners/kz-only'))).toMatchObject({exists: true})
    expect(page(resolveLinkTarget(index, faq, '/kz/start/partners/faq'))).toMatchObject({
      exists: false,
      hint: 'exists in another language: ru/start/partners/faq',
    })
  })

  it('hints the language folder an absolute path forgot', () => {
    expect(page(resolveLinkTarget(index, faq, '/start/partners/about-partners#x'))).toMatchObject({
      page: 'start/partners/about-partners',
      exists: false,
      hint: 'absolute paths start with the language folder: ru/start/partners/about-partners exists',
    })
  })

  it('gives no hint when nothing close exists', () => {
    expect(page(resolveLinkTarget(index, faq, '../nowhere-at-all#x'))).toMatchObject({exists: false, hint: null, suggestion: null})
  })
})

describe('hrefFor', () => {
  it('makes a site-absolute href with an optional anchor', () => {
    expect(hrefFor(index, 'ru/start/partners/about-partners', 'x')).toBe('/ru/start/partners/about-partners#x')
    expect(hrefFor(index, 'ru/start/partners/about-partners', null)).toBe('/ru/start/partners/about-partners')
  })

  it('puts the page under a base path', () => {
    expect(hrefFor(index, 'ru/start', null, {base: '/docs/'})).toBe('/docs/ru/start')
    expect(hrefFor(index, 'ru/start', 'a', {base: 'https://example.com/docs'})).toBe('https://example.com/docs/ru/start#a')
  })

  it('percent-encodes what a URL cannot carry as is', () => {
    expect(hrefFor(index, 'ru/start', '1cgrm-connect-1с')).toBe('/ru/start#1cgrm-connect-1%D1%81')
    expect(hrefFor(index, 'ru/a b', 'x y')).toBe('/ru/a%20b#x%20y')
  })
})

describe('path helpers', () => {
  it('langOf is the first segment of a root-relative path', () => {
    expect(langOf('ru/start/partners/faq')).toBe('ru')
    expect(langOf('/kz/_includes/_a.md')).toBe('kz')
    expect(langOf('')).toBeNull()
  })

  it('pageFolderOf is the folder of a page file x/x.md, null for anything else', () => {
    expect(pageFolderOf('ru/start/partners/faq/faq.md')).toBe(faq)
    expect(pageFolderOf('ru/_includes/_note.md')).toBeNull()
    expect(pageFolderOf('kz/api/endpoints.md')).toBeNull()
    expect(pageFolderOf('faq.md')).toBeNull()
  })
})
