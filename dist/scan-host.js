import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{SCAN_HOST_TAG,scanDiscovered}from"./chunk-3DKG7YLB.js";import"./chunk-NORXDRAH.js";import{rulesByIds}from"./chunk-YMX6HQFW.js";import"./chunk-EOGEFASL.js";import"./chunk-QV5XACBU.js";import"./chunk-2URW6WON.js";import"./chunk-KVTV6QOK.js";import"./chunk-VWPOM2XO.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import{errorMessage,isTagged}from"./chunk-V4CBT2II.js";import"./chunk-7I4UFO3X.js";import{isMainThread,parentPort,workerData}from"node:worker_threads";if(!isMainThread&&parentPort&&isTagged(workerData,SCAN_HOST_TAG)){let port=parentPort,setup=workerData,send=message=>port.postMessage(message),logger={debug:message=>send({log:"debug",message}),info:message=>send({log:"info",message}),warning:message=>send({log:"warning",message}),error:message=>send({log:"error",message})};scanDiscovered({files:setup.files,skipped:setup.skipped},{config:setup.config,logger,rules:rulesByIds(setup.ruleIds),workers:setup.workers,prefilter:setup.prefilter}).then(result=>send({result}),error=>send({error:errorMessage(error)}))}
