// `--format json` (DESIGN §2): one object with exactly the documented keys, in a stable order.
import type { FileError, Finding, ScanResult, Severity } from '../core/types.js';

/** The documented keys of a finding, and no others (internal fields such as `flow` stay out). */
export type JsonFinding = Pick<
  Finding,
  'ruleId' | 'severity' | 'title' | 'message' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'cwe' | 'owasp' | 'fingerprint' | 'new' | 'status' | 'evidence'
>;

export interface JsonReport {
  tool: { name: 'promptgate'; version: string };
  findings: JsonFinding[];
  summary: { critical: number; high: number; medium: number; low: number; files: number; suppressed: number };
  errors: FileError[];
}

/** Live probe output merged into the report: probe results are findings with a `status`. */
export interface ProbeReportInput {
  findings: Finding[];
  errors?: FileError[];
}

/** Plain code-unit comparison: stable across locales (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File, line, column, rule, message: the reading order every machine-readable output uses. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.fingerprint, b.fingerprint) ||
    compareStrings(a.status ?? '', b.status ?? '') ||
    compareStrings(a.evidence ?? '', b.evidence ?? '')
  );
}

/** A finding that counts as a problem: probe results that passed or could not run do not. */
export function isProblem(finding: Finding): boolean {
  return !finding.suppressed && (finding.status === undefined || finding.status === 'fail');
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) if (isProblem(finding)) counts[finding.severity]++;
  return counts;
}

function toJson(f: Finding): JsonFinding {
  // Built key by key so the output has the documented keys only, in the documented order.
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    cwe: [...f.cwe],
    owasp: [...f.owasp],
    fingerprint: f.fingerprint,
  };
  if (f.new !== undefined) out.new = f.new;
  if (f.status !== undefined) out.status = f.status;
  if (f.evidence !== undefined && f.evidence !== '') out.evidence = f.evidence;
  return out;
}

/**
 * The JSON report. Severity counts are computed from the listed findings (static and probe) that are
 * problems, so they always agree with the list; `files` and `suppressed` come from the scan summary.
 */
export function buildJsonReport(result: ScanResult & { probe?: ProbeReportInput }, toolVersion: string): JsonReport {
  // Suppressed findings are counted, never listed (defensive: the engine keeps them apart already).
  const all = [...result.findings, ...(result.probe?.findings ?? [])].filter((f) => !f.suppressed);
  const findings = all.sort(compareFindings).map(toJson);
  const counts = severityCounts(all);
  const summary: JsonReport['summary'] = {
    critical: counts.critical,
    high: counts.high,
    medium: counts.medium,
    low: counts.low,
    files: result.summary.files,
    suppressed: result.summary.suppressed,
  };
  const errors = [...result.errors, ...(result.probe?.errors ?? [])]
    .map((e) => ({ file: e.file, message: e.message }))
    .sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.message, b.message));
  return { tool: { name: 'promptgate', version: toolVersion }, findings, summary, errors };
}

/** 2-space JSON with a trailing newline. */
export function serializeJsonReport(report: JsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
