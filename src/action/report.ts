// The PR comment and the job summary: one renderer, two budgets. Everything taken from scanned code or
// from a live endpoint (file names, messages, reasons) is defanged so it cannot inject markdown, HTML,
// links or @mentions, and the body always fits (comment < 65,536 chars, summary < 1 MiB).
import { SEVERITIES, type FileError, type Finding, type Severity } from '../core/types.js';
import { defang, truncateEvidence } from '../report/redact.js';
import { COMMENT_MARKER } from '../github/comments.js';
import type { GateResult } from './gate.js';
import type { GateChanges } from './gate-changes.js';

export interface ReportInput {
  /** Problems in the reported scope (suppressed findings and passing probes excluded). */
  findings: Finding[];
  /** Suppressed findings in the reported scope. */
  suppressed: number;
  gate: GateResult;
  /** Whether `new` was computed (pull requests). */
  newKnown: boolean;
  /** "3 changed files" / "all files". */
  scopeLabel: string;
  /** Blob URL for a finding's location, when the repository is known. */
  link?: (finding: Finding) => string | undefined;
  gateChanges?: GateChanges;
  /** Markdown from the probe reporter, when a probe ran. */
  probeMarkdown?: string;
  /** Short notes (code scanning unavailable, base versions unread, ...): plain text, defanged here. */
  notes?: string[];
  errors?: FileError[];
}

export interface RenderLimits {
  maxChars: number;
  maxRows: number;
  maxProbeChars: number;
  maxListItems: number;
}

/** Under GitHub's 65,536-character comment limit, with margin. */
export const COMMENT_LIMITS: RenderLimits = { maxChars: 60_000, maxRows: 25, maxProbeChars: 15_000, maxListItems: 20 };
/** The job summary accepts 1 MiB per step. */
export const SUMMARY_LIMITS: RenderLimits = { maxChars: 900_000, maxRows: 5_000, maxProbeChars: 100_000, maxListItems: 500 };

const ICON: Record<Severity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };
const MAX_MESSAGE = 300;

const SUPPRESS_HELP = [
  'Fix the code, or if a finding is a false positive or an accepted risk, suppress it with a reason on the',
  'line or the line above:',
  '',
  '```python',
  '# promptgate-ignore <rule-id>: <why this is safe>',
  '```',
  '',
  '```ts',
  '// promptgate-ignore <rule-id>: <why this is safe>',
  '```',
  '',
  'A reason is required. Rules can be turned off or re-graded for the whole repository in `.promptgate.yml`;',
  'suppressions and config changes a pull request adds are listed in this comment.',
].join('\n');

export function safeText(text: string, max = MAX_MESSAGE): string {
  return defang(truncateEvidence(text, max));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function compareForDisplay(a: Finding, b: Finding): number {
  return (
    Number(b.new === true) - Number(a.new === true) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

function headline(input: ReportInput): string {
  const { gate, findings } = input;
  const newCount = findings.filter((f) => f.new === true).length;
  const counted = input.newKnown ? `${plural(newCount, 'new finding')}, ${findings.length} total` : plural(findings.length, 'finding');
  const status = gate.failOn === 'none' ? 'ℹ️' : gate.failed ? '❌' : '✅';
  return `## ${status} promptgate: ${counted} in ${input.scopeLabel}`;
}

function gateLine(gate: GateResult): string {
  if (gate.failOn === 'none') return `**Gate:** off (\`fail-on: none\`).`;
  return gate.failed ? `**Gate: failed**: ${gate.reason}.` : `**Gate: passed**: ${gate.reason}.`;
}

function countsTable(input: ReportInput): string {
  const rows = input.newKnown ? ['| Severity | New | Total |', '|---|---:|---:|'] : ['| Severity | Findings |', '|---|---:|'];
  for (const severity of SEVERITIES) {
    const all = input.findings.filter((f) => f.severity === severity);
    const label = `${ICON[severity]} ${severity[0]!.toUpperCase()}${severity.slice(1)}`;
    rows.push(input.newKnown ? `| ${label} | ${all.filter((f) => f.new === true).length} | ${all.length} |` : `| ${label} | ${all.length} |`);
  }
  return rows.join('\n');
}

function location(finding: Finding, link: ReportInput['link']): string {
  const text = `${safeText(finding.file, 200)}:${finding.line}`;
  const url = link?.(finding);
  return url ? `[${text}](${url})` : text;
}

function findingRow(finding: Finding, input: ReportInput): string {
  const cells = [
    `${ICON[finding.severity]} ${finding.severity}`,
    ...(input.newKnown ? [finding.new === true ? '**new**' : ''] : []),
    safeText(finding.ruleId, 80),
    location(finding, input.link),
    safeText(finding.message),
  ];
  return `| ${cells.join(' | ')} |`;
}

function findingsHeader(input: ReportInput): string {
  return input.newKnown
    ? '| Severity | | Rule | Location | Message |\n|---|---|---|---|---|'
    : '| Severity | Rule | Location | Message |\n|---|---|---|---|';
}

function gateChangesSection(changes: GateChanges | undefined, limits: RenderLimits): string {
  if (!changes) return '';
  const lines: string[] = [];
  const { suppressions, config } = changes;
  if (suppressions.length) {
    lines.push(`This pull request adds ${plural(suppressions.length, 'suppression')}:`, '');
    for (const s of suppressions.slice(0, limits.maxListItems)) {
      const rules = s.ruleIds.length ? s.ruleIds.map((id) => safeText(id, 80)).join(', ') : '(no rule id: ignored)';
      const reason = s.reason ? safeText(s.reason, 200) : '(no reason: ignored)';
      lines.push(`- ${safeText(s.file, 200)}:${s.line}: ${rules}: ${reason}`);
    }
    if (suppressions.length > limits.maxListItems) lines.push(`- …and ${suppressions.length - limits.maxListItems} more`);
    lines.push('');
  }
  if (config) {
    const file = safeText(config.path, 200);
    const gating = config.gatingWith === 'base' ? "the base branch's config gates this run (`config-from-base: true`)" : 'this config gates this run';
    if (config.error) lines.push(`This pull request breaks ${file}: ${safeText(config.error, 300)}; ${gating}.`, '');
    if (config.changes.length) {
      lines.push(`This pull request changes ${file}; ${gating}:`, '');
      for (const change of config.changes.slice(0, limits.maxListItems)) {
        // Change texts are built from config values: defang them, keeping the backticks we added.
        const text = change.text
          .split('`')
          .map((part, i) => (i % 2 ? `\`${truncateEvidence(part.replace(/[`\r\n]/g, ' '), 200)}\`` : safeText(part, 300)))
          .join('');
        lines.push(`- ${change.weakens ? '⚠️ ' : ''}${text}`);
      }
      if (config.changes.length > limits.maxListItems) lines.push(`- …and ${config.changes.length - limits.maxListItems} more`);
      lines.push('');
    } else if (!config.error) {
      lines.push(`This pull request edits ${file} without changing any setting; ${gating}.`, '');
    }
  }
  return lines.length ? `### Gate changes in this pull request\n\n${lines.join('\n').trim()}` : '';
}

