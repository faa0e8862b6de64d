import help from '../../docs/rules/output-markdown.md?raw';
import { findSinks } from '../analysis/sinks.js';
import { resolveValue } from '../analysis/values.js';
import { CHAT_COMPONENT_PATH, CHAT_UI_MODULES } from '../knowledge/sinks.js';
import { reportSinkFlows } from './sink-flows.js';
import type { CodeContext, Rule } from './types.js';

const RAW_HTML_ADVICE = 'Disable raw HTML, or sanitize the rendered HTML (rehype-sanitize after rehype-raw, DOMPurify after marked).';

export const rule: Rule = {
  meta: {
    id: 'output-markdown',
    family: 'output',
    title: 'Model output rendered as markdown with raw HTML or open image URLs',
    description:
      'Model output goes through a markdown renderer that lets raw HTML through (marked, rehype-raw, markdown-it with html: true) into the page, or that renders model-chosen image and link URLs: script injection, or data carried out in an image URL (EchoLeak).',
    severity: 'medium',
    cwe: ['CWE-79', 'CWE-200', 'CWE-1426'],
    owasp: ['LLM05:2025', 'LLM02:2025'],
    precision: 'medium',
    help,
  },
  checkCode(ctx) {
    const reported = reportSinkFlows(ctx, {
      kinds: ['markdown'],
      label: 'llm',
      advice: (site) =>
        site.severity === 'high'
          ? RAW_HTML_ADVICE
          : 'Allowlist or proxy image and link hosts (urlTransform, a custom img component) and set a strict CSP img-src.',
    });
    reportRawRendererInChatComponent(ctx, new Set(reported.map((s) => s.call?.index)));
  },
};

/**
 * The configuration finding: react-markdown with rehype-raw and no rehype-sanitize in a chat component, where
 * the text arrives through props and no flow from the model is visible.
 */
function reportRawRendererInChatComponent(ctx: CodeContext, reported: Set<number | undefined>): void {
  const chatFile = CHAT_COMPONENT_PATH.test(ctx.path) || ctx.model.imports.some((i) => CHAT_UI_MODULES.includes(i.module)) || ctx.llm.sdkImports.length > 0;
  if (!chatFile) return;
  const done = new Set<number | undefined>(reported);
  for (const site of findSinks(ctx.model, ['markdown'])) {
    if (site.sinkId !== 'js.react-markdown-raw' || done.has(site.call?.index)) continue;
    const value = resolveValue(ctx.model, site.value, site.functionIndex);
    if (value.kind === 'string') continue;
    done.add(site.call?.index);
    ctx.report({
      span: site.span,
      severity: 'high',
      message: `A chat component renders markdown with ${site.description}: HTML in a model answer runs as script in the page. ${RAW_HTML_ADVICE}`,
    });
  }
}
