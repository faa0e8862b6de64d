// One entry to the front ends: each file is parsed once and every rule reads the same model. Each front end
// loads on first use: the TypeScript compiler (~9 MB of JavaScript) only when a TS/JS/HTML file is parsed,
// the Python grammar (wasm) only when a Python file is parsed here rather than on the parse thread
// (python/parse-thread.ts), whose trees only need lowering.
import type { FileModel } from './model.js';
import type { FileKind } from '../workspace/files.js';
import { withoutBom } from './lines.js';
import type { ParseOutcome } from './python/parse-thread.js';

type TypeScriptFrontEnd = typeof import('./typescript/index.js');
type PythonFrontEnd = typeof import('./python/index.js');

let typescript: Promise<TypeScriptFrontEnd> | undefined;
let python: Promise<PythonFrontEnd> | undefined;
let lowering: Promise<typeof import('./python/lower.js')> | undefined;

function loadTypeScript(): Promise<TypeScriptFrontEnd> {
  return (typescript ??= import('./typescript/index.js'));
}

function loadPython(): Promise<PythonFrontEnd> {
  if (!python) {
    const loading = import('./python/index.js').then(async (frontEnd) => {
      await frontEnd.initPython();
      return frontEnd;
    });
    // A failed load (missing wasm) is retried on the next Python file, and reported for each.
    loading.catch(() => {
      if (python === loading) python = undefined;
    });
    python = loading;
  }
  return python;
}

/** Starts loading the Python front end now (a scan worker, which exists to parse, loads it while it waits). */
export function preloadPython(): void {
  loadPython().catch(() => undefined);
}

/**
 * The model of a Python file the parse thread was sent: its copied tree lowered
 * here, or, when the thread could not parse it, the file parsed on this thread.
 */
export async function lowerParsedPython(path: string, source: string, outcome: ParseOutcome): Promise<FileModel> {
  if ('unparsed' in outcome) return (await loadPython()).parsePython(path, source);
  const { lowerCopiedPython } = await (lowering ??= import('./python/lower.js'));
  return lowerCopiedPython(path, withoutBom(source), outcome.arrays, outcome.grammar);
}

export async function parseSource(path: string, kind: FileKind, text: string): Promise<FileModel | undefined> {
  switch (kind) {
    case 'python':
      return (await loadPython()).parsePython(path, text);
    case 'typescript':
    case 'javascript':
      return (await loadTypeScript()).parseTypeScript(path, text);
    case 'html': {
      const script = extractInlineScripts(text);
      if (script === undefined) return undefined;
      // Parse as a .js file so JSX-free browser code parses; keep the .html path for reporting.
      const model = (await loadTypeScript()).parseTypeScript(path.replace(/\.html?$/i, '.js'), script);
      return { ...model, path, source: text };
    }
    case 'text':
      return undefined;
  }
}

/**
 * JavaScript of inline `<script>` blocks (not `src=` scripts, not JSON or templates), with every other
 * character blanked to a space so lines and columns match the HTML file.
 */
export function extractInlineScripts(html: string): string | undefined {
  const lower = html.toLowerCase();
  const blank = html.replace(/[^\n]/g, ' ').split('');
  let found = false;
  // indexOf scanning keeps this linear even for unclosed or repeated tags.
  for (let at = lower.indexOf('<script'); at !== -1; ) {
    const open = lower.indexOf('>', at);
    if (open === -1) break;
    const close = lower.indexOf('</script', open);
    if (close === -1) break;
    const attributes = html.slice(at + 7, open);
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    const isScript = !/\bsrc\s*=/i.test(attributes) && (!type || ['text/javascript', 'module', 'application/javascript'].includes(type));
    if (isScript) {
      for (let i = open + 1; i < close; i++) blank[i] = html[i]!;
      found = true;
    }
    at = lower.indexOf('<script', close + 8);
  }
  return found ? blank.join('') : undefined;
}
