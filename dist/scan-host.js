import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{SCAN_HOST_TAG,scanDiscovered}from"./chunk-CNIACRUF.js";import"./chunk-PHP7HFN2.js";import{rulesByIds}from"./chunk-7SNXEJDI.js";import"./chunk-2X35YYWD.js";import"./chunk-GGPGFL4D.js";import"./chunk-OEDCQSW4.js";import"./chunk-VWPOM2XO.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import{isTagged}from"./chunk-ZXF7VU37.js";import"./chunk-7I4UFO3X.js";import{isMainThread,parentPort,workerData}from"node:worker_threads";if(!isMainThread&&parentPort&&isTagged(workerData,SCAN_HOST_TAG)){let port=parentPort,setup=workerData,send=message=>port.postMessage(message),logger={debug:message=>send({log:"debug",message}),info:message=>send({log:"info",message}),warning:message=>send({log:"warning",message}),error:message=>send({log:"error",message})};scanDiscovered({files:setup.files,skipped:setup.skipped},{config:setup.config,logger,rules:rulesByIds(setup.ruleIds),workers:setup.workers,pythonThread:setup.pythonThread,prefilter:setup.prefilter}).then(result=>send({result}),error=>send({error:error instanceof Error?error.message:String(error)}))}
