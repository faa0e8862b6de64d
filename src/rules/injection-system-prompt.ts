import help from '../../docs/rules/injection-system-prompt.md?raw';
import { describePart, isInstructionRole, promptCalls } from '../analysis/prompts.js';
import { flowMessage, flowSteps, taintAnalysis } from '../analysis/taint.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { Rule } from './types.js';

/** What makes client data safe in instructions: a fixed set of values or a number. */
const CLEANED_BY: SanitizerKind[] = ['allowlist', 'cast', 'schema'];

export const rule: Rule = {
  meta: {
    id: 'injection-system-prompt',
    family: 'injection',
    title: 'User input in the system prompt',
    description:
      'Request data reaches the system prompt, developer message or instructions of an LLM call: whoever sends the request can rewrite the instructions the model follows.',
    severity: 'high',
    cwe: ['CWE-1427'],
    owasp: ['LLM01:2025', 'LLM07:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      for (const part of call.parts) {
        if (!isInstructionRole(part.role) || part.wholeMessages) continue;
        // The operator's own command-line or console input is not a remote caller's.
        const traces = taint.taintedBy(part.value, part.functionIndex, ['user'], CLEANED_BY).filter((t) => !t.operator);
        if (traces.length === 0) continue;
        // A denylist (regex or keyword filter) is a partial defence: one step lower, never silent.
        const unfiltered = traces.find((t) => !t.sanitizers.includes('denylist'));
        const trace = unfiltered ?? traces[0]!;
        let severity: Severity = unfiltered ? 'high' : 'medium';
        if (call.viaWrapper) severity = lowerSeverity(severity);
        const sink = describePart(part, call.api);
        const filtered = unfiltered ? '' : ' A denylist filter is on the way, which attackers route around.';
        ctx.report({
          span: part.span,
          message: `${flowMessage(trace, sink, call.call.span.line)}: the caller can rewrite the model's instructions.${filtered} Keep the system prompt static and put user text in the user turn, or check the value against an allowlist.`,
          severity,
          flow: flowSteps(ctx.path, trace, part.span, `reaches ${sink}`),
        });
      }
    }
  },
};
