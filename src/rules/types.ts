// The rule contract. A rule is one self-contained module: `meta` (what it is, how bad, how tagged) and
// `check` (what it looks for), with its docs page at docs/rules/<id>.md and fixtures at
// test/fixtures/rules/<id>/ (ESLint's "three files named with the rule id" convention).
import type { FileModel, Span } from '../analysis/model.js';
import type { LlmIndex } from '../analysis/bind.js';
import type { FlowStep, Severity } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';

export type RuleFamily = 'secret' | 'client' | 'injection' | 'output' | 'agency' | 'leak' | 'cost' | 'model';

export interface RuleMeta {
  id: string;
  family: RuleFamily;
  /** Short title, shown in lists and as SARIF shortDescription. */
  title: string;
  /** One or two sentences: SARIF fullDescription. */
  description: string;
  severity: Severity;
  cwe: string[];
  /** OWASP Top 10 for LLM Applications 2025 ids, e.g. 'LLM01:2025'. */
  owasp: string[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** The rule's docs page (docs/rules/<id>.md), imported as text: SARIF help.markdown. */
  help: string;
}

/** A rule may report the same position more than once; the engine keeps the first report per position. */
export interface Report {
  span: Span;
  message: string;
  /** Defaults to meta.severity. */
  severity?: Severity;
  /** Redacted evidence. */
  evidence?: string;
  flow?: FlowStep[];
}

/** What a rule sees of a source file that parsed (fully or partly). */
export interface CodeContext {
  kind: 'code';
  path: string;
  model: FileModel;
  llm: LlmIndex;
  config: ResolvedConfig;
  report(report: Report): void;
}

/** What a rule sees of any text file (source files included): secrets are looked for everywhere. */
export interface TextContext {
  kind: 'text';
  path: string;
  text: string;
  config: ResolvedConfig;
  report(report: Report): void;
}

/** A rule implements one or both checks: `checkText` runs on every scanned text file (source files
 * included), `checkCode` on every Python/TS/JS file that parsed, fully or partly. */
export interface Rule {
  meta: RuleMeta;
  checkText?(context: TextContext): void;
  checkCode?(context: CodeContext): void;
}
