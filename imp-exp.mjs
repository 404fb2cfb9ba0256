const t=performance.now(); await import('/work/main/dist/index.js'); console.log('import',(performance.now()-t).toFixed(0))
