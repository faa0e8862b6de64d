// secret-provider-key: an LLM provider credential committed in any text file (source, config, docs,
// notebooks, `.env*`). Detection lives in src/analysis/text/secrets.ts; this module words the finding.
// When the same line is a `.env` entry, secret-env-file reports the committed entry as well: this rule
// reports the key value, that one the file entry (both fire, on purpose).
import help from '../../docs/rules/secret-provider-key.md?raw';
import { findSecrets, isDocsPath, type SecretMatch } from '../analysis/text/secrets.js';
import { isEnvFilePath } from '../knowledge/env-names.js';
import { redactSecret } from '../report/redact.js';
import type { Rule } from './types.js';

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|py|pyi|ipynb|go|rb|java|kt|cs|php|rs|swift|scala|sh|vue|svelte|astro)$/i;

/** Where the key sits, for the message: "in source", "in documentation", "in a .env file". */
function whereCommitted(path: string): string {
  if (isEnvFilePath(path)) return 'in a .env file';
  if (isDocsPath(path)) return 'in documentation';
  if (SOURCE_EXT.test(path)) return 'in source';
  return 'in a committed file';
}

export function secretMessage(match: SecretMatch, path: string): string {
  return (
    `${match.title} committed ${whereCommitted(path)} (${redactSecret(match.value)}). ` +
    'Revoke it, then load it from an environment variable or secret manager.'
  );
}

export const rule: Rule = {
  meta: {
    id: 'secret-provider-key',
    family: 'secret',
    title: 'LLM provider API key committed',
    description:
      'A credential for an LLM provider (Anthropic, OpenAI, Gemini, Groq, Mistral, ...) is written into a ' +
      'committed file. Anyone with read access can use it, run up costs and read the account\'s data.',
    severity: 'critical',
    cwe: ['CWE-798'],
    owasp: ['LLM02:2025', 'LLM10:2025'],
    precision: 'very-high',
    help,
  },
  checkText(ctx) {
    for (const match of findSecrets(ctx.text, ctx.path)) {
      ctx.report({
        span: { line: match.line, column: match.column, endLine: match.endLine, endColumn: match.endColumn },
        message: secretMessage(match, ctx.path),
        severity: match.severity,
        evidence: redactSecret(match.value),
      });
    }
  },
};
