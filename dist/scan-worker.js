import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
import{FileScanner,WORKER_TAG}from"./chunk-M3TQXPWD.js";import{allRules}from"./chunk-U22K3TU4.js";import{preloadPython}from"./chunk-VTM4H7JY.js";import"./chunk-H65TKNOJ.js";import"./chunk-VWPOM2XO.js";import"./chunk-DUJVCW3O.js";import"./chunk-7I4UFO3X.js";import{isMainThread,parentPort,workerData}from"node:worker_threads";function isSetup(data){return typeof data=="object"&&data!==null&&data.tag===WORKER_TAG}if(!isMainThread&&parentPort&&isSetup(workerData)){let port=parentPort,{config,ruleIds}=workerData,debug=[],logger={debug:m=>debug.push(m),info:()=>{},warning:m=>debug.push(m),error:m=>debug.push(m)},scanner=new FileScanner(config,allRules.filter(rule=>ruleIds.includes(rule.meta.id)),logger,!1);preloadPython();let chain=Promise.resolve();port.on("message",batch=>{chain=chain.then(async()=>{port.postMessage({started:batch.id});for(let file of batch.files)await scanner.scanRead(file.path,file.kind,file.read,"parse");port.postMessage({id:batch.id,part:scanner.take(),debug:debug.splice(0)})})})}
