import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,firstLines,markNew,scanSources,scanTree,sortFindings}from"./chunk-M3TQXPWD.js";import"./chunk-U22K3TU4.js";import"./chunk-VTM4H7JY.js";import"./chunk-H65TKNOJ.js";import"./chunk-VWPOM2XO.js";import"./chunk-DUJVCW3O.js";import"./chunk-7I4UFO3X.js";export{FileScanner,firstLines,markNew,scanSources,scanTree,sortFindings};
