// The probe section of the text output and of the PR comment / job summary. Evidence is hostile text:
// control characters are stripped, markdown is escaped, links are defanged, code fences cannot be closed.
import { SEVERITY_RANK, type Finding, type ProbeStatus } from '../core/types.js';
import { defang, truncateEvidence } from '../report/redact.js';
import type { ProbeResult } from './types.js';

const STATUS_ORDER: Record<ProbeStatus, number> = { fail: 0, inconclusive: 1, pass: 2, skipped: 3 };
const STATUS_LABEL: Record<ProbeStatus, string> = { fail: 'FAIL', inconclusive: 'INCONCLUSIVE', pass: 'PASS', skipped: 'SKIPPED' };
const STATUS_ICON: Record<ProbeStatus, string> = { fail: '❌', inconclusive: '❔', pass: '✅', skipped: '⏭️' };

/** Failures first (worst first), then inconclusive, pass, skipped; the catalog order otherwise. */
export function orderedProbeFindings(result: ProbeResult): Finding[] {
  const index = new Map(result.findings.map((f, i) => [f, i]));
  return [...result.findings].sort((a, b) => {
    const sa = STATUS_ORDER[a.status ?? 'fail'];
    const sb = STATUS_ORDER[b.status ?? 'fail'];
    if (sa !== sb) return sa - sb;
    if (a.status === 'fail' && a.severity !== b.severity) return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
    return index.get(a)! - index.get(b)!;
  });
}

export function probeCounts(result: ProbeResult): Record<ProbeStatus, number> {
  const counts: Record<ProbeStatus, number> = { fail: 0, pass: 0, inconclusive: 0, skipped: 0 };
  for (const f of result.findings) counts[f.status ?? 'fail']++;
  return counts;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function headline(result: ProbeResult): string {
  const shape = result.shape ? `shape ${result.shape}${result.responseFormat ? ` (${result.responseFormat})` : ''}` : 'no request shape';
  return `tier ${result.tier} · ${result.requests}/${result.maxRequests} requests · ${seconds(result.elapsedMs)} · ${shape} · ${result.calibrated ? 'calibrated' : 'not calibrated'}`;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', magenta: '\u001b[35m' };
const STATUS_STYLE: Record<ProbeStatus, string> = { fail: ANSI.red + ANSI.bold, inconclusive: ANSI.yellow, pass: ANSI.green, skipped: ANSI.dim };
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/g;
const cleanLine = (s: string): string => s.replace(/\r\n?|\n|\t/g, ' ').replace(TERMINAL_CONTROLS, '');

/** The probe section for the terminal. */
export function renderProbeText(result: ProbeResult, options: { color: boolean }): string {
  const paint = (style: string, text: string): string => (options.color ? `${style}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  lines.push(`${paint(ANSI.bold, 'Live probe')} ${result.method} ${cleanLine(result.target)}`);
  lines.push(paint(ANSI.dim, `  ${headline(result)}`));
  const findings = orderedProbeFindings(result);
  const idWidth = Math.max(...findings.map((f) => f.ruleId.length), 8);
  for (const f of findings) {
    const status = f.status ?? 'fail';
    const label = paint(STATUS_STYLE[status], STATUS_LABEL[status].padEnd(12));
    const severity = status === 'fail' ? f.severity.padEnd(8) : ''.padEnd(8);
    lines.push(`  ${label} ${severity} ${f.ruleId.padEnd(idWidth)}  ${cleanLine(f.message)}`);
    if (f.evidence && status !== 'skipped') lines.push(paint(ANSI.dim, `  ${''.padEnd(12)} ${''.padEnd(8)} ${''.padEnd(idWidth)}  evidence: ${cleanLine(f.evidence)}`));
  }
  if (findings.some((f) => f.status === 'fail')) {
    const at = findings.find((f) => f.status === 'fail')!;
    lines.push(paint(ANSI.dim, `  located at ${at.file}:${at.line}`));
  }
  for (const e of result.errors) lines.push(paint(ANSI.yellow, `  note: ${cleanLine(e.message)}`));
  const c = probeCounts(result);
  lines.push(`  ${c.fail} failed, ${c.pass} passed, ${c.inconclusive} inconclusive, ${c.skipped} skipped`);
  return `${lines.join('\n')}\n`;
}

/** Evidence inside a fenced block: defanged links, no way to close the fence. */
function fencedEvidence(text: string): string {
  const body = truncateEvidence(text, 300)
    .replace(TERMINAL_CONTROLS, '')
    .replace(/\b(https?|ftp|wss?):\/\/([^\s/?#]*)/gi, (_m, scheme: string, host: string) => `${scheme}[:]//${host.replace(/\./g, '[.]')}`)
    .replace(/`/g, 'ˋ');
  return `\`\`\`text\n${body}\n\`\`\``;
}

/** The probe section for the PR comment and job summary (GitHub-flavoured markdown). */
export function renderProbeMarkdown(result: ProbeResult): string {
  const c = probeCounts(result);
  const out: string[] = [];
  out.push('### Live probe');
  out.push('');
  out.push(`\`${result.method}\` ${defang(result.target)} — ${defang(headline(result))}`);
  out.push('');
  out.push(`**${c.fail} failed**, ${c.pass} passed, ${c.inconclusive} inconclusive, ${c.skipped} skipped.`);
  out.push('');
  out.push('| Result | Severity | Probe | Details |');
  out.push('|---|---|---|---|');
  const findings = orderedProbeFindings(result);
  for (const f of findings) {
    const status = f.status ?? 'fail';
    out.push(`| ${STATUS_ICON[status]} ${STATUS_LABEL[status]} | ${status === 'fail' ? f.severity : ''} | \`${f.ruleId}\` | ${defang(truncateEvidence(f.message, 200))} |`);
  }
  const withEvidence = findings.filter((f) => f.evidence && (f.status === 'fail' || f.status === 'inconclusive'));
  if (withEvidence.length) {
    out.push('');
    out.push('<details><summary>Evidence (redacted)</summary>');
    out.push('');
    for (const f of withEvidence) {
      out.push(`**\`${f.ruleId}\`** (${f.status}) — ${defang(`${f.file}:${f.line}`)}`);
      out.push('');
      out.push(fencedEvidence(f.evidence!));
      out.push('');
    }
    out.push('</details>');
  }
  if (result.errors.length) {
    out.push('');
    for (const e of result.errors) out.push(`> ${defang(truncateEvidence(e.message, 300))}`);
  }
  out.push('');
  return out.join('\n');
}
