const lib = await import(process.cwd()+'/dist/index.js')
const root='../shared/corpus'
const cpu=()=>{const u=process.cpuUsage();return (u.user+u.system)/1000}
const mode=process.argv[2]||'both'
for(let pass=0;pass<2;pass++){
 if(mode!=='lint'){let s=cpu(), w=performance.now(); const tree=lib.loadDocs(root,{lang:'ru'}); let b=0; for(const page of tree.pages()){ if(!page.targets.includes('public')) continue; b+=lib.hastToHtml(lib.mdastToHast(tree.render(page.file,{target:'public'}).mdast)).length} console.log('build cpu',(cpu()-s).toFixed(0),'wall',(performance.now()-w).toFixed(0))}
 if(mode!=='build'){let s=cpu(), w=performance.now(); const tree=lib.loadDocs(root,{lang:'ru'}); const d=lib.validate(tree); console.log('lint cpu',(cpu()-s).toFixed(0),'wall',(performance.now()-w).toFixed(0),'diags',d.length)}
}
