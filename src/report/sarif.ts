// SARIF 2.1.0 for GitHub code scanning (DESIGN §4, reference/github-action.md §2). Output is a pure
// function of the input: rules and results are sorted, so the same findings in any order give the same
// bytes. Only what code scanning reads is emitted; everything GitHub requires is always present
// (help.text, security-severity as a numeric string, all four region fields, partialFingerprints).
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { SECURITY_SEVERITY, type Finding, type FlowStep, type Severity } from '../core/types.js';
import type { RuleMeta } from '../rules/types.js';
import { compareStrings, isProblem } from './json.js';

export const TOOL_NAME = 'promptgate';
export const TOOL_INFORMATION_URI = 'https://github.com/promptgate/promptgate';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const STATIC_CATEGORY = 'promptgate';
export const PROBE_CATEGORY = 'promptgate-probe';

/** What SARIF needs of a rule; probes describe themselves with the same fields. */
export type SarifRuleMeta = Pick<RuleMeta, 'id' | 'title' | 'description' | 'severity' | 'cwe' | 'owasp' | 'precision' | 'help'>;

export interface SarifRunInput {
  /** Code scanning category, e.g. `promptgate` or `promptgate-probe`; becomes automationDetails.id `<category>/`. */
  category: string;
  rules: SarifRuleMeta[];
  findings: Finding[];
}

export interface SarifInput {
  toolVersion: string;
  runs: SarifRunInput[];
  /**
   * Absolute path of the repository root. When given, runs declare `originalUriBaseIds.%SRCROOT%` as its
   * file URI. Left out by default: the spec requires an absolute URI there, and a machine-specific path
   * would make the same scan differ byte-wise between checkouts.
   */
  srcRoot?: string;
}

// GitHub's limits (docs sarif-support-for-code-scanning): descriptions ≤1024 chars, name ≤255, ≤20 tags.
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;
const MAX_TAGS = 20;

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

// CodeQL's `problem.severity` vocabulary, used by code scanning when a rule has no security-severity.
const PROBLEM_SEVERITY: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
};

/** SARIF `security-severity` (a numeric string) for a severity. */
export function securitySeverity(severity: Severity): string {
  return SECURITY_SEVERITY[severity];
}

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return LEVEL[severity];
}

/** `secret-provider-key` -> `SecretProviderKey`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function limit(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Tags in CodeQL's documented style (query metadata style guide): `security`, `external/cwe/cwe-079`
 * (zero-padded to three digits as CodeQL does), and by the same pattern `external/owasp/owasp-llm01-2025`
 * (the year is kept: OWASP renumbered the LLM list between 2023 and 2025).
 */
