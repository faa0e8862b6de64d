// Human output for the terminal: findings grouped by file, worst first, then errors and a summary line.
// Colors are plain ANSI escapes (no dependency); whether to use them (TTY, NO_COLOR) is the caller's call.
import { SEVERITY_RANK, type Finding, type ScanResult, type Severity } from '../core/types.js';
import { compareStrings, isProblem, severityCounts } from './json.js';

export interface TextOptions {
  color: boolean;
  /** Shown before each repository-relative path, e.g. the scanned directory `examples`. */
  root?: string;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
  magenta: '\u001b[35m',
} as const;

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: ANSI.bold + ANSI.magenta,
  high: ANSI.red,
  medium: ANSI.yellow,
  low: ANSI.blue,
};

// Scanned code and live answers are untrusted: strip escape sequences and other controls so they cannot
// restyle or rewrite the terminal.
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function clean(text: string): string {
  return text.replace(/\r\n?|\n|\t/g, ' ').replace(TERMINAL_CONTROLS, '');
}

function displayPath(file: string, root: string | undefined): string {
  const path = file.replace(/\\/g, '/');
  if (!root || root === '.' || root === './') return path;
  return `${root.replace(/\\/g, '/').replace(/\/+$/, '')}/${path}`;
}

/** Severity first (critical → low), then position, then rule. */
function compareInFile(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderText(result: ScanResult, options: TextOptions): string {
  const paint = (style: string, text: string): string => (options.color ? `${style}${text}${ANSI.reset}` : text);
  const lines: string[] = [];

  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }

  for (const file of [...byFile.keys()].sort(compareStrings)) {
    const findings = byFile.get(file)!.sort(compareInFile);
    const locations = findings.map((f) => `${f.line}:${f.column}`);
    const locWidth = Math.max(...locations.map((l) => l.length));
    const ruleWidth = Math.max(...findings.map((f) => f.ruleId.length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));

    lines.push(paint(ANSI.underline, clean(displayPath(file, options.root))));
    findings.forEach((f, i) => {
      const loc = paint(ANSI.dim, locations[i]!.padEnd(locWidth));
      const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(sevWidth));
      const rule = paint(ANSI.dim, f.ruleId.padEnd(ruleWidth));
      let line = `  ${loc}  ${sev}  ${rule}  ${clean(f.message)}`;
      if (f.status !== undefined) line += ` ${paint(f.status === 'fail' ? ANSI.red : ANSI.dim, `[${f.status}]`)}`;
      if (f.new !== undefined) line += ` ${f.new ? paint(ANSI.bold, '[new]') : paint(ANSI.dim, '[existing]')}`;
      lines.push(line);

      const indent = ' '.repeat(2 + locWidth + 2);
      if (f.flow && f.flow.length >= 2) {
        const steps = f.flow.map((s) => `${clean(s.message)} (${s.file === f.file ? '' : `${clean(s.file)}:`}${s.line}:${s.column})`);
        lines.push(`${indent}${paint(ANSI.dim, `flow: ${steps.join(' → ')}`)}`);
      }
      // Evidence is redacted by the rules and probes that produce it.
      if (f.evidence) lines.push(`${indent}${paint(ANSI.dim, `evidence: ${clean(f.evidence)}`)}`);
    });
    lines.push('');
  }

  if (result.errors.length > 0) {
    lines.push(paint(ANSI.bold, 'Errors'));
    const errors = [...result.errors].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.message, b.message));
    for (const error of errors) lines.push(`  ${clean(displayPath(error.file, options.root))}: ${clean(error.message)}`);
    lines.push('');
  }

  const counts = severityCounts(result.findings);
  const total = result.findings.filter(isProblem).length;
  const breakdown = (['critical', 'high', 'medium', 'low'] as const)
    .map((s) => (counts[s] > 0 ? paint(SEVERITY_STYLE[s], `${counts[s]} ${s}`) : `${counts[s]} ${s}`))
    .join(', ');
  const head = paint(ANSI.bold, plural(total, 'finding'));
  const { files, suppressed, skipped } = result.summary;
  const summary = `${head} (${breakdown}) in ${plural(files, 'file')}; ${suppressed} suppressed; ${skipped} skipped`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
