// Adversarial inputs for the secret matcher: 1 MiB single lines built to make a backtracking regex go
// quadratic or exponential. Nothing here asserts on time: a catastrophic pattern would hang, and
// vitest's test timeout reports it.
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../src/analysis/text/secrets.js';
import { rule as envRule } from '../src/rules/secret-env-file.js';
import { defaultConfig } from '../src/config/config.js';
import type { Report } from '../src/rules/types.js';

const MIB = 1024 * 1024;
const fill = (unit: string, size = MIB): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const inputs: [string, string][] = [
  ['sk-ant-api03- then 1 MiB of a', 'sk-ant-api03-' + 'a'.repeat(MIB)],
  ['sk-ant-api03- repeated', fill('sk-ant-api03-')],
  ['sk-ant-oat01- repeated', fill('sk-ant-oat01-')],
  ['sk- repeated 350k times', 'sk-'.repeat(350_000)],
  ['sk- then 1 MiB of alphanumerics', 'api_key="sk-' + fill('aB3') + '"'],
  ['sk-proj- repeated', 'api_key=' + fill('sk-proj-')],
  ['AIza repeated', fill('AIza')],
  ['AIza then word characters', 'AIza' + fill('Ab_-9')],
  ['T3BlbkFJ repeated', fill('T3BlbkFJ')],
  ['sk-proj- with T3BlbkFJ markers', fill('sk-proj-' + 'A'.repeat(58) + 'T3BlbkFJ')],
  ['mistral near a long alphanumeric run', 'mistral_api_key = "' + fill('aZ09') + '"'],
  ['mistral repeated with alphanumerics', fill('mistral' + 'Ab1'.repeat(11))],
  ['cohere and 40-char runs', fill('cohere=' + 'Qw8'.repeat(14) + ' ')],
  ['deepseek sk- runs', fill('deepseek sk-' + 'a1'.repeat(17))],
  ['hf_ repeated', fill('hf_')],
  ['hf_ then letters', 'token = hf_' + fill('abCD')],
  ['xai- r8_ gsk_ pplx- mix', fill('xai-r8_gsk_pplx-sk-or-v1-api_org_')],
  ['placeholder shapes', fill('${{ secrets.') + '}}'],
  ['newline storm', fill('\n')],
  ['CR storm with keys words', fill('\rsk-ant-api03-\r')],
];

// Each input also runs with a trailing `~`: a character that is neither part of a key nor a valid
// terminator, so every candidate run fails at its end and a backtracking regex has to give back
// character by character (that is what turns an unbounded `{40,}` quadratic).
const variants = inputs.flatMap(([name, text]): [string, string][] => [
  [name, text],
  [`${name}, then ~`, text + '~'],
]);

describe('findSecrets stays linear on adversarial input', () => {
  it.each(variants)('%s', (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(MIB - 16);
    const found = findSecrets(text, 'huge.txt');
    // Every reported value must still be a real match of its own span (no garbage from runaway scans).
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.value);
  });

  it('parses a 1 MiB .env line without blowing up', () => {
    const reports: Report[] = [];
    const text = 'OPENAI_API_KEY=' + fill('a b # c ') + '\n' + 'ANTHROPIC_API_KEY="' + fill('x"') + '\n';
    envRule.checkText!({
      kind: 'text',
      path: '.env',
      text,
      config: defaultConfig(),
      report: (r) => reports.push(r),
    });
    expect(reports).toHaveLength(0);
  });
});
