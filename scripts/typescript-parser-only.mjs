// The TypeScript compiler as the scanner uses it: only its parser. The scanner calls createSourceFile,
// forEachChild and a few helpers; the type checker, emitter, transformers, language service and tsserver
// are ~60 % of typescript.js, and V8 compiles every byte of the file when it loads (~50 ms of the ~100 ms
// a scan spent loading the compiler). So package.mjs bundles a copy whose top-level functions in the
// sections below have their bodies replaced by a throw, except the functions that run while the file
// loads and the API the scanner calls. Names, exports and module initialisation are unchanged.
// test/typescript-parser-only.test.ts checks that the copy parses every TypeScript and JavaScript file of
// the repository, and broken input, as the full compiler does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Sections of typescript.js (its `// src/...ts` markers) that parsing a file never calls into. */
const UNREACHED_SECTIONS = [
  /^src\/compiler\/(checker|binder|emitter|program|builder\w*|tsbuild\w*|watch\w*|moduleNameResolver|moduleSpecifiers|resolutionCache|commandLineParser|expressionToTypeNode|symbolWalker|sourcemap|transformer|executeCommandLine\w*)\.ts$/,
  /^src\/compiler\/transformers\//,
  /^src\/services\/(?!services\.ts$|types\.ts$|utilities\.ts$|_namespaces\/)/,
  /^src\/(server|jsTyping|deprecatedCompat)\//,
];

/** Public functions the scanner calls that live in those sections (src/analysis/typescript/). */
const CALLED_BY_SCANNER = ['flattenDiagnosticMessageText'];

/** Names of the functions that run while `file` is required, from V8's precise coverage in a child process. */
function functionsRunWhileLoading(file) {
  const script = `
    const { Session } = require('node:inspector');
    const session = new Session();
    session.connect();
    const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
    (async () => {
      await post('Profiler.enable');
      await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      require(${JSON.stringify(file)});
      const { result } = await post('Profiler.takePreciseCoverage');
      const names = new Set();
      for (const s of result) if (s.url.endsWith(${JSON.stringify(file.split(/[\\/]/).pop())}))
        for (const f of s.functions) if (f.ranges[0].count > 0 && f.functionName) names.add(f.functionName);
      process.stdout.write(JSON.stringify([...names].sort()));
    })();`;
  return new Set(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
}

/**
 * typescript.js with the bodies of unreached top-level functions replaced. The file is parsed with the
 * compiler itself, so a body is cut exactly where it ends. Returns the new text and how many were stubbed.
 */
export function parserOnlyTypeScript() {
  const file = require.resolve('typescript');
  const ts = require('typescript');
  const text = readFileSync(file, 'utf8');
  const keep = functionsRunWhileLoading(file);
  for (const name of CALLED_BY_SCANNER) keep.add(name);
  // No parent pointers: getStart(source) is given the source file.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const sections = [...text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => ({ at: m.index, name: m[1] }));
  let next = 0;
  let section = '';
  const cuts = [];
  for (const statement of moduleStatements(ts, source)) {
    // A section's marker is the leading comment of its first statement.
    const start = statement.getStart(source);
    while (next < sections.length && sections[next].at < start) section = sections[next++].name;
    if (!ts.isFunctionDeclaration(statement) || !statement.body || !statement.name) continue;
    if (keep.has(statement.name.text) || !UNREACHED_SECTIONS.some((r) => r.test(section))) continue;
    cuts.push({ start: statement.body.getStart(source), end: statement.body.end, name: statement.name.text, section });
  }
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    out += text.slice(at, cut.start) + `{ throw new Error('promptgate bundles only the TypeScript parser: ${cut.name} (${cut.section}) is left out'); }`;
    at = cut.end;
  }
  return { text: out + text.slice(at), stubbed: cuts.length };
}

/** typescript.js wraps its modules in `var ts = {}; ((module) => { ... })(...)`: the statements of that arrow. */
function moduleStatements(ts, source) {
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const callee = ts.skipOuterExpressions(statement.expression.expression);
    if (ts.isArrowFunction(callee) && ts.isBlock(callee.body)) return callee.body.statements;
  }
  throw new Error('typescript.js no longer wraps its modules in an arrow function: update scripts/typescript-parser-only.mjs');
}