function clip(markdown: string, max: number, note: string): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n', max);
  return `${markdown.slice(0, cut > 0 ? cut : max)}\n\n${note}`;
}

/** Renders the report within `limits`; the comment form starts with the sticky marker. */
export function renderReport(input: ReportInput, limits: RenderLimits, options: { marker?: boolean; moreWhere: string }): string {
  const head = [
    ...(options.marker ? [COMMENT_MARKER] : []),
    headline(input),
    '',
    gateLine(input.gate),
    '',
    countsTable(input),
  ].join('\n');

  const tail: string[] = [];
  const notes = [
    ...(input.suppressed ? [`${plural(input.suppressed, 'finding')} suppressed (counted, not shown or uploaded).`] : []),
    ...(input.notes ?? []).map((note) => safeText(note, 500)),
  ];
  if (input.errors?.length) {
    const shown = input.errors.slice(0, limits.maxListItems).map((e) => `- ${safeText(e.file, 200)}: ${safeText(e.message, 300)}`);
    const more = input.errors.length > shown.length ? [`- …and ${input.errors.length - shown.length} more`] : [];
    tail.push(`<details><summary>${plural(input.errors.length, 'file')} could not be fully scanned</summary>\n\n${[...shown, ...more].join('\n')}\n\n</details>`);
  }
  const changes = gateChangesSection(input.gateChanges, limits);
  if (changes) tail.push(changes);
  if (input.probeMarkdown) {
    // The probe reporter brings its own heading and notes.
    tail.push(clip(input.probeMarkdown.trim(), limits.maxProbeChars, '_(probe results truncated; see the job summary or SARIF)_'));
  }
  if (notes.length) tail.push(notes.map((note) => `> ${note}`).join('\n>\n'));
  tail.push(`<details><summary>How to fix or suppress</summary>\n\n${SUPPRESS_HELP}\n\n</details>`);
  const tailText = tail.join('\n\n');

  // Findings rows fill what the head and tail leave of the budget.
  const sorted = [...input.findings].sort(compareForDisplay);
  const parts = [head];
  if (sorted.length) {
    const title = input.newKnown ? '### Findings (new first)' : '### Findings';
    let table = `${title}\n\n${findingsHeader(input)}`;
    const reserve = head.length + tailText.length + 400;
    let shown = 0;
    for (const finding of sorted) {
      if (shown >= limits.maxRows) break;
      const row = `\n${findingRow(finding, input)}`;
      if (reserve + table.length + row.length > limits.maxChars) break;
      table += row;
      shown++;
    }
    if (shown < sorted.length) table += `\n\n…and ${sorted.length - shown} more ${options.moreWhere}.`;
    parts.push(table);
  }
  parts.push(tailText);
  const body = `${parts.join('\n\n')}\n`;
  // Belt and braces: never exceed the limit, whatever a section did.
  return body.length <= limits.maxChars ? body : `${body.slice(0, limits.maxChars - 60)}\n\n_(truncated)_\n`;
}

export function renderComment(input: ReportInput): string {
  return renderReport(input, COMMENT_LIMITS, { marker: true, moreWhere: 'in the job summary and code scanning' });
}

export function renderSummary(input: ReportInput): string {
  return renderReport(input, SUMMARY_LIMITS, { moreWhere: 'in the SARIF file' });
}

/** `https://github.com/o/r/blob/<sha>/<path>#L<line>`, each path segment percent-encoded. */
export function blobUrl(serverUrl: string, owner: string, repo: string, sha: string, file: string, line: number): string {
  const encode = (segment: string): string => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const path = file.split('/').map(encode).join('/');
  return `${serverUrl}/${encode(owner)}/${encode(repo)}/blob/${encode(sha)}/${path}#L${Math.max(1, line)}`;
}