export function ruleTags(rule: Pick<SarifRuleMeta, 'cwe' | 'owasp'>): string[] {
  const tags = ['security'];
  for (const cwe of rule.cwe) {
    const match = /^(?:cwe-?)?(\d+)$/i.exec(cwe.trim());
    if (match) tags.push(`external/cwe/cwe-${match[1]!.padStart(3, '0')}`);
  }
  for (const owasp of rule.owasp) {
    const match = /^(llm\d+)(?::(\d{4}))?$/i.exec(owasp.trim());
    if (match) tags.push(`external/owasp/owasp-${match[1]!.toLowerCase()}${match[2] ? `-${match[2]}` : ''}`);
  }
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

/** Plain text from a rule's markdown page, for `help.text` (shown where markdown is not rendered). */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^```.*$/gm, '') // fences go, code stays
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/(\*\*|__)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function ruleDescriptor(rule: SarifRuleMeta): Sarif.ReportingDescriptor {
  const markdown = rule.help.trim();
  const text = markdown ? markdownToText(markdown) : [...new Set([rule.title, rule.description].filter(Boolean))].join('\n\n') || rule.id;
  return {
    id: rule.id,
    name: limit(pascalCase(rule.id), MAX_NAME),
    shortDescription: { text: limit(rule.title, MAX_DESCRIPTION) },
    fullDescription: { text: limit(rule.description || rule.title, MAX_DESCRIPTION) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    help: markdown ? { text, markdown } : { text },
    properties: {
      tags: ruleTags(rule),
      precision: rule.precision,
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** A rule for a finding whose rule the caller did not list, so ruleIndex always resolves. */
function ruleFromFinding(finding: Finding): SarifRuleMeta {
  return {
    id: finding.ruleId,
    title: finding.title,
    description: finding.title,
    severity: finding.severity,
    cwe: finding.cwe,
    owasp: finding.owasp,
    precision: 'medium',
    help: '',
  };
}

/** Repository-relative path -> SARIF URI reference (forward slashes, each segment percent-encoded). */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  const path = file.replace(/\\/g, '/');
  const encode = (p: string): string =>
    p
      .split('/')
      .map((segment) => encodeURIComponent(segment).replace(/%(40|2B|24|2C|3D|3B|26)/g, (m) => decodeURIComponent(m)))
      .join('/');
  // Absolute paths should not reach here (findings are repo-relative); if one does, keep it valid.
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  return { uri: encode(path.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function whole(n: number, fallback: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

/** A region GitHub accepts: all four fields, 1-based, end after start. endColumn is exclusive. */
export function region(loc: Pick<FlowStep, 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.Region {
  const startLine = whole(loc.line, 1);
  const startColumn = whole(loc.column, 1);
  const endLine = Math.max(startLine, whole(loc.endLine, startLine));
  let endColumn = whole(loc.endColumn, startColumn + 1);
  if (endLine === startLine && endColumn <= startColumn) endColumn = startColumn + 1;
  return { startLine, startColumn, endLine, endColumn };
}

function physicalLocation(loc: Pick<FlowStep, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(loc.file), region: region(loc) };
}

/**
 * Only real problems become alerts. Code scanning ignores `result.kind` and shows every result as an
 * alert (microsoft/PSRule#955), so suppressed findings and probe results that did not fail (pass,
 * inconclusive, skipped) stay out; they are reported in the comment, summary and JSON instead.
 */
export const isUploadable: (finding: Finding) => boolean = isProblem;

function buildResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message || finding.title },
    locations: [{ physicalLocation: physicalLocation(finding) }],
  };
  if (finding.fingerprint) result.partialFingerprints = { primaryLocationLineHash: finding.fingerprint };
  if (finding.flow && finding.flow.length >= 2) {
    result.codeFlows = [
      {
        threadFlows: [
          {
            locations: finding.flow.map((step) => ({
              location: { physicalLocation: physicalLocation(step), message: { text: step.message } },
            })),
          },
        ],
      },
    ];
  }
  // GitHub reads security-severity from rules only; a per-finding severity (config override,
  // probe escalation) is recorded here and in `level`.
  result.properties = { severity: finding.severity };
  if (finding.status !== undefined) result.properties['status'] = finding.status;
  return result;
}

function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const la = a.locations![0]!.physicalLocation!;
  const lb = b.locations![0]!.physicalLocation!;
  return (
    compareStrings(la.artifactLocation!.uri!, lb.artifactLocation!.uri!) ||
    la.region!.startLine! - lb.region!.startLine! ||
    la.region!.startColumn! - lb.region!.startColumn! ||
    compareStrings(a.ruleId!, b.ruleId!) ||
    compareStrings(a.message.text!, b.message.text!) ||
    // Total order for byte-identical output even when two results share all of the above.
    compareStrings(JSON.stringify(a), JSON.stringify(b))
  );
}

function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

function buildRun(input: SarifRunInput, toolVersion: string, srcRoot: string | undefined): Sarif.Run {
  const metas = new Map<string, SarifRuleMeta>();
  for (const rule of input.rules) if (!metas.has(rule.id)) metas.set(rule.id, rule);
  const findings = input.findings.filter(isUploadable);
  for (const finding of findings) if (!metas.has(finding.ruleId)) metas.set(finding.ruleId, ruleFromFinding(finding));

  const ids = [...metas.keys()].sort(compareStrings);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => ruleDescriptor(metas.get(id)!));
  const results = findings.map((f) => buildResult(f, indexOf.get(f.ruleId)!)).sort(compareResults);

  const driver: Sarif.ToolComponent = { name: TOOL_NAME, version: toolVersion };
  if (/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(toolVersion)) driver.semanticVersion = toolVersion;
  driver.informationUri = TOOL_INFORMATION_URI;
  driver.rules = rules;

  const run: Sarif.Run = { tool: { driver }, automationDetails: { id: automationId(input.category) } };
  if (srcRoot) {
    const href = pathToFileURL(srcRoot).href;
    run.originalUriBaseIds = { '%SRCROOT%': { uri: href.endsWith('/') ? href : `${href}/` } };
  }
  // Columns count UTF-16 code units, as the TypeScript front end and JS strings do (and as CodeQL declares).
  run.columnKind = 'utf16CodeUnits';
  run.results = results;
  return run;
}

/**
 * The SARIF log: one run per category (runs with the same category are merged, since code scanning
 * rejects a file with two), runs sorted by category.
 */
export function buildSarif(input: SarifInput): Sarif.Log {
  const byCategory = new Map<string, SarifRunInput>();
  for (const run of input.runs) {
    const key = automationId(run.category);
    const existing = byCategory.get(key);
    if (existing) {
      existing.rules = [...existing.rules, ...run.rules];
      existing.findings = [...existing.findings, ...run.findings];
    } else {
      byCategory.set(key, { category: run.category, rules: [...run.rules], findings: [...run.findings] });
    }
  }
  // Sort on the bare category so `promptgate` comes before `promptgate-probe`.
  const runs = [...byCategory.entries()]
    .sort(([a], [b]) => compareStrings(a.slice(0, -1), b.slice(0, -1)))
    .map(([, run]) => buildRun(run, input.toolVersion, input.srcRoot));
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs };
}

/** 2-space JSON with a trailing newline. */
export function serializeSarif(log: Sarif.Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}
