import help from '../../docs/rules/output-sql.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-sql',
    family: 'output',
    title: 'Model output executed as SQL',
    description:
      'Text an LLM produced is executed as (or spliced into) a SQL query without parameters: text-to-SQL without a read-only role and a statement allowlist lets a prompt injection read or change any table.',
    severity: 'high',
    cwe: ['CWE-89', 'CWE-1426'],
    owasp: ['LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['sql'],
      label: 'llm',
      advice: () => 'Pass model-chosen values as query parameters; for text-to-SQL, parse the statement, allowlist statements and tables, and run it with a read-only role, a LIMIT and a timeout.',
    });
  },
};
