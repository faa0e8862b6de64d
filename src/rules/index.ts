// The rule registry. Each rule lives in its own module beside this file; listing it here enables it.
import type { Rule } from './types.js';
// rule imports (one line per rule, sorted)
import { rule as costMissingMaxTokens } from './cost-missing-max-tokens.js';
import { rule as costTokenLimit } from './cost-token-limit.js';
import { rule as injectionParamPassthrough } from './injection-param-passthrough.js';
import { rule as costRetryTimeout } from './cost-retry-timeout.js';
import { rule as modelRetired } from './model-retired.js';

export const allRules: Rule[] = [
  // rule list (one line per rule, sorted)
  costMissingMaxTokens,
  costTokenLimit,
  injectionParamPassthrough,
  costRetryTimeout,
  modelRetired,
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.meta.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}
