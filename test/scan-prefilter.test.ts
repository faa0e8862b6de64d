// The textual pre-filter (src/core/prefilter.ts) decides which source files are parsed. It must never drop
// a finding: every fixture, the examples and the precision corpus scan the same with and without it, and
// each kind of anchor a code rule starts from is recognized in the spellings the front ends accept.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ResolvedConfig } from '../src/config/config.js';
import { mayMatter } from '../src/core/prefilter.js';
import { scanTree } from '../src/core/scan.js';
import type { ScanResult } from '../src/core/types.js';
import { AGENT_FRAMEWORK_MODULES } from '../src/knowledge/agency.js';
import { CLIENT_EXPOSED_ENV_PREFIXES, LLM_PROVIDER_ENV_ROOTS } from '../src/knowledge/env-names.js';
import { SDK_MODULES } from '../src/knowledge/sdk.js';
import { TOOL_HANDLERS, UI_HOOK_SOURCES } from '../src/knowledge/taint.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Everything a user sees of a scan, except syntax errors of files nothing could report in (not parsed). */
function visible(result: ScanResult): unknown {
  return {
    findings: result.findings,
    suppressed: result.suppressed,
    summary: result.summary,
    errors: result.errors.filter((e) => !/^syntax error at |^nesting too deep/.test(e.message)),
  };
}

describe('pre-filter: scans match with and without it', () => {
  const roots = ['test/fixtures/rules', 'examples', 'test/precision'];
  for (const root of roots) {
    it(`${root}/ gives identical findings`, async () => {
      const config = defaultConfig();
      const full = await scanTree({ root: path.join(ROOT, root), config, prefilter: false, workers: 0 });
      const filtered = await scanTree({ root: path.join(ROOT, root), config, prefilter: true, workers: 0 });
      expect(visible(filtered)).toEqual(visible(full));
      if (root !== 'test/precision') expect(full.findings.length).toBeGreaterThan(5);
    });
  }

  it('every fixture file scanned on its own gives identical findings', async () => {
    const fixtures = path.join(ROOT, 'test/fixtures/rules');
    const { discoverFiles } = await import('../src/workspace/files.js');
    const { files } = await discoverFiles({ root: fixtures, maxFileBytes: 1 << 20 });
    expect(files.length).toBeGreaterThan(50);
    const config = defaultConfig();
    for (const file of files) {
      // The fixture harness scans each file with its rule folder as the root (paths matter to some rules).
      const [ruleDir, ...rest] = file.relativePath.split('/');
      const request = { root: path.join(fixtures, ruleDir!), targets: [rest.join('/')], config, workers: 0 };
      const full = await scanTree({ ...request, prefilter: false });
      const filtered = await scanTree({ ...request, prefilter: true });
      expect(visible(filtered), file.relativePath).toEqual(visible(full));
    }
  });
});

describe('pre-filter: markers', () => {
  const config = defaultConfig();
  const js = (text: string, c: ResolvedConfig = config) => mayMatter('typescript', text, c);
  const py = (text: string, c: ResolvedConfig = config) => mayMatter('python', text, c);

  it('passes a file importing any SDK module, in every import form', () => {
    for (const sdk of SDK_MODULES) {
      if (sdk.language === 'js') {
        expect(js(`import x from '${sdk.module}';\nx();\n`), sdk.module).toBe(true);
        expect(js(`const x = require("${sdk.module}");\n`), sdk.module).toBe(true);
        expect(js(`const x = await import(\`${sdk.module}\`);\n`), sdk.module).toBe(true);
      } else {
        const segments = sdk.module.split('.');
        expect(py(`import ${sdk.module}\n`), sdk.module).toBe(true);
        expect(py(`import ${sdk.module} as m\n`), sdk.module).toBe(true);
        expect(py(`from ${sdk.module} import Client\n`), sdk.module).toBe(true);
        if (segments.length > 1) expect(py(`from ${segments.slice(0, -1).join('.')} import ${segments.at(-1)}\n`), sdk.module).toBe(true);
      }
    }
  });

  it('passes agent framework imports the agency rules look for', () => {
    const samples = { python: ['langchain_experimental.agents', 'langchain.tools', 'langgraph.prebuilt', 'llama_index.core'], js: ['@langchain/community/tools', 'langchain/agents', 'llamaindex', '@llamaindex/openai'] };
    for (const module of samples.python) {
      expect(AGENT_FRAMEWORK_MODULES.python.test(module)).toBe(true);
      expect(py(`from ${module} import Thing\n`), module).toBe(true);
    }
    for (const module of samples.js) {
      expect(AGENT_FRAMEWORK_MODULES.js.test(module)).toBe(true);
      expect(js(`import { Thing } from '${module}';\n`), module).toBe(true);
    }
  });

  it('passes model output without an SDK import: chat hooks, LLM endpoints, tool handlers', () => {
    for (const hook of UI_HOOK_SOURCES) expect(js(`const { messages } = ${hook.callee}();\n`), hook.callee).toBe(true);
    expect(js(`const res = await fetch('/api/chat', { method: 'POST' });\n`)).toBe(true);
    expect(js('const res = await fetch(`/api/chat/${id}`);\n')).toBe(true);
    expect(js(`await axios.post("https://api.openai.com/v1/chat/completions", body);\n`)).toBe(true);
    expect(py(`r = requests.post(f"https://api.anthropic.com/v1/messages", json=body)\n`)).toBe(true);
    for (const name of TOOL_HANDLERS.decorators) expect(py(`@${name}\ndef run(command: str):\n    return command\n`), name).toBe(true);
    for (const { callee } of TOOL_HANDLERS.callbacks) expect(js(`${callee}({ execute: async ({ cmd }) => cmd });\n`), callee).toBe(true);
  });

  it('passes LLM secret env names in every spelling a rule reads', () => {
    for (const { root } of LLM_PROVIDER_ENV_ROOTS) {
      const name = `${root}${root.endsWith('_') ? '' : '_'}API_KEY`;
      for (const { prefix } of CLIENT_EXPOSED_ENV_PREFIXES) expect(js(`const k = process.env.${prefix}${name};\n`), prefix + name).toBe(true);
      // Nuxt runtimeConfig keys are read through screaming snake case: openaiApiKey, hfApiKey, OPENaiKey.
      const camel = name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(js(`export default { runtimeConfig: { public: { ${camel}: '' } } };\n`), camel).toBe(true);
    }
    expect(js(`export default { runtimeConfig: { public: { OPENaiKey: '' } } };\n`)).toBe(true);
  });

  it('passes calls of configured LLM wrappers only when configured', () => {
    const text = `from app.llm import ask_model\nanswer = ask_model(prompt)\n`;
    expect(py(text)).toBe(false);
    expect(py(text, { ...config, llmWrappers: ['ask_model'] })).toBe(true);
    expect(js(`await svc.complete(prompt);\n`, { ...config, llmWrappers: ['ai.complete'] })).toBe(true);
  });

  it('skips ordinary code, text files and near misses', () => {
    expect(js(`import { useState } from 'react';\nexport function Orders() {\n  useEffect(() => { void fetch('/api/orders'); }, []);\n  return refreshFile(said);\n}\n`)).toBe(false);
    expect(py(`from dataclasses import dataclass\n\n@dataclass\nclass Invoice:\n    total: int\n`)).toBe(false);
    expect(js(`const ai = 1; // the said 'aide' \n`)).toBe(false);
    expect(mayMatter('text', `import OpenAI from 'openai';\n`, config)).toBe(false);
  });
});
