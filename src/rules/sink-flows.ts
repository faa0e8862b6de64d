// Shared check of the output-* and agency-tool-args-sink rules: taint of one label reaching sinks of some
// kinds, not cleaned by the sink's sanitizer kinds. One finding per sink; a sink whose value holds another
// reported sink (`exec(compile(out))`) gives way to the inner one. Partial defences (denylist filters,
// confirmation prompts, approval flags) lower the severity one step and never hide a finding; so does an LLM
// call seen only through a configured wrapper.
import type { Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { confinedBefore, confirmedBefore, findSinks, type SinkSite } from '../analysis/sinks.js';
import { flowMessage, flowSteps, taintAnalysis, type Trace } from '../analysis/taint.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import { CLEANED_BY, PARTIAL_DEFENCES, type SinkKind } from '../knowledge/sinks.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { CodeContext } from './types.js';

export interface SinkFlowOptions {
  kinds: SinkKind[];
  /** `llm` for the output-* rules, `tool` for agency-tool-args-sink: one flow, one rule. */
  label: 'llm' | 'tool';
  /** What to do about it, appended to the flow message. */
  advice(site: SinkSite): string;
  /** Overrides the sink's own severity. */
  severity?(site: SinkSite): Severity;
  /** A rule-specific reason a flow is safe (validated JSON, an enum-typed tool argument). */
  safe?(site: SinkSite, trace: Trace): boolean;
  /** A rule-specific partial defence (a tool that needs approval), named for the message. */
  partialDefence?(site: SinkSite, trace: Trace): string | undefined;
}

interface Hit {
  site: SinkSite;
  trace: Trace;
}

/** Sanitizer kinds that clean `site`: the kind's table entry, plus shell quoting after a fixed program. */
export function cleanedBy(site: SinkSite): SanitizerKind[] {
  const kinds = CLEANED_BY[site.kind];
  return site.kind === 'shell' && site.fixedProgram ? [...kinds, 'shell'] : kinds;
}

/** Reports the flows; returns the sites reported. */
export function reportSinkFlows(ctx: CodeContext, options: SinkFlowOptions): SinkSite[] {
  const analysis = taintAnalysis(ctx.model, ctx.llm, ctx.config);
  const hits: Hit[] = [];
  const reported = new Set<string>();
  for (const site of findSinks(ctx.model, options.kinds)) {
    const key = `${spanKey(site.span)}|${site.kind}`;
    if (reported.has(key) || site.fixedHost) continue;
    const cleaned = cleanedBy(site);
    const open = analysis
      .tracesOf(site.value, site.functionIndex)
      .filter((t) => t.label === options.label && !t.sanitizers.some((s) => cleaned.includes(s)) && !options.safe?.(site, t));
    if (open.length === 0) continue;
    if ((site.kind === 'file-path' || site.kind === 'outbound-url') && confinedBefore(ctx.model, site, site.kind)) continue;
    reported.add(key);
    hits.push({ site, trace: open.find((t) => !t.sanitizers.some((s) => PARTIAL_DEFENCES.includes(s))) ?? open[0]! });
  }
  const reportedSites: SinkSite[] = [];
  for (const hit of hits) {
    if (hits.some((other) => other !== hit && !sameSpan(other.site.span, hit.site.span) && spanContains(hit.site.value.span, other.site.span))) continue;
    report(ctx, hit, options);
    reportedSites.push(hit.site);
  }
  return reportedSites;
}

function report(ctx: CodeContext, { site, trace }: Hit, options: SinkFlowOptions): void {
  let severity = options.severity?.(site) ?? site.severity;
  const partial: string[] = [];
  if (trace.sanitizers.some((s) => PARTIAL_DEFENCES.includes(s))) partial.push('a denylist filter');
  if (confirmedBefore(ctx.model, site.functionIndex, site.span)) partial.push('a confirmation prompt');
  const extra = options.partialDefence?.(site, trace);
  if (extra) partial.push(extra);
  if (partial.length > 0) severity = lowerSeverity(severity);
  // Output of a configured wrapper (not an SDK-bound call) is one step less certain.
  const sourceSpan = trace.steps[0]?.span;
  if (sourceSpan && ctx.llm.calls.some((c) => c.viaWrapper && sameStart(c.call.span, sourceSpan))) severity = lowerSeverity(severity);
  const note = partial.length > 0 ? ` Severity lowered: ${partial.join(' and ')} only partly defends.` : '';
  ctx.report({
    span: site.span,
    severity,
    message: `${flowMessage(describedSource(trace), site.description, site.span.line)}. ${options.advice(site)}${note}`,
    flow: flowSteps(ctx.path, trace, site.span, `reaches ${site.description}`),
  });
}

/** A tool handler parameter is traced under its bare name; say what it is. */
function describedSource(trace: Trace): Trace {
  return trace.label === 'tool' && /^[A-Za-z_$][\w$]*$/.test(trace.source) ? { ...trace, source: `tool argument ${trace.source}` } : trace;
}

function spanKey(span: Span): string {
  return `${span.line}:${span.column}:${span.endLine}:${span.endColumn}`;
}

function sameSpan(a: Span, b: Span): boolean {
  return spanKey(a) === spanKey(b);
}

function sameStart(a: Span, b: Span): boolean {
  return a.line === b.line && a.column === b.column;
}
