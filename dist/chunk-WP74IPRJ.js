import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{lowerCopiedPython}from"./chunk-YDWE6TRZ.js";import{PYTHON_WASM_FILES,initPython,locateWasm,pythonRuntime,resolveWasmSources}from"./chunk-53EADPJ4.js";import{copyTree,describeGrammar,grammarTables,pythonText}from"./chunk-OEDCQSW4.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import"./chunk-7I4UFO3X.js";var tables;function parsePython(path,source){let{parser,language,rawCursor}=pythonRuntime(),text=pythonText(source);tables??=grammarTables(describeGrammar(language));let tree=parser.parse(text);if(!tree)return lowerCopiedPython(path,text,void 0,tables);let arrays;try{arrays=copyTree(tree,tables,rawCursor)}finally{tree.delete()}return lowerCopiedPython(path,text,arrays,tables)}export{PYTHON_WASM_FILES,initPython,locateWasm,parsePython,resolveWasmSources};
