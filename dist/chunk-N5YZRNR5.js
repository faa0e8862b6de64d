import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{PROBE_CATEGORY,SARIF_SCHEMA,STATIC_CATEGORY,TOOL_INFORMATION_URI,TOOL_NAME,artifactLocation,buildSarif,isUploadable,markdownToText,pascalCase,region,ruleTags,sarifLevel,securitySeverity,serializeSarif}from"./chunk-AUDWY3MW.js";import"./chunk-VWPOM2XO.js";import"./chunk-GB5MCWZH.js";import"./chunk-7I4UFO3X.js";export{PROBE_CATEGORY,SARIF_SCHEMA,STATIC_CATEGORY,TOOL_INFORMATION_URI,TOOL_NAME,artifactLocation,buildSarif,isUploadable,markdownToText,pascalCase,region,ruleTags,sarifLevel,securitySeverity,serializeSarif};
