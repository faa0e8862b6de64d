// Every fixture file under test/fixtures/rules/<rule-id>/ is scanned on its own; each annotated line must
// fire exactly its rules, and nothing may fire anywhere else in the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../src/core/scan.js';
import { defaultConfig } from '../src/config/config.js';
import { allRules } from '../src/rules/index.js';
import { checkAnnotations, parseAnnotations } from './helpers/annotations.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'rules');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else out.push(full);
    }
  }
  return out.sort();
}

const ruleDirs = readdirSync(FIXTURES).filter((name) => statSync(path.join(FIXTURES, name)).isDirectory()).sort();

describe('rule fixtures', () => {
  it('every registered rule has fixtures, and every fixture folder names a registered rule', () => {
    const ids = allRules.map((r) => r.meta.id).sort();
    expect(ruleDirs.filter((d) => !ids.includes(d))).toEqual([]);
    expect(ids.filter((id) => !ruleDirs.includes(id))).toEqual([]);
  });

  for (const ruleDir of ruleDirs) {
    const root = path.join(FIXTURES, ruleDir);
    for (const file of listFiles(root)) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      it(`${ruleDir}/${relative}`, async () => {
        const text = readFileSync(file, 'utf8');
        const annotations = parseAnnotations(text);
        const result = await scanTree({ root, targets: [relative], config: defaultConfig() });
        const problems = checkAnnotations(annotations, result.findings);
        expect(problems, `findings: ${JSON.stringify(result.findings.map((f) => [f.line, f.ruleId, f.message]))}`).toEqual([]);
        // A fixture folder must exercise its own rule at least once, in both directions where it can.
        if (relative === listFiles(root).map((f) => path.relative(root, f).split(path.sep).join('/'))[0]) {
          const all = listFiles(root).flatMap((f) => parseAnnotations(readFileSync(f, 'utf8')));
          expect(all.some((a) => a.kind === 'ruleid' && a.ruleIds.includes(ruleDir))).toBe(true);
        }
      });
    }
  }
});
