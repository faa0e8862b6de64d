import help from '../../docs/rules/output-file-path.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-file-path',
    family: 'output',
    title: 'Model output controls a file path',
    description:
      'Text an LLM produced names a file that is written, deleted or read, with no confinement to a base directory: path traversal steered by a prompt injection.',
    severity: 'high',
    cwe: ['CWE-22', 'CWE-73', 'CWE-1426'],
    owasp: ['LLM05:2025', 'LLM06:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['file-path'],
      label: 'llm',
      advice: () => 'Map the model\'s choice to known file ids, or resolve the path and check it stays inside a base directory (resolve() + is_relative_to, path.resolve + startsWith(base + sep)).',
    });
  },
};
