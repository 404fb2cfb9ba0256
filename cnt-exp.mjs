const lib = await import(process.cwd()+'/dist/index.js')
const tree=lib.loadDocs('../shared/corpus',{lang:'ru'})
let pub=0, first=0, distinct=0, nd=0, pages=0, multi=0, extraChars=0
const targetsHist=new Map()
for(const page of tree.pages()){ if(page.dontbuild) continue; pages++
  const texts=new Set(); for(const t of page.targets.length?page.targets:['public']) texts.add(tree.expand(page.file,t).text)
  const arr=[...texts]; distinct+=arr.reduce((a,t)=>a+t.length,0); nd+=arr.length; first+=arr[0].length
  if(page.targets.includes('public')) pub+=tree.expand(page.file,'public').text.length
  if(arr.length>1){multi++; extraChars+=arr.slice(1).reduce((a,t)=>a+t.length,0)}
  const k=(page.targets||[]).join(','); targetsHist.set(k,(targetsHist.get(k)||0)+1)
}
console.log({pages,pub,first,distinct,nd,multi,extraChars})
console.log([...targetsHist].sort((a,b)=>b[1]-a[1]).slice(0,10))
