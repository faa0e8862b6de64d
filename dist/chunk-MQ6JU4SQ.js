import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{availableCores,envSwitch}from"./chunk-ZXF7VU37.js";import v8 from"node:v8";var INTERRUPT_BUDGET=4e5;function jitFlag(env,v8Version=process.versions.v8,cores=availableCores()){let forced=envSwitch(env,"PROMPTGATE_JIT_TUNING");if(!(forced===!1||!v8Version.startsWith("11.")))return forced===!0||cores<=2?`--interrupt-budget=${INTERRUPT_BUDGET}`:void 0}function tuneJit(env=process.env){let flag=jitFlag(env);flag&&v8.setFlagsFromString(flag)}export{tuneJit};
