import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,WORKER_TAG}from"./chunk-3DKG7YLB.js";import{preloadPython}from"./chunk-NORXDRAH.js";import{rulesByIds}from"./chunk-YMX6HQFW.js";import"./chunk-EOGEFASL.js";import"./chunk-QV5XACBU.js";import"./chunk-2URW6WON.js";import"./chunk-KVTV6QOK.js";import"./chunk-VWPOM2XO.js";import"./chunk-TLMDX5NN.js";import"./chunk-EGJWCPHQ.js";import{isTagged}from"./chunk-V4CBT2II.js";import"./chunk-7I4UFO3X.js";import{isMainThread,parentPort,workerData}from"node:worker_threads";if(!isMainThread&&parentPort&&isTagged(workerData,WORKER_TAG)){let port=parentPort,{config,ruleIds}=workerData,debug=[],logger={debug:m=>debug.push(m),info:()=>{},warning:m=>debug.push(m),error:m=>debug.push(m)},scanner=new FileScanner(config,rulesByIds(ruleIds),logger,!1);preloadPython();let chain=Promise.resolve();port.on("message",batch=>{chain=chain.then(async()=>{port.postMessage({started:batch.id});for(let file of batch.files)await scanner.scanRead(file.path,file.kind,file.read,"parse");port.postMessage({id:batch.id,part:scanner.take(),debug:debug.splice(0)})})})}
