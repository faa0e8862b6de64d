import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{CONFIGURABLE_IDS,DEFAULT_CONFIG_FILE,loadConfig,parseConfigText}from"./chunk-WLGG4VCX.js";import"./chunk-W4GTQ6QZ.js";import"./chunk-74IBQW3U.js";import"./chunk-2ZFY77A7.js";import"./chunk-VWPOM2XO.js";import"./chunk-3XIYB653.js";import"./chunk-7I4UFO3X.js";export{CONFIGURABLE_IDS,DEFAULT_CONFIG_FILE,loadConfig,parseConfigText};
