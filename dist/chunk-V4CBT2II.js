import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{existsSync}from"node:fs";import os from"node:os";import{fileURLToPath}from"node:url";function entryBeside(file,chunkUrl){let url=new URL(`./${file}`,chunkUrl);if(url.protocol==="file:")return existsSync(fileURLToPath(url))?url:void 0}function isTagged(data,tag){return typeof data=="object"&&data!==null&&data.tag===tag}function errorMessage(error){return error instanceof Error?error.message:String(error)}function availableCores(){return os.availableParallelism?.()??os.cpus().length}function forcedWorkerCount(env){let forced=env.PROMPTGATE_WORKERS?.trim();return forced&&/^\d+$/.test(forced)?Number(forced):void 0}function majorVersion(version){return Number(version.split(".")[0])}function envSwitch(env,name){let value=env[name]?.trim();return value==="1"?!0:value==="0"?!1:void 0}export{entryBeside,isTagged,errorMessage,availableCores,forcedWorkerCount,majorVersion,envSwitch};
