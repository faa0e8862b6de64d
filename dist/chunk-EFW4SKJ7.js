import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{lowerCopiedPython}from"./chunk-7RUPUS2Z.js";import{PYTHON_WASM_FILES,initPython,locateWasm,pythonRuntime,resolveWasmSources}from"./chunk-53EADPJ4.js";import{describeGrammar,grammarTables,parseToArrays}from"./chunk-KVTV6QOK.js";import"./chunk-TLMDX5NN.js";import{withoutBom}from"./chunk-EGJWCPHQ.js";import"./chunk-7I4UFO3X.js";var tables;function parsePython(path,source){let{parser,language,rawCursor}=pythonRuntime(),text=withoutBom(source);return tables??=grammarTables(describeGrammar(language)),lowerCopiedPython(path,text,parseToArrays(parser,text,tables,rawCursor),tables)}export{PYTHON_WASM_FILES,initPython,locateWasm,parsePython,resolveWasmSources};
