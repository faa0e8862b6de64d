// Docs that users read must follow the code: the README's commands and rule table, one page per rule.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRules } from '../src/report/rules.js';
import { allRules } from '../src/rules/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('docs', () => {
  it('README opens with the two commands a newcomer types', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm test');
  });

  it('README rule table matches the rules (node scripts/readme-rules.mjs regenerates it)', () => {
    const table = /<!-- rules:start[^\n]*-->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    expect(table).toBe(renderRules(allRules.map((r) => r.meta), 'markdown'));
  });

  it.each(allRules.map((r) => r.meta.id))('%s has a docs page with examples in both languages and a suppression', (id) => {
    const file = path.join(ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(file)).toBe(true);
    const page = readFileSync(file, 'utf8');
    expect(page).toBe(allRules.find((r) => r.meta.id === id)!.meta.help);
    expect(page).toMatch(/```python/);
    expect(page).toMatch(/```(ts|typescript|tsx|js|javascript)/);
    expect(page).toContain(`promptgate-ignore ${id}:`);
  });
});
