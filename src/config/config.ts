// Resolved configuration: defaults merged with .promptgate.yml. Loading and validation live in load.ts.
import type { Finding, Severity } from '../core/types.js';

export interface RuleSetting {
  enabled: boolean;
  /** Overrides the rule's default severity. */
  severity: Severity | undefined;
}

export interface ResolvedConfig {
  /** Per rule id; rules not listed use their defaults. */
  rules: Record<string, RuleSetting>;
  /** Globs (repository-relative) that are never scanned, on top of the built-in ignores. */
  ignorePaths: string[];
  /** Extra function or method names that call an LLM (wrappers the SDK binding cannot see through),
   * e.g. `call_llm`, `ai.complete`. Calls to them count as LLM calls one severity step lower. */
  llmWrappers: string[];
  /** Source expressions (dotted paths or function names) that are trusted, e.g. `db.get_tenant_name`. */
  trustedSources: string[];
  thresholds: {
    /** Literal output-token caps above this are reported by cost-token-limit. */
    maxOutputTokens: number;
    /** Client retry counts above this are reported by cost-retry-timeout. */
    maxRetries: number;
  };
  /** Files larger than this are skipped and counted. */
  maxFileBytes: number;
}

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    ignorePaths: [],
    llmWrappers: [],
    trustedSources: [],
    thresholds: { maxOutputTokens: 16384, maxRetries: 5 },
    maxFileBytes: 1024 * 1024,
  };
}

/** Rule switches and severity overrides for findings produced outside the static scan (live probes). */
export function applyRuleSettings(findings: Finding[], config: ResolvedConfig): Finding[] {
  return findings
    .filter((finding) => config.rules[finding.ruleId]?.enabled !== false)
    .map((finding) => {
      const severity = config.rules[finding.ruleId]?.severity;
      return severity ? { ...finding, severity } : finding;
    });
}
