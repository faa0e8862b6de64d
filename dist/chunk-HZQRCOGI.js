import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe}from"./chunk-K73D65PM.js";import"./chunk-SAY6LR53.js";import{PROBES}from"./chunk-43RALKMY.js";import"./chunk-P75UCCIH.js";import"./chunk-NORXDRAH.js";import"./chunk-EOGEFASL.js";import"./chunk-VWPOM2XO.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import"./chunk-7I4UFO3X.js";export{PROBES,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe};
