import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,firstLines,markNew,scanDiscovered,scanSources,scanTree,sortFindings}from"./chunk-3DKG7YLB.js";import"./chunk-NORXDRAH.js";import"./chunk-YMX6HQFW.js";import"./chunk-EOGEFASL.js";import"./chunk-QV5XACBU.js";import"./chunk-2URW6WON.js";import"./chunk-KVTV6QOK.js";import"./chunk-VWPOM2XO.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import"./chunk-V4CBT2II.js";import"./chunk-7I4UFO3X.js";export{FileScanner,firstLines,markNew,scanDiscovered,scanSources,scanTree,sortFindings};
