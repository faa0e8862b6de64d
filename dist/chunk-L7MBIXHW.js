import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,firstLines,markNew,scanSources,scanTree,sortFindings}from"./chunk-RCAEQJMV.js";import"./chunk-W4GTQ6QZ.js";import"./chunk-YJPDAI5W.js";import"./chunk-2ZFY77A7.js";import"./chunk-VWPOM2XO.js";import"./chunk-DR66MUZP.js";import"./chunk-3XIYB653.js";import"./chunk-7I4UFO3X.js";export{FileScanner,firstLines,markNew,scanSources,scanTree,sortFindings};
