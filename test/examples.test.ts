// The bundled example app: its annotations hold, every rule is demonstrated, and its SARIF passes
// Microsoft's validator with GitHub's rule set.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanTree } from '../src/core/scan.js';
import { defaultConfig } from '../src/config/config.js';
import type { ScanResult } from '../src/core/types.js';
import { buildSarif, serializeSarif, STATIC_CATEGORY } from '../src/report/sarif.js';
import { allRules } from '../src/rules/index.js';
import { VERSION } from '../src/version.js';
import { checkAnnotations, parseAnnotations } from './helpers/annotations.js';
import { validateSarif } from './helpers/sarif-validator.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('examples/', () => {
  let result: ScanResult;
  beforeAll(async () => {
    result = await scanTree({ root: ROOT, targets: ['examples'], config: defaultConfig() });
  });

  it('scans without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.summary.files).toBeGreaterThanOrEqual(6);
  });

  it('matches the annotations in every file', () => {
    const files = [...new Set([...result.findings.map((f) => f.file), ...listAnnotated()])].sort();
    const problems = files.flatMap((file) => {
      const annotations = parseAnnotations(readFileSync(path.join(ROOT, file), 'utf8'));
      return checkAnnotations(annotations, result.findings.filter((f) => f.file === file)).map((p) => `${file}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('demonstrates every rule at least once', () => {
    const fired = new Set(result.findings.map((f) => f.ruleId));
    expect(allRules.map((r) => r.meta.id).filter((id) => !fired.has(id))).toEqual([]);
  });

  it('never prints a key in full', () => {
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/sk-ant-api03-[\w-]{93}AA/);
    expect(json).not.toMatch(/T3BlbkFJ[\w-]{20,}/);
  });

  it('gives byte-identical SARIF on a second scan', async () => {
    const again = await scanTree({ root: ROOT, targets: ['examples'], config: defaultConfig() });
    expect(sarifOf(again)).toBe(sarifOf(result));
  });

  it('passes sarif-multitool validate --rule-kind "Gh;Sarif" with zero errors', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pg-examples-')), 'examples.sarif');
    writeFileSync(file, sarifOf(result));
    const validation = await validateSarif(file);
    expect(validation.errors).toEqual([]);
  });
});

function sarifOf(result: ScanResult): string {
  return serializeSarif(
    buildSarif({ toolVersion: VERSION, runs: [{ category: STATIC_CATEGORY, rules: allRules.map((r) => r.meta), findings: result.findings }] }),
  );
}

function listAnnotated(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (parseAnnotations(readFileSync(path.join(ROOT, relative), 'utf8')).length > 0) out.push(relative);
    }
  };
  walk('examples');
  return out;
}
