import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
import { dirname as __pgDirname } from 'node:path';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgDirname(__filename);
var SEVERITIES=["critical","high","medium","low"],SEVERITY_RANK={critical:4,high:3,medium:2,low:1},SECURITY_SEVERITY={critical:"9.5",high:"8.0",medium:"5.5",low:"3.0"};function atLeast(severity,threshold){return threshold==="none"?!1:SEVERITY_RANK[severity]>=SEVERITY_RANK[threshold]}function lowerSeverity(severity,steps=1){let order=["low","medium","high","critical"];return order[Math.max(0,order.indexOf(severity)-steps)]}var silentLogger={debug(){},info(){},warning(){},error(){}},UsageError=class extends Error{name="UsageError"};export{SEVERITIES,SEVERITY_RANK,SECURITY_SEVERITY,atLeast,lowerSeverity,silentLogger,UsageError};
