// The rule tests' scan: one file through the engine with the given rules; a file error fails the test.
import { expect } from 'vitest';
import { defaultConfig, type ResolvedConfig } from '../../src/config/config.js';
import { scanSources } from '../../src/core/scan.js';
import type { Finding } from '../../src/core/types.js';
import type { Rule } from '../../src/rules/types.js';

export async function scanFile(path: string, text: string, rules: Rule[], config: ResolvedConfig = defaultConfig()): Promise<Finding[]> {
  const result = await scanSources({ files: [{ path, text }], config, rules });
  expect(result.errors).toEqual([]);
  return result.findings;
}
