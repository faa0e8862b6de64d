// Types shared by the engine, the reporters, the Action and the probe.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FailOn = Severity | 'none';

/** Higher is worse. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** SARIF `security-severity` per DESIGN §4. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

export function atLeast(severity: Severity, threshold: FailOn): boolean {
  if (threshold === 'none') return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function lowerSeverity(severity: Severity, steps = 1): Severity {
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  return order[Math.max(0, order.indexOf(severity) - steps)]!;
}

export function raiseSeverity(severity: Severity, steps = 1): Severity {
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  return order[Math.min(order.length - 1, order.indexOf(severity) + steps)]!;
}

/** One step of a data flow, shown as a SARIF codeFlow location and in messages. */
export interface FlowStep {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What happens at this step: "request.json['style'] (source)", "assigned to style", ... */
  message: string;
}

export type ProbeStatus = 'fail' | 'pass' | 'inconclusive' | 'skipped';

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  /** Repository-relative path with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cwe: string[];
  owasp: string[];
  /** codeql-action compatible `primaryLocationLineHash`, filled by the engine. */
  fingerprint: string;
  /** Only with --changed-since or in a PR: the finding is absent from the base scan (see markNew). */
  new?: boolean;
  /** Hash of the finding's source line, whitespace-collapsed (never the text: it may hold a secret).
   * Findings of the same rule on an identical line count as the same finding across versions
   * (Semgrep's baseline rule), whatever moved around them. */
  lineKey?: string;
  /** Probe results only. */
  status?: ProbeStatus;
  /** Redacted evidence (never a full secret). */
  evidence?: string;
  /** Data-flow steps for taint rules (source first, sink last). */
  flow?: FlowStep[];
  /** Suppressed by an inline `promptgate-ignore` comment or config: kept for counting, never uploaded. */
  suppressed?: { kind: 'inline' | 'config'; reason: string };
}

export interface FileError {
  file: string;
  message: string;
}

export interface Summary {
  critical: number;
  high: number;
  medium: number;
  low: number;
  files: number;
  suppressed: number;
  /** Files skipped for size, binary content or similar (counted, listed in errors when notable). */
  skipped: number;
}

export interface ScanResult {
  findings: Finding[];
  /** Suppressed findings, kept apart so reporters can count them. */
  suppressed: Finding[];
  summary: Summary;
  errors: FileError[];
}

/** The core never imports @actions/core: entry points hand it one of these. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
};

/** An error the user can fix (bad flag, bad config): exit code 2 with a one-line message. */
export class UsageError extends Error {
  override name = 'UsageError';
}
