import help from '../../docs/rules/output-shell.md?raw';
import { reportSinkFlows } from './sink-flows.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'output-shell',
    family: 'output',
    title: 'Model output reaches a shell command',
    description:
      'Text an LLM produced becomes a shell command (os.system, subprocess with shell=True, child_process.exec) or picks the program to run: a prompt injection becomes command execution.',
    severity: 'critical',
    cwe: ['CWE-78', 'CWE-1426'],
    owasp: ['LLM05:2025', 'LLM06:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    reportSinkFlows(ctx, {
      kinds: ['shell'],
      label: 'llm',
      advice: () => 'Do not run model-written commands: call a fixed program with an argument list (no shell), map the model\'s choice to allowlisted commands, or run it in a sandbox behind human approval.',
    });
  },
};
