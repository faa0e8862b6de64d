// `promptgate rules`: the rule catalogue as a table, JSON or a markdown page.
import type { RuleMeta } from '../rules/types.js';

type Format = 'text' | 'json' | 'markdown';

export function renderRules(rules: RuleMeta[], format: Format): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  switch (format) {
    case 'json':
      return (
        JSON.stringify(
          sorted.map(({ id, family, title, description, severity, cwe, owasp, precision }) => ({ id, family, title, description, severity, cwe, owasp, precision })),
          null,
          2,
        ) + '\n'
      );
    case 'markdown':
      return [
        '| id | severity | title | CWE | OWASP LLM |',
        '|---|---|---|---|---|',
        ...sorted.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.title.replace(/\|/g, '\\|')} | ${r.cwe.join(', ')} | ${r.owasp.join(', ')} |`),
        '',
      ].join('\n');
    case 'text': {
      const width = Math.max(...sorted.map((r) => r.id.length), 2);
      return (
        sorted.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}`).join('\n') +
        `\n\n${sorted.length} rules. Details: docs/rules/<id>.md, or promptgate rules --format markdown\n`
      );
    }
  }
}
