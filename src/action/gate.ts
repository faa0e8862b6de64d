// The merge gate: fail when findings at or above `fail-on` exist in the gated scope.
import { atLeast, SEVERITIES, type FailOn, type Finding, type Severity } from '../core/types.js';
import type { FailOnScope } from './inputs.js';

export interface GateResult {
  failed: boolean;
  failOn: FailOn;
  /** The scope that applied: `new` falls back to `all` when new-vs-existing is unknown (not a PR). */
  scope: FailOnScope;
  /** The findings that fail the gate. */
  gated: Finding[];
  /** One line, for the log, the comment and the summary. */
  reason: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function severityBreakdown(findings: Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const finding of findings) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
}

/**
 * `findings` are the problems in the reported scope. With scope `new`, a finding whose new-ness is
 * unknown (`new` undefined: probe results, unreadable base versions) gates: the gate fails closed.
 */
export function decideGate(findings: Finding[], failOn: FailOn, failOnScope: FailOnScope, newKnown: boolean): GateResult {
  const scope: FailOnScope = failOnScope === 'new' && newKnown ? 'new' : 'all';
  const setting = `fail-on: ${failOn}, fail-on-scope: ${scope}`;
  if (failOn === 'none') {
    return { failed: false, failOn, scope, gated: [], reason: 'gate off (fail-on: none)' };
  }
  const gated = findings.filter((f) => atLeast(f.severity, failOn) && (scope === 'all' || f.new !== false));
  const kind = scope === 'new' ? 'new finding' : 'finding';
  if (gated.length === 0) {
    return { failed: false, failOn, scope, gated, reason: `no ${kind}s at or above ${failOn} (${setting})` };
  }
  return {
    failed: true,
    failOn,
    scope,
    gated,
    reason: `${plural(gated.length, kind)} at or above ${failOn}: ${severityBreakdown(gated)} (${setting})`,
  };
}
