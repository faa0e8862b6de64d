import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import"./chunk-7I4UFO3X.js";function renderRules(rules,format){let sorted=[...rules].sort((a,b)=>a.id<b.id?-1:a.id>b.id?1:0);switch(format){case"json":return JSON.stringify(sorted.map(({id,family,title,description,severity,cwe,owasp,precision})=>({id,family,title,description,severity,cwe,owasp,precision})),null,2)+`
`;case"markdown":return["| id | severity | title | CWE | OWASP LLM |","|---|---|---|---|---|",...sorted.map(r=>`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.title.replace(/\|/g,"\\|")} | ${r.cwe.join(", ")} | ${r.owasp.join(", ")} |`),""].join(`
`);case"text":{let width=Math.max(...sorted.map(r=>r.id.length),2);return sorted.map(r=>`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}`).join(`
`)+`

${sorted.length} rules. Details: docs/rules/<id>.md, or promptgate rules --format markdown
`}}}export{renderRules};
