import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,WORKER_TAG}from"./chunk-QVWICVRG.js";import{preloadPython}from"./chunk-PHP7HFN2.js";import{rulesByIds}from"./chunk-7SNXEJDI.js";import"./chunk-2X35YYWD.js";import"./chunk-RYMWS3W6.js";import"./chunk-GGPGFL4D.js";import"./chunk-OEDCQSW4.js";import"./chunk-VWPOM2XO.js";import"./chunk-EBQZFM2Q.js";import"./chunk-KU3A3NHV.js";import{isTagged}from"./chunk-ZXF7VU37.js";import"./chunk-7I4UFO3X.js";import{isMainThread,parentPort,workerData}from"node:worker_threads";if(!isMainThread&&parentPort&&isTagged(workerData,WORKER_TAG)){let port=parentPort,{config,ruleIds}=workerData,debug=[],logger={debug:m=>debug.push(m),info:()=>{},warning:m=>debug.push(m),error:m=>debug.push(m)},scanner=new FileScanner(config,rulesByIds(ruleIds),logger,!1);preloadPython();let chain=Promise.resolve();port.on("message",batch=>{chain=chain.then(async()=>{port.postMessage({started:batch.id});for(let file of batch.files)await scanner.scanRead(file.path,file.kind,file.read,"parse");port.postMessage({id:batch.id,part:scanner.take(),debug:debug.splice(0)})})})}
