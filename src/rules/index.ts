// The rule registry. Each rule lives in its own module beside this file; listing it here enables it.
import type { Rule } from './types.js';
// rule imports (one line per rule, sorted)
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
