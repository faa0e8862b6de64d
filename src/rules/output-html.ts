import help from '../../docs/rules/output-html.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-html',
    family: 'output',
    title: 'Model output rendered as HTML or a template',
    description:
      'Text an LLM produced is written as raw HTML (innerHTML, dangerouslySetInnerHTML, document.write, Markup, mark_safe, unsafe Streamlit/Gradio HTML) or compiled as a template: a prompt injection becomes cross-site scripting or template injection.',
    severity: 'high',
    cwe: ['CWE-79', 'CWE-1336', 'CWE-1426'],
    owasp: ['LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['html'],
      label: 'llm',
      advice: (site) =>
        site.cwe.includes('CWE-1336')
          ? 'Never compile model output as a template: pass it as a variable of a fixed template, where autoescaping applies.'
          : 'Render model output as text (textContent, React {text}, autoescaped templates), or sanitize it first (DOMPurify, sanitize-html, bleach, nh3).',
    });
  },
};
