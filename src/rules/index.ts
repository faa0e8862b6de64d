// The rule registry. Each rule lives in its own module beside this file; listing it here enables it.
import type { Rule } from './types.js';
// rule imports (one line per rule, sorted)
import { rule as costNoRateLimit } from './cost-no-rate-limit.js';
import { rule as costUnboundedInput } from './cost-unbounded-input.js';
import { rule as costUnboundedLoop } from './cost-unbounded-loop.js';
import { rule as agencyToolArgsSink } from './agency-tool-args-sink.js';
import { rule as outputCodeExec } from './output-code-exec.js';
import { rule as outputFilePath } from './output-file-path.js';
import { rule as outputHtml } from './output-html.js';
import { rule as outputMarkdown } from './output-markdown.js';
import { rule as outputOutboundUrl } from './output-outbound-url.js';
import { rule as outputShell } from './output-shell.js';
import { rule as outputSql } from './output-sql.js';
import { rule as outputUnsafeDeserialize } from './output-unsafe-deserialize.js';
import { rule as agencyDangerousCapability } from './agency-dangerous-capability.js';
import { rule as agencyDynamicDispatch } from './agency-dynamic-dispatch.js';
import { rule as leakPromptLogging } from './leak-prompt-logging.js';
import { rule as leakRawError } from './leak-raw-error.js';
import { rule as leakRawResponse } from './leak-raw-response.js';
import { rule as injectionClientHistory } from './injection-client-history.js';
import { rule as injectionIndirectContent } from './injection-indirect-content.js';
import { rule as injectionPromptConcat } from './injection-prompt-concat.js';
import { rule as injectionSystemPrompt } from './injection-system-prompt.js';
import { rule as leakSecretInPrompt } from './leak-secret-in-prompt.js';
import { rule as clientBrowserSdk } from './client-browser-sdk.js';
import { rule as clientPublicEnvKey } from './client-public-env-key.js';
import { rule as clientSdkInClientModule } from './client-sdk-in-client-module.js';
import { rule as costMissingMaxTokens } from './cost-missing-max-tokens.js';
import { rule as costTokenLimit } from './cost-token-limit.js';
import { rule as injectionParamPassthrough } from './injection-param-passthrough.js';
import { rule as costRetryTimeout } from './cost-retry-timeout.js';
import { rule as modelRetired } from './model-retired.js';
import { rule as secretEnvFile } from './secret-env-file.js';
import { rule as secretProviderKey } from './secret-provider-key.js';

export const allRules: Rule[] = [
  // rule list (one line per rule, sorted)
  costNoRateLimit,
  costUnboundedInput,
  costUnboundedLoop,
  agencyToolArgsSink,
  outputCodeExec,
  outputFilePath,
  outputHtml,
  outputMarkdown,
  outputOutboundUrl,
  outputShell,
  outputSql,
  outputUnsafeDeserialize,
  agencyDangerousCapability,
  agencyDynamicDispatch,
  leakPromptLogging,
  leakRawError,
  leakRawResponse,
  injectionClientHistory,
  injectionIndirectContent,
  injectionPromptConcat,
  injectionSystemPrompt,
  leakSecretInPrompt,
  clientBrowserSdk,
  clientPublicEnvKey,
  clientSdkInClientModule,
  costMissingMaxTokens,
  costTokenLimit,
  injectionParamPassthrough,
  costRetryTimeout,
  modelRetired,
  secretEnvFile,
  secretProviderKey,
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.meta.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}

/** The registry's rules among `ids`, in registry order (a thread that was sent the ids of a scan's rules). */
export function rulesByIds(ids: readonly string[]): Rule[] {
  return allRules.filter((rule) => ids.includes(rule.meta.id));
}
