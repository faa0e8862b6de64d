import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe}from"./chunk-3RVR3PPP.js";import"./chunk-SAY6LR53.js";import{PROBES}from"./chunk-43RALKMY.js";import"./chunk-P75UCCIH.js";import"./chunk-PHP7HFN2.js";import"./chunk-2X35YYWD.js";import"./chunk-OEDCQSW4.js";import"./chunk-VWPOM2XO.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import"./chunk-7I4UFO3X.js";export{PROBES,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe};
