import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{allRules,ruleById,ruleIds,rulesByIds}from"./chunk-YMX6HQFW.js";import"./chunk-EOGEFASL.js";import"./chunk-VWPOM2XO.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import"./chunk-7I4UFO3X.js";export{allRules,ruleById,ruleIds,rulesByIds};
