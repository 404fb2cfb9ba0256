const lib = await import('./dist/index.js')
const src = '- '.repeat(1000) + 'x'
for (const fn of ['toHtml', 'toMarkdown', 'validate', 'compile']) {
  const t = performance.now(); lib[fn](src); console.log(fn, Math.round(performance.now() - t), 'ms')
}
