import help from '../../docs/rules/output-outbound-url.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-outbound-url',
    family: 'output',
    title: 'Model output controls an outbound request URL',
    description:
      'Text an LLM produced is the URL of a server-side request with no host allowlist: server-side request forgery to internal services and cloud metadata, or data carried out in the URL.',
    severity: 'medium',
    cwe: ['CWE-918', 'CWE-1426'],
    owasp: ['LLM05:2025', 'LLM06:2025', 'LLM02:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['outbound-url'],
      label: 'llm',
      advice: () => 'Check the host against an allowlist before the request, block private and metadata address ranges, or send requests through an egress proxy.',
    });
  },
};
