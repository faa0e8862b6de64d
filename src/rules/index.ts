// The rule registry. Each rule lives in its own module beside this file; listing it here enables it.
import type { Rule } from './types.js';
// rule imports (one line per rule, sorted)

export const allRules: Rule[] = [
  // rule list (one line per rule, sorted)
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.meta.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}
