import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
function emptyFileModel(path,language,source){return{path,language,source,imports:[],calls:[],assignments:[],functions:[],returns:[],loops:[],tries:[],conditions:[],envReads:[],comments:[],directives:[],syntaxErrors:[]}}function forEachChildExpr(expr,visit){switch(expr.kind){case"template":for(let part of expr.parts)typeof part!="string"&&visit(part);return;case"member":visit(expr.object);return;case"index":visit(expr.object),visit(expr.index);return;case"object":for(let entry of expr.entries)visit(entry.value);return;case"array":for(let element of expr.elements)visit(element);return;case"binary":visit(expr.left),visit(expr.right);return;case"other":for(let child of expr.children)visit(child);return;default:return}}function spanContains(outer,inner){return!(inner.line<outer.line||inner.endLine>outer.endLine||inner.line===outer.line&&inner.column<outer.column||inner.endLine===outer.endLine&&inner.endColumn>outer.endColumn)}export{emptyFileModel,forEachChildExpr,spanContains};
