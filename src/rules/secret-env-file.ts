// secret-env-file: a committed `.env` file (not `.env.example`/`.sample`/`.template`/`.dist`/`.defaults`)
// sets an LLM provider secret (ANTHROPIC_API_KEY, OPENAI_API_KEY, HF_TOKEN, ...) to a real-looking value.
// Interplay with secret-provider-key: this rule reports the committed `.env` entry (name to value);
// secret-provider-key reports the key value itself when it matches a provider pattern. Both fire on such
// a line, and the entry is then critical (a recognized live key) instead of high.
import help from '../../docs/rules/secret-env-file.md?raw';
import { findSecrets, isKnownSampleKey, isPlaceholderValue } from '../analysis/text/secrets.js';
import { isCommittedEnvFile, isLlmSecretEnvName } from '../knowledge/env-names.js';
import { redactSecret } from '../report/redact.js';
import type { Rule } from './types.js';

export interface EnvEntry {
  name: string;
  /** Unquoted value, comment stripped. */
  value: string;
  /** 1-based line; columns 1-based, `endColumn` exclusive (name start to value end). */
  line: number;
  column: number;
  endColumn: number;
  /** Columns of the value itself. */
  valueColumn: number;
  valueEndColumn: number;
}

// dotenv syntax: optional `export`, NAME, `=` (or `:`), value. One anchored start per line: linear.
const ENV_LINE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]{0,127})([ \t]*[=:][ \t]*)/;

/** The `NAME=value` entries of a dotenv file. Lines split like the rest of the engine (\r\n, \r, \n). */
export function parseEnvEntries(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = ENV_LINE.exec(line);
    if (!m) continue;
    const nameStart = m[1]!.length + (m[2]?.length ?? 0);
    const name = m[3]!;
    let valueStart = m[0].length;
    let rest = line.slice(valueStart);
    let value: string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = rest.indexOf(quote, 1);
      value = close > 0 ? rest.slice(1, close) : rest.slice(1);
      valueStart += 1;
    } else {
      // An unquoted value ends at ` #` (a trailing comment); a leading `#` means no value.
      const hash = rest.search(/(?:^|[ \t])#/);
      if (hash >= 0) rest = rest.slice(0, hash);
      value = rest.trimEnd();
    }
    entries.push({
      name,
      value,
      line: i + 1,
      column: nameStart + 1,
      endColumn: valueStart + value.length + 1,
      valueColumn: valueStart + 1,
      valueEndColumn: valueStart + value.length + 1,
    });
  }
  return entries;
}

export const rule: Rule = {
  meta: {
    id: 'secret-env-file',
    family: 'secret',
    title: '.env file with an LLM provider secret committed',
    description:
      'A committed .env file sets an LLM provider credential (ANTHROPIC_API_KEY, OPENAI_API_KEY, ...). ' +
      '.env files hold real values and belong in .gitignore; commit a .env.example with placeholders instead.',
    severity: 'high',
    cwe: ['CWE-538', 'CWE-798'],
    owasp: ['LLM02:2025'],
    precision: 'high',
    help,
  },
  checkText(ctx) {
    if (!isCommittedEnvFile(ctx.path)) return;
    let strictLines: Map<number, { column: number; endColumn: number }[]> | undefined;
    for (const entry of parseEnvEntries(ctx.text)) {
      if (!isLlmSecretEnvName(entry.name)) continue;
      if (isPlaceholderValue(entry.value) || isKnownSampleKey(entry.value)) continue;
      if (!strictLines) {
        strictLines = new Map();
        for (const s of findSecrets(ctx.text, ctx.path)) {
          if (s.tier !== 'strict') continue;
          const list = strictLines.get(s.line) ?? [];
          list.push({ column: s.column, endColumn: s.endColumn });
          strictLines.set(s.line, list);
        }
      }
      const recognized = (strictLines.get(entry.line) ?? []).some(
        (s) => s.column >= entry.valueColumn && s.endColumn <= entry.valueEndColumn,
      );
      const shown = `${entry.name}=${redactSecret(entry.value)}`;
      ctx.report({
        span: { line: entry.line, column: entry.column, endLine: entry.line, endColumn: entry.endColumn },
        message:
          `Committed .env file sets ${entry.name} (${redactSecret(entry.value)})` +
          (recognized ? ', a recognized provider key' : '') +
          '. Rotate the key, remove the file from the repository (git rm --cached), add it to .gitignore, ' +
          'and commit a .env.example with placeholders instead.',
        severity: recognized ? 'critical' : 'high',
        evidence: shown,
      });
    }
  },
};
