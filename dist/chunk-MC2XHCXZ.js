import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{buildJsonReport,compareFindings,compareStrings,isProblem,serializeJsonReport,severityCounts}from"./chunk-GB5MCWZH.js";import"./chunk-7I4UFO3X.js";export{buildJsonReport,compareFindings,compareStrings,isProblem,serializeJsonReport,severityCounts};
