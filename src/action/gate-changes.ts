// A PR must not quietly weaken its own gate: list the inline suppressions it adds and what its change to
// the config file does (with `config-from-base: true` the base branch's config gates instead).
import { SEVERITY_RANK, type Severity } from '../core/types.js';
import type { ResolvedConfig } from '../config/config.js';
import { parseSuppressions } from '../core/suppress.js';
import { ruleById } from '../rules/index.js';
import { isChangedLine, scannableFiles, type ChangedFile } from './changed-files.js';

export interface AddedSuppression {
  file: string;
  line: number;
  ruleIds: string[];
  reason: string | undefined;
}

export interface ConfigChange {
  text: string;
  /** True when the change can hide findings or lower the gate. */
  weakens: boolean;
}

export interface GateChanges {
  suppressions: AddedSuppression[];
  config:
    | {
        path: string;
        /** The config that gated this run. */
        gatingWith: 'base' | 'head';
        changes: ConfigChange[];
        /** The PR's config does not load (the base config gates, or the run fails). */
        error?: string;
      }
    | undefined;
}

/** `promptgate-ignore` comments on lines the PR adds. */
export function findAddedSuppressions(files: ChangedFile[], readHead: (path: string) => string | undefined): AddedSuppression[] {
  const added: AddedSuppression[] = [];
  for (const file of scannableFiles(files)) {
    if (file.changedLines !== 'all' && file.changedLines.length === 0) continue;
    const text = readHead(file.path);
    if (text === undefined || !text.includes('promptgate-ignore')) continue;
    for (const suppression of parseSuppressions(text)) {
      if (isChangedLine(file, suppression.line)) {
        added.push({ file: file.path, line: suppression.line, ruleIds: suppression.ruleIds, reason: suppression.reason });
      }
    }
  }
  return added;
}

function list(values: string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

function added(from: string[], to: string[]): string[] {
  const before = new Set(from);
  return to.filter((value) => !before.has(value));
}

function effectiveSeverity(config: ResolvedConfig, id: string): Severity | undefined {
  return config.rules[id]?.severity ?? ruleById(id)?.meta.severity;
}

/** Numeric settings and the direction that weakens the gate. */
const NUMERIC_SETTINGS: Array<{ name: string; get: (c: ResolvedConfig) => number; weakerWhen: 'higher' | 'lower' }> = [
  { name: 'thresholds.max-output-tokens', get: (c) => c.thresholds.maxOutputTokens, weakerWhen: 'higher' },
  { name: 'thresholds.max-retries', get: (c) => c.thresholds.maxRetries, weakerWhen: 'higher' },
  { name: 'max-file-size', get: (c) => c.maxFileBytes, weakerWhen: 'lower' },
];

/** What the PR's config does compared with the base branch's, in words. */
export function describeConfigChanges(base: ResolvedConfig, head: ResolvedConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const ids = [...new Set([...Object.keys(base.rules), ...Object.keys(head.rules)])].sort();
  for (const id of ids) {
    const wasOn = base.rules[id]?.enabled !== false;
    const isOn = head.rules[id]?.enabled !== false;
    if (wasOn && !isOn) changes.push({ text: `disables rule \`${id}\``, weakens: true });
    if (!wasOn && isOn) changes.push({ text: `re-enables rule \`${id}\``, weakens: false });
    const was = effectiveSeverity(base, id);
    const now = effectiveSeverity(head, id);
    if (isOn && was !== now && now !== undefined) {
      // A rule unknown to this version has no default: any override counts as weakening.
      const weakens = was === undefined || SEVERITY_RANK[now] < SEVERITY_RANK[was];
      changes.push({ text: `sets rule \`${id}\` to ${now}${was ? ` (was ${was})` : ''}`, weakens });
    }
  }
  const ignored = added(base.ignorePaths, head.ignorePaths);
  if (ignored.length) changes.push({ text: `ignores paths ${list(ignored)}`, weakens: true });
  const unignored = added(head.ignorePaths, base.ignorePaths);
  if (unignored.length) changes.push({ text: `stops ignoring ${list(unignored)}`, weakens: false });
  const trusted = added(base.trustedSources, head.trustedSources);
  if (trusted.length) changes.push({ text: `trusts sources ${list(trusted)}`, weakens: true });
  const untrusted = added(head.trustedSources, base.trustedSources);
  if (untrusted.length) changes.push({ text: `stops trusting ${list(untrusted)}`, weakens: false });
  const wrappers = added(base.llmWrappers, head.llmWrappers);
  if (wrappers.length) changes.push({ text: `adds LLM wrappers ${list(wrappers)}`, weakens: false });
  const droppedWrappers = added(head.llmWrappers, base.llmWrappers);
  if (droppedWrappers.length) changes.push({ text: `removes LLM wrappers ${list(droppedWrappers)}`, weakens: true });
  for (const setting of NUMERIC_SETTINGS) {
    const was = setting.get(base);
    const now = setting.get(head);
    if (was === now) continue;
    const weakens = setting.weakerWhen === 'higher' ? now > was : now < was;
    changes.push({ text: `changes \`${setting.name}\` from ${was} to ${now}`, weakens });
  }
  return changes;
}
