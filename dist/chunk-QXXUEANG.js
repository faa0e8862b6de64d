import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
function emptyFileModel(path,language,source){return{path,language,source,imports:[],calls:[],assignments:[],functions:[],returns:[],loops:[],tries:[],conditions:[],envReads:[],comments:[],directives:[],syntaxErrors:[]}}function spanContains(outer,inner){return!(inner.line<outer.line||inner.endLine>outer.endLine||inner.line===outer.line&&inner.column<outer.column||inner.endLine===outer.endLine&&inner.endColumn>outer.endColumn)}export{emptyFileModel,spanContains};
