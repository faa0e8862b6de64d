import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{availableCores,envSwitch,majorVersion}from"./chunk-V4CBT2II.js";import v8 from"node:v8";var OPTIMIZATION_DELAY={11:["--interrupt-budget=400000"],13:["--invocation-count-for-maglev=2000","--invocation-count-for-turbofan=20000"]},HEAP_GROWTH_LAST_V8=13,HEAP_GROWING_PERCENT=100,LARGE_TREE_FILES=2e3;function startupFlags(env,v8Version=process.versions.v8,cores=availableCores()){let forced=envSwitch(env,"PROMPTGATE_V8_TUNING"),flags=OPTIMIZATION_DELAY[majorVersion(v8Version)]??[];return forced===!0||forced===void 0&&cores<=2?[...flags]:[]}function scanFlags(env,fileCount,v8Version=process.versions.v8){let forced=envSwitch(env,"PROMPTGATE_V8_TUNING");return forced===!1||majorVersion(v8Version)>HEAP_GROWTH_LAST_V8?[]:forced===!0||fileCount>=LARGE_TREE_FILES?[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]:[]}function setV8Flags(flags){for(let flag of flags)v8.setFlagsFromString(flag)}export{startupFlags,scanFlags,setV8Flags};
