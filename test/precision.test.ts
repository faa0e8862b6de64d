// Precision suite: realistic, safe LLM app code (test/precision/) must produce no finding from any
// registered rule. A rule that fires here cries wolf on code a careful reviewer would accept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindLlm } from '../src/analysis/bind.js';
import { parseSource } from '../src/analysis/parse.js';
import { defaultConfig } from '../src/config/config.js';
import { scanSources, scanTree } from '../src/core/scan.js';
import type { Finding, ScanResult } from '../src/core/types.js';
import { allRules } from '../src/rules/index.js';
import { fileKind } from '../src/workspace/files.js';

const ROOT = path.join(import.meta.dirname, 'precision');

type Language = 'python' | 'js' | 'other';

/** Every file under the suite, repository-style relative paths, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  }
  return out.sort();
}

/** Python or JS/TS (an .html file counts as JS when it has a <script> block the engine extracts). */
function languageOf(relative: string): Language {
  const ext = path.extname(relative).toLowerCase();
  if (ext === '.py') return 'python';
  if (['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].includes(ext)) return 'js';
  if (ext === '.html' && /<script\b[^>]*>[\s\S]*?\S[\s\S]*?<\/script>/i.test(readFileSync(path.join(ROOT, relative), 'utf8'))) return 'js';
  return 'other';
}

/**
 * One-line edits that turn a safe suite file into a plainly unsafe one. Each must be flagged by the named
 * rule: this proves the suite's files are parsed, bound and followed by the rules, so zero findings on the
 * unedited files is a real result rather than a blind spot.
 */
const MUTATIONS: Array<{ file: string; from: string; to: string; rule: string }> = [
  { file: 'python/fastapi_chat/openai_routes.py', from: '            max_completion_tokens=1200,\n', to: '', rule: 'cost-missing-max-tokens' },
  { file: 'python/flask_support/app.py', from: 'MODEL = "claude-sonnet-4-6"', to: 'MODEL = "claude-3-5-sonnet-20241022"', rule: 'model-retired' },
  {
    file: 'ts/express-api/src/server.ts',
    from: "      system: SYSTEM_PROMPT,\n      messages: [{ role: 'user', content: parsed.data.question }],\n      metadata",
    to: "      system: SYSTEM_PROMPT + req.body.persona,\n      messages: [{ role: 'user', content: parsed.data.question }],\n      metadata",
    rule: 'injection-system-prompt',
  },
  { file: 'python/rag/docs_qa.py', from: '            system=SYSTEM_PROMPT,\n', to: '            system=SYSTEM_PROMPT + "\\n".join(body for _, body in passages),\n', rule: 'injection-system-prompt' },
  { file: 'ts/express-api/src/routes/translate.mjs', from: 'req.body.text.slice(0, 4000)', to: 'req.body.text', rule: 'cost-unbounded-input' },
  { file: 'python/agents/ops_diagnostics.py', from: 'subprocess.run(DIAGNOSTICS[name], capture_output', to: 'subprocess.run(name, shell=True, capture_output', rule: 'agency-tool-args-sink' },
  { file: 'python/agents/support_agent.py', from: '        for step in range(MAX_STEPS):\n', to: '        step = 0\n        while True:\n', rule: 'cost-unbounded-loop' },
  {
    file: 'python/fastapi_chat/main.py',
    from: '@limiter.limit("30/minute")\nasync def chat(request: Request, body: ChatRequest, user: User = Depends(get_current_user))',
    to: 'async def chat(request: Request, body: ChatRequest)',
    rule: 'cost-no-rate-limit',
  },
  {
    file: 'python/fastapi_chat/main.py',
    from: '    except APIError:\n        logger.exception("chat completion failed for user %s", user.id)\n        raise HTTPException(status_code=502, detail="The assistant is unavailable. Please try again later.")',
    to: '    except APIError as exc:\n        raise HTTPException(status_code=502, detail=str(exc))',
    rule: 'leak-raw-error',
  },
  { file: 'ts/web/public/widget.html', from: 'output.textContent = response.ok', to: 'output.innerHTML = response.ok', rule: 'output-html' },
  { file: 'python/jobs/meeting_notes.py', from: 'save_summary(conn, meeting_id, summarize(row[0]))', to: 'conn.execute(summarize(row[0]))', rule: 'output-sql' },
  {
    file: 'ts/express-api/src/lib/agent.ts',
    from: '      const entry = registry.get(block.name);\n',
    to: '      const entry = (globalThis as any)[block.name];\n',
    rule: 'agency-dynamic-dispatch',
  },
  {
    file: 'ts/next-chat/app/api/extract/route.ts',
    from: 'return Response.json({ contact: object });',
    to: "return Response.json(await generateObject({ model: openai('gpt-5.1'), schema: contactSchema, prompt: body.data.text, maxOutputTokens: 500 }));",
    rule: 'leak-raw-response',
  },
];

function describeFinding(finding: Finding): string {
  return `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`;
}

describe('precision suite (safe code must not be flagged)', () => {
  const files = listFiles(ROOT);
  let result: ScanResult;

  beforeAll(async () => {
    result = await scanTree({ root: ROOT, config: defaultConfig() });
  });

  it('has at least 40 realistic files, at least 15 in each language', () => {
    const counts = { python: 0, js: 0, other: 0 };
    for (const file of files) counts[languageOf(file)]++;
    expect(counts.python + counts.js, `files: ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(40);
    expect(counts.python, 'Python files').toBeGreaterThanOrEqual(15);
    expect(counts.js, 'TS/JS files').toBeGreaterThanOrEqual(15);
    // Both component kinds the engine treats specially are represented.
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true);
    expect(files.filter((f) => languageOf(f) === 'js').some((f) => f.endsWith('.html'))).toBe(true);
  });

  it('scans every file in the suite without errors', () => {
    expect(result.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(result.summary.files).toBe(files.length);
  });

  it('runs with every registered rule', () => {
    // Guards against the suite silently running with a disabled or empty rule set.
    expect(allRules.length).toBeGreaterThan(0);
    expect(Object.keys(defaultConfig().rules)).toEqual([]);
  });

  it('is LLM code the engine recognises, so zero findings means something', async () => {
    const bound: string[] = [];
    for (const file of files) {
      const model = await parseSource(file, fileKind(file), readFileSync(path.join(ROOT, file), 'utf8'));
      if (!model) continue;
      const llm = bindLlm(model, []);
      if (llm.calls.length > 0 || llm.modelReferences.length > 0) bound.push(file);
    }
    expect(bound.filter((f) => languageOf(f) === 'python').length, `bound: ${bound.join(', ')}`).toBeGreaterThanOrEqual(12);
    expect(bound.filter((f) => languageOf(f) === 'js').length, `bound: ${bound.join(', ')}`).toBeGreaterThanOrEqual(12);
  });

  it('produces zero findings', () => {
    expect(result.findings.map(describeFinding)).toEqual([]);
  });

  describe('is sensitive: a one-line unsafe edit to a suite file is flagged', () => {
    for (const mutation of MUTATIONS) {
      it(`${mutation.file} → ${mutation.rule}`, async () => {
        const text = readFileSync(path.join(ROOT, mutation.file), 'utf8');
        expect(text.includes(mutation.from), `the edit's anchor text is missing from ${mutation.file}`).toBe(true);
        const mutated = await scanSources({ files: [{ path: mutation.file, text: text.replace(mutation.from, mutation.to) }], config: defaultConfig() });
        expect(mutated.findings.map((f) => f.ruleId)).toContain(mutation.rule);
      });
    }
  });

  it('needs no inline suppressions to get there', () => {
    expect(result.suppressed.map(describeFinding)).toEqual([]);
    const suppressing = files.filter((f) => /promptgate-ignore/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(suppressing).toEqual([]);
  });
});
