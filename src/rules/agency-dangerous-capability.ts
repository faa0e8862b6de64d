// agency-dangerous-capability: framework opt-ins and tools that give an agent arbitrary code execution, a shell,
// raw HTTP requests or pickle loading. The flags (`allow_dangerous_code=True`, `allowDangerousRequests: true`)
// count in files that import an agent framework; the tools count only when bound to the modules that export
// them, so a project's own `ShellTool` class stays quiet. Notebook and research folders drop one step.
import help from '../../docs/rules/agency-dangerous-capability.md?raw';
import type { Call, Expr, FileModel, Span } from '../analysis/model.js';
import { calleePathOrMethod, nthPositional, spanContains } from '../analysis/model.js';
import { dottedPath, importBinding, isLiteral, resolveValue, stringValue, unwrap } from '../analysis/values.js';
import { lowerSeverity, type Severity } from '../core/types.js';
import {
  AGENT_FRAMEWORK_MODULES,
  CAPABILITY_CWE,
  CAPABILITY_FIX,
  CAPABILITY_IMPACT,
  DANGEROUS_FLAGS,
  DANGEROUS_TOOLS,
  LOAD_TOOLS,
  RESEARCH_PATH,
  TOOL_FACTORY_METHODS,
  type AgencyLanguage,
  type CapabilityKind,
} from '../knowledge/agency.js';
import { exprsOfKind } from './exprs.js';
import type { CodeContext, Rule } from './types.js';

const FACTORY_METHODS = new Set(TOOL_FACTORY_METHODS);

