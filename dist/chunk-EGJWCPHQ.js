import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
function withoutBom(text){return text.charCodeAt(0)===65279?text.slice(1):text}var LineIndex=class{starts=[0];lastLine=0;constructor(text,breaks="lf"){if(breaks==="any"){for(let i=0;i<text.length;i++){let c=text.charCodeAt(i);(c===10||c===13&&text.charCodeAt(i+1)!==10)&&this.starts.push(i+1)}return}let at=text.indexOf(`
`);for(;at!==-1;)this.starts.push(at+1),at=text.indexOf(`
`,at+1)}lineOf(offset){let starts=this.starts,last=this.lastLine;if(offset>=starts[last]&&(last+1>=starts.length||offset<starts[last+1]))return last;let next=last+1;if(next<starts.length&&offset>=starts[next]&&(next+1>=starts.length||offset<starts[next+1]))return this.lastLine=next,next;let lo=0,hi=starts.length-1;for(;lo<hi;){let mid=lo+hi+1>>1;starts[mid]<=offset?lo=mid:hi=mid-1}return this.lastLine=lo,lo}position(offset){let line=this.lineOf(offset);return{line:line+1,column:offset-this.starts[line]+1}}lineStart(line){return this.starts[line-1]}span(start,end){let line=this.lineOf(start),column=start-this.starts[line]+1,endLineIndex=end===start?line:this.lineOf(end);return{line:line+1,column,endLine:endLineIndex+1,endColumn:end-this.starts[endLineIndex]+1}}};export{withoutBom,LineIndex};
