import help from '../../docs/rules/output-code-exec.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-code-exec',
    family: 'output',
    title: 'Model output executed as code',
    description:
      'Text an LLM produced reaches eval/exec/compile, new Function, node:vm or a string timer: whoever steers the model (a prompt injection in a page, a file, a message) runs code on the server or in the browser.',
    severity: 'critical',
    cwe: ['CWE-94', 'CWE-1426'],
    owasp: ['LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['code-exec'],
      label: 'llm',
      advice: () => 'Never execute model output: parse it as data (ast.literal_eval, JSON with a schema), or run generated code in an isolated sandbox with no secrets and no network.',
    });
  },
};
