import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{PROBE_IDS,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe}from"./chunk-QV4QY6C4.js";import"./chunk-SAY6LR53.js";import{PROBES}from"./chunk-74IBQW3U.js";import"./chunk-P75UCCIH.js";import"./chunk-YJPDAI5W.js";import"./chunk-2ZFY77A7.js";import"./chunk-VWPOM2XO.js";import"./chunk-DR66MUZP.js";import"./chunk-3XIYB653.js";import"./chunk-7I4UFO3X.js";export{PROBES,PROBE_IDS,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe};
