import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{lowerCopiedPython}from"./chunk-YDWE6TRZ.js";import"./chunk-OEDCQSW4.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import"./chunk-7I4UFO3X.js";export{lowerCopiedPython};
