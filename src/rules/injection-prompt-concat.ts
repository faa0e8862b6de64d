import help from '../../docs/rules/injection-prompt-concat.md?raw';
import type { Expr, FileModel } from '../analysis/model.js';
import { describePart, promptCalls, type PromptRole } from '../analysis/prompts.js';
import { flowMessage, flowSteps, taintAnalysis, type TaintAnalysis, type Trace } from '../analysis/taint.js';
import { functionAt, resolveValue, unwrap } from '../analysis/values.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { Rule } from './types.js';

/** Literal text that reads as an instruction to the model (static-rules.md P2 cue words). */
export const INSTRUCTION_CUE =
  /\b(you are|ignore|answer|translate|summari[sz]e|respond only|instructions?|rewrite|classify|extract)\b/i;

/** Delimiters that mark interpolated text as data: `<tag>…</tag>`, `"""…"""`, ``` fences, `---` rules. */
const DELIMITERS: Array<{ open: RegExp; close: (open: RegExpExecArray) => RegExp }> = [
  { open: /<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?>\s*$/, close: (m) => new RegExp(`^\\s*</${escapeRegExp(m[1]!)}\\s*>`) },
  { open: /("""|''')\s*$/, close: (m) => new RegExp(`^\\s*${m[1]}`) },
  { open: /```[\w-]*\s*$/, close: () => /^\s*```/ },
  { open: /(^|\n)\s*-{3,}\s*$/, close: () => /^\s*-{3,}/ },
];

const TEXT_ROLES: PromptRole[] = ['user', 'prompt'];
const CLEANED_BY: SanitizerKind[] = ['allowlist', 'cast', 'schema'];
const MAX_DEPTH = 6;

type Segment = { text: string } | { expr: Expr; functionIndex: number | undefined };

export const rule: Rule = {
  meta: {
    id: 'injection-prompt-concat',
    family: 'injection',
    title: 'User input concatenated into prompt instructions',
    description:
      'Request data is pasted into a prompt next to instruction text, with no delimiters marking it as data: text in the input can read as instructions.',
    severity: 'low',
    cwe: ['CWE-1427'],
    owasp: ['LLM01:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    const reported = new Set<string>();
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      for (const part of call.parts) {
        // Template variables are structured; whole histories belong to injection-client-history.
        if (!TEXT_ROLES.includes(part.role) || part.wholeMessages || part.templateVariable) continue;
        const template = resolveValue(ctx.model, part.value, part.functionIndex);
        if (template.kind !== 'template') continue;
        const key = `${template.span.line}:${template.span.column}`;
        if (reported.has(key)) continue;
        const segments = flatten(ctx.model, template, functionAt(ctx.model, template.span), 0);
        const literal = segments.map((s) => ('text' in s ? s.text : '')).join('');
        if (!INSTRUCTION_CUE.test(literal)) continue;
        const trace = undelimitedTaint(taint, segments);
        if (!trace) continue;
        reported.add(key);
        let severity: Severity = call.hasTools ? 'medium' : 'low';
        if (call.viaWrapper) severity = lowerSeverity(severity);
        const sink = describePart(part, call.api);
        const cue = INSTRUCTION_CUE.exec(literal)![0];
        const tools = call.hasTools ? ' The call can use tools, so injected text can trigger them.' : '';
        ctx.report({
          span: template.span,
          message: `${flowMessage(trace, sink, call.call.span.line)}, pasted next to instruction text ("${cue}") with no delimiters: text in it can read as instructions.${tools} Wrap it in tags (<document>…</document>) and escape them, or send instructions in the system prompt.`,
          severity,
          flow: flowSteps(ctx.path, trace, template.span, `concatenated into ${sink}`),
        });
      }
    }
  },
};

/** The template's literal text and interpolations, with constant names and nested templates inlined. */
function flatten(model: FileModel, template: Extract<Expr, { kind: 'template' }>, fn: number | undefined, depth: number): Segment[] {
  const out: Segment[] = [];
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out.push({ text: part });
      continue;
    }
    const resolved = resolveValue(model, part, fn);
    if (resolved.kind === 'string') out.push({ text: resolved.value });
    else if (resolved.kind === 'template' && depth < MAX_DEPTH) out.push(...flatten(model, resolved, functionAt(model, resolved.span), depth + 1));
    else out.push({ expr: part, functionIndex: fn });
  }
  return out;
}

/** The first interpolation that carries client text and is not wrapped in delimiters. */
function undelimitedTaint(taint: TaintAnalysis, segments: Segment[]): Trace | undefined {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if ('text' in segment) continue;
    if (isJsonEncoded(taint.model, segment.expr)) continue;
    const traces = taint.taintedBy(segment.expr, segment.functionIndex, ['user'], CLEANED_BY).filter((t) => !t.operator);
    if (traces.length === 0) continue;
    const before = textAround(segments, i, -1);
    const after = textAround(segments, i, 1);
    const delimited = DELIMITERS.some((d) => {
      const open = d.open.exec(before);
      return open !== null && d.close(open).test(after);
    });
    if (!delimited) return traces[0];
  }
  return undefined;
}

/** Literal text next to segment `i` (up to the next interpolation) in direction `step`. */
function textAround(segments: Segment[], i: number, step: 1 | -1): string {
  let text = '';
  for (let j = i + step; j >= 0 && j < segments.length; j += step) {
    const s = segments[j]!;
    if (!('text' in s)) break;
    text = step === 1 ? text + s.text : s.text + text;
  }
  return text;
}

/** `json.dumps(x)` / `JSON.stringify(x)`: quoted and escaped, so it reads as a data value. */
function isJsonEncoded(model: FileModel, expr: Expr): boolean {
  const e = unwrap(expr);
  if (e.kind !== 'call') return false;
  const path = model.calls[e.callIndex]?.calleePath;
  return path === 'json.dumps' || path === 'JSON.stringify';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
