import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{PROBES,PROBE_IDS,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe}from"./chunk-6KY5DBSB.js";import"./chunk-M2PCE6F2.js";import"./chunk-5DYSTK4M.js";export{PROBES,PROBE_IDS,RUN_ID_HEADER,USER_AGENT,collectProbeSource,displayTarget,parseHeaders,probeRules,probeSecrets,renderProbeMarkdown,renderProbeText,runProbe};
