import help from '../../docs/rules/injection-indirect-content.md?raw';
import { describePart, isInstructionRole, promptCalls, type PromptRole } from '../analysis/prompts.js';
import { flowMessage, flowSteps, taintAnalysis } from '../analysis/taint.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import type { SanitizerKind } from '../knowledge/taint.js';
import type { Rule } from './types.js';

/** Only a fixed set of values or a number leaves no third-party text behind. */
const CLEANED_BY: SanitizerKind[] = ['allowlist', 'cast'];
/** Turns that carry content; with tools on the call, third-party text there can still steer tool calls. */
const CONTENT_ROLES: PromptRole[] = ['user', 'prompt', 'unknown'];

export const rule: Rule = {
  meta: {
    id: 'injection-indirect-content',
    family: 'injection',
    title: 'Fetched or retrieved content in privileged prompt position',
    description:
      'Text from the web, an uploaded file or a retrieval store reaches the system prompt, or any turn of a call that can use tools: whoever wrote that text can steer the model (indirect prompt injection).',
    severity: 'medium',
    cwe: ['CWE-1427'],
    owasp: ['LLM01:2025', 'LLM08:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const taint = taintAnalysis(ctx.model, ctx.llm, ctx.config);
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      for (const part of call.parts) {
        const instructions = isInstructionRole(part.role);
        if (!instructions && !(call.hasTools && CONTENT_ROLES.includes(part.role))) continue;
        const traces = taint.taintedBy(part.value, part.functionIndex, ['fetched'], CLEANED_BY);
        const trace = traces[0];
        if (!trace) continue;
        const severity: Severity = call.viaWrapper ? lowerSeverity('medium') : 'medium';
        const sink = describePart(part, call.api);
        const why = instructions
          ? 'whoever wrote that content can rewrite the instructions. Put it in a delimited user turn labelled as data.'
          : 'the call can use tools, so instructions hidden in the content can make the model call them. Limit or disable tools while third-party content is in context.';
        ctx.report({
          span: part.span,
          message: `${flowMessage(trace, sink, call.call.span.line)}: ${why}`,
          severity,
          flow: flowSteps(ctx.path, trace, part.span, `reaches ${sink}`),
        });
      }
    }
  },
};
