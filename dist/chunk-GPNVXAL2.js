import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{lowerCopiedPython}from"./chunk-7RUPUS2Z.js";import"./chunk-KVTV6QOK.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import"./chunk-7I4UFO3X.js";export{lowerCopiedPython};