export const rule: Rule = {
  meta: {
    id: 'agency-dangerous-capability',
    family: 'agency',
    title: 'Agent given code execution, a shell, raw requests or pickle loading',
    description:
      'A framework opt-in (allow_dangerous_code, allow_dangerous_requests, allow_dangerous_deserialization, allowDangerousRequests) or a tool that runs model-written code or shell commands (PythonREPLTool, ShellTool, load_tools(["terminal"]), PandasQueryEngine): whoever steers the model through its input steers the server.',
    severity: 'high',
    cwe: ['CWE-94', 'CWE-78', 'CWE-502', 'CWE-918'],
    owasp: ['LLM06:2025', 'LLM05:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const language: AgencyLanguage = ctx.model.language === 'python' ? 'python' : 'js';
    const research = RESEARCH_PATH.test(ctx.path);
    const report = (span: Span, kind: CapabilityKind, what: string, severity: Severity = 'high', note = '') => {
      const level = research ? lowerSeverity(severity) : severity;
      ctx.report({
        span,
        severity: level,
        message: `${what} ${CAPABILITY_IMPACT[kind]} (${CAPABILITY_CWE[kind]})${note}. ${CAPABILITY_FIX[kind]}${research ? ' (Research/notebook folder: one severity step lower.)' : ''}`,
      });
    };

    const loadToolCalls = new Set<number>();
    const calls = mayImportTool(ctx.model, language) ? ctx.model.calls : [];
    for (const call of calls) {
      const symbol = importedSymbol(ctx.model, call.callee);
      const bound = boundTool(ctx.model, call, language, symbol);
      if (bound) {
        const { tool, name } = bound;
        report(call.span, tool.kind, `${name} (${bound.module})`, tool.contained ? 'medium' : 'high', tool.contained ? `; it ${tool.contained}` : '');
        continue;
      }
      if (language === 'python' && isLoadTools(symbol)) {
        const dangerous = loadToolNames(ctx.model, call);
        if (dangerous.length === 0) continue;
        loadToolCalls.add(call.index);
        const kinds = dangerous.map((d) => d.kind);
        const kind = kinds.includes('shell') ? 'shell' : kinds.includes('code') ? 'code' : kinds[0]!;
        report(call.span, kind, `load_tools(${dangerous.map((d) => JSON.stringify(d.name)).join(', ')})`);
      }
    }

    if (!ctx.model.imports.some((imp) => AGENT_FRAMEWORK_MODULES[language].test(imp.module))) return;
    for (const flag of dangerousFlags(ctx, language)) {
      if (flag.callIndex !== undefined && loadToolCalls.has(flag.callIndex)) continue;
      const target = flag.callIndex !== undefined ? calleePathOrMethod(ctx.model.calls[flag.callIndex]!) : undefined;
      const written = language === 'js' ? `${flag.name}: true` : `${flag.name}=True`;
      report(flag.span, flag.kind, `${written}${target ? ` on ${target}` : ''}`);
    }
  },
};

interface FlagHit {
  name: string;
  kind: CapabilityKind;
  span: Span;
  callIndex: number | undefined;
}

/** `allow_dangerous_code=True` keyword arguments, `allowDangerousRequests: true` object properties. */
function dangerousFlags(ctx: CodeContext, language: AgencyLanguage): FlagHit[] {
  const flags = DANGEROUS_FLAGS.filter((f) => f.language === language);
  const hits: FlagHit[] = [];
  for (const call of ctx.model.calls) {
    for (const arg of call.args) {
      const flag = arg.name !== undefined && !arg.spread ? flags.find((f) => f.name === arg.name) : undefined;
      if (flag && isTrue(ctx.model, arg.value, call.functionIndex)) hits.push({ name: flag.name, kind: flag.kind, span: arg.span, callIndex: call.index });
    }
  }
  for (const { expr, functionIndex } of exprsOfKind(ctx.model, 'object')) {
    for (const entry of expr.entries) {
      const flag = !entry.spread && entry.key !== undefined ? flags.find((f) => f.name === entry.key) : undefined;
      if (flag && isTrue(ctx.model, entry.value, functionIndex)) hits.push({ name: flag.name, kind: flag.kind, span: entry.span, callIndex: innermostCall(ctx.model, entry.span) });
    }
  }
  return hits;
}

/** The innermost call with an argument containing `span`: `fromLLM` for `fromLLM({ ..., flag: true })`. */
function innermostCall(model: FileModel, span: Span): number | undefined {
  let best: Call | undefined;
  for (const call of model.calls)
    if (call.args.some((a) => spanContains(a.span, span)) && (!best || spanContains(best.span, call.span))) best = call;
  return best?.index;
}

function isTrue(model: FileModel, expr: Expr, functionIndex: number | undefined): boolean {
  return isLiteral(resolveValue(model, expr, functionIndex), 'true');
}

/** The import an expression names: `ShellTool` → (langchain_community.tools, ShellTool); `tools.ShellTool` too. */
export function importedSymbol(model: FileModel, expr: Expr): { module: string; name: string } | undefined {
  const path = dottedPath(unwrap(expr));
  if (!path) return undefined;
  const dot = path.indexOf('.');
  const imp = importBinding(model, dot === -1 ? path : path.slice(0, dot));
  if (!imp) return undefined;
  const rest = dot === -1 ? [] : path.slice(dot + 1).split('.');
  if (rest.length === 0) return imp.imported === '*' || imp.imported === 'default' ? undefined : { module: imp.module, name: imp.imported };
  // `import langchain_experimental.tools as t; t.PythonREPLTool()`; `from langchain_experimental import tools`.
  const base = imp.imported === '*' || imp.imported === 'default' ? imp.module : `${imp.module}.${imp.imported}`;
  const separator = model.language === 'python' ? '.' : '/';
  return { module: [base, ...rest.slice(0, -1)].join(separator), name: rest[rest.length - 1]! };
}

function moduleMatches(actual: string, listed: string): boolean {
  return actual === listed || actual.startsWith(listed + '.') || actual.startsWith(listed + '/');
}

/** Modules named by the tool tables, per language. */
const TOOL_MODULES: Record<AgencyLanguage, readonly string[]> = {
  python: [...DANGEROUS_TOOLS.filter((t) => t.language === 'python').flatMap((t) => t.modules), ...LOAD_TOOLS.modules],
  js: DANGEROUS_TOOLS.filter((t) => t.language === 'js').flatMap((t) => t.modules),
};

/** Whether an import could name a listed tool: an imported symbol's module starts with the import's module,
 * so one of the two module names must start with the other. Most files import none. */
function mayImportTool(model: FileModel, language: AgencyLanguage): boolean {
  return model.imports.some((imp) => !imp.typeOnly && TOOL_MODULES[language].some((m) => m.startsWith(imp.module) || imp.module.startsWith(m)));
}

/** `calleeSymbol` is `importedSymbol(model, call.callee)`. */
function boundTool(model: FileModel, call: Call, language: AgencyLanguage, calleeSymbol: ReturnType<typeof importedSymbol>) {
  const candidates: Expr[] = [call.callee];
  // `PythonInterpreterTool.initialize({...})` constructs the tool too.
  if (call.callee.kind === 'member' && FACTORY_METHODS.has(call.callee.property)) candidates.push(call.callee.object);
  for (const candidate of candidates) {
    const symbol = candidate === call.callee ? calleeSymbol : importedSymbol(model, candidate);
    if (!symbol) continue;
    const tool = DANGEROUS_TOOLS.find((t) => t.language === language && t.name === symbol.name && t.modules.some((m) => moduleMatches(symbol.module, m)));
    if (tool) return { tool, name: symbol.name, module: symbol.module };
  }
  return undefined;
}

function isLoadTools(symbol: ReturnType<typeof importedSymbol>): boolean {
  return !!symbol && LOAD_TOOLS.functions.includes(symbol.name) && LOAD_TOOLS.modules.some((m) => moduleMatches(symbol.module, m));
}

/** The dangerous names in `load_tools(["terminal", ...])` (first argument or `tool_names=`). */
function loadToolNames(model: FileModel, call: Call): Array<{ name: string; kind: CapabilityKind }> {
  const arg = call.args.find((a) => a.name === 'tool_names') ?? nthPositional(call, 0);
  if (!arg) return [];
  const list = resolveValue(model, arg.value, call.functionIndex);
  if (list.kind !== 'array') return [];
  const out: Array<{ name: string; kind: CapabilityKind }> = [];
  for (const element of list.elements) {
    const name = stringValue(resolveValue(model, element, call.functionIndex));
    const kind = name !== undefined ? LOAD_TOOLS.dangerous[name] : undefined;
    if (name !== undefined && kind) out.push({ name, kind });
  }
  return out;
}
