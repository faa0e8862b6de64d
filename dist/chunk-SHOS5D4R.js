import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,firstLines,markNew,scanDiscovered,scanSources,scanTree,sortFindings}from"./chunk-QVWICVRG.js";import"./chunk-PHP7HFN2.js";import"./chunk-7SNXEJDI.js";import"./chunk-2X35YYWD.js";import"./chunk-RYMWS3W6.js";import"./chunk-GGPGFL4D.js";import"./chunk-OEDCQSW4.js";import"./chunk-VWPOM2XO.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import"./chunk-ZXF7VU37.js";import"./chunk-7I4UFO3X.js";export{FileScanner,firstLines,markNew,scanDiscovered,scanSources,scanTree,sortFindings};
