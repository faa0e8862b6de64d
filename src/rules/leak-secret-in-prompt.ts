import help from '../../docs/rules/leak-secret-in-prompt.md?raw';
import type { Expr, FileModel, Span } from '../analysis/model.js';
import { describePart, promptCalls } from '../analysis/prompts.js';
import { flowMessage, flowSteps, type Trace, type TraceStep } from '../analysis/taint.js';
import { findSecrets } from '../analysis/text/secrets.js';
import { reachingAssignment, unwrap } from '../analysis/values.js';
import { lowerSeverity } from '../core/types.js';
import { isSecretEnvName } from '../knowledge/taint.js';
import { redactSecret } from '../report/redact.js';
import type { Rule } from './types.js';

/** `scheme://user:password@host`: a connection string with its password. */
const CREDENTIAL_URL = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@'"`{}<>]{1,100}):([^\s/@'"`{}<>]{1,200})@[\w.-]+/gi;
/** Passwords that are placeholders in docs and samples, not credentials. */
const PLACEHOLDER_PASSWORD = /^(pass(word)?|passwd|pwd|secret|changeme|x+|\*+|\.+|example|test|your[\w-]*|<[^>]*>|\$\w*|%\w*)$/i;

/**
 * Calls that hand a string on unchanged in substance. Only these carry a secret: a client or a database
 * connection built from a key (`create_engine(os.environ["DATABASE_URL"])`) is not the key.
 */
const VALUE_PRESERVING_CALLS = new Set(['str', 'repr', 'String', 'json.dumps', 'JSON.stringify', 'encodeURIComponent', 'base64.b64encode']);
const VALUE_PRESERVING_METHODS = new Set(['strip', 'trim', 'lower', 'upper', 'toLowerCase', 'toUpperCase', 'encode', 'decode', 'format', 'join', 'toString', 'trimEnd', 'trimStart', 'rstrip', 'lstrip']);
const MAX_DEPTH = 12;

type Hit = { kind: 'env'; trace: Trace } | { kind: 'literal'; text: string; span: Span };

export const rule: Rule = {
  meta: {
    id: 'leak-secret-in-prompt',
    family: 'leak',
    title: 'Credential placed in a prompt',
    description:
      'An API key, token, password or connection string (from the environment or written in the code) is placed in a prompt: the model can repeat it to anyone who asks, and it lands in provider logs.',
    severity: 'high',
    cwe: ['CWE-200', 'CWE-798'],
    owasp: ['LLM02:2025', 'LLM07:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const reported = new Set<string>();
    for (const call of promptCalls(ctx.model, ctx.llm)) {
      const severity = call.viaWrapper ? lowerSeverity('high') : 'high';
      for (const part of call.parts) {
        const sink = describePart(part, call.api);
        const hits: Hit[] = [];
        walk(ctx.model, part.value, part.functionIndex, [], 0, hits, new Set());
        for (const hit of hits) {
          if (hit.kind === 'env') {
            const key = `${part.span.line}:${part.span.column}:${hit.trace.source}`;
            if (reported.has(key)) continue;
            reported.add(key);
            ctx.report({
              span: part.span,
              message: `${flowMessage(hit.trace, sink, call.call.span.line)}: the model can repeat the credential to anyone who asks, and prompts are logged. Keep credentials in the code that runs tools, never in model context.`,
              severity,
              evidence: hit.trace.source,
              flow: flowSteps(ctx.path, hit.trace, part.span, `reaches ${sink}`),
            });
            continue;
          }
          const secret = literalSecret(hit.text, ctx.path);
          if (!secret) continue;
          const key = `${hit.span.line}:${hit.span.column}`;
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({
            span: hit.span,
            message: `A ${secret.what} written in the prompt text reaches ${sink} (line ${call.call.span.line}): the model can repeat it to anyone who asks, and prompts are logged. Keep credentials out of model context; rotate this one.`,
            severity,
            evidence: secret.redacted,
          });
        }
      }
    }
  },
};

/** A provider key (the secret-provider-key patterns) or a connection string with a real-looking password. */
function literalSecret(text: string, path: string): { what: string; redacted: string } | undefined {
  const key = findSecrets(text, path)[0];
  if (key) return { what: key.title, redacted: redactSecret(key.value) };
  for (const match of text.matchAll(CREDENTIAL_URL)) {
    const password = match[2]!;
    if (PLACEHOLDER_PASSWORD.test(password)) continue;
    return { what: 'connection string with a password', redacted: match[0].replace(`:${password}@`, `:${redactSecret(password)}@`) };
  }
  return undefined;
}

/**
 * Secret env reads and string literals that make up `expr`, through local names, string building, literals
 * and value-preserving calls (and local helpers' return values).
 */
function walk(model: FileModel, expr: Expr, fn: number | undefined, steps: TraceStep[], depth: number, hits: Hit[], seen: Set<Expr>): void {
  if (depth > MAX_DEPTH || seen.has(expr)) return;
  seen.add(expr);
  const e = unwrap(expr);
  const env = model.envReads.find((r) => r.span.line === e.span.line && r.span.column === e.span.column);
  if (env) {
    if (isSecretEnvName(env.name)) {
      const source = env.via === 'os.getenv' ? `os.getenv("${env.name}")` : env.via === 'os.environ' ? `os.environ["${env.name}"]` : `${env.via}.${env.name}`;
      const first = { span: e.span, message: `${source} (secret environment variable)` };
      hits.push({ kind: 'env', trace: { label: 'secret', source, steps: [first, ...[...steps].reverse()], sanitizers: [] } });
    }
    return;
  }
  const next = (child: Expr, scope = fn, extra?: TraceStep) => walk(model, child, scope, extra ? [...steps, extra] : steps, depth + 1, hits, seen);
  switch (e.kind) {
    case 'string':
      hits.push({ kind: 'literal', text: e.value, span: e.span });
      return;
    case 'template': {
      const text = e.parts.filter((p): p is string => typeof p === 'string').join('');
      if (text) hits.push({ kind: 'literal', text, span: e.span });
      for (const part of e.parts) if (typeof part !== 'string') next(part);
      return;
    }
    case 'name': {
      const assignment = reachingAssignment(model, e.name, e.span, fn);
      if (assignment && !assignment.augmented) next(assignment.value, assignment.functionIndex, { span: assignment.span, message: `assigned to ${e.name}` });
      return;
    }
    case 'binary':
      if (['+', 'or', '||', '??', 'and', '&&'].includes(e.op)) {
        next(e.left);
        next(e.right);
      }
      return;
    case 'object':
      for (const entry of e.entries) next(entry.value);
      return;
    case 'array':
      for (const element of e.elements) next(element);
      return;
    case 'member':
    case 'index': {
      // `settings["key"]` of a local dict literal: that entry only.
      const key = e.kind === 'member' ? e.property : e.index.kind === 'string' ? e.index.value : undefined;
      const base = unwrap(e.object);
      const container = base.kind === 'name' ? reachingAssignment(model, base.name, base.span, fn) : undefined;
      const literal = container && unwrap(container.value);
      if (key !== undefined && literal?.kind === 'object') {
        const entry = literal.entries.find((en) => !en.spread && en.key === key);
        if (entry) next(entry.value, container!.functionIndex, { span: container!.span, message: `${base.kind === 'name' ? base.name : 'value'}.${key}` });
      }
      return;
    }
    case 'call': {
      const call = model.calls[e.callIndex];
      if (!call) return;
      const path = call.calleePath;
      const method = call.callee.kind === 'member' ? call.callee.property : undefined;
      if ((path && VALUE_PRESERVING_CALLS.has(path)) || (method && VALUE_PRESERVING_METHODS.has(method))) {
        if (call.callee.kind === 'member') next(call.callee.object);
        for (const arg of call.args) next(arg.value);
        return;
      }
      const local = path && !path.includes('.') ? model.functions.find((f) => f.name === path) : undefined;
      if (local)
        for (const ret of model.returns)
          if (ret.functionIndex === local.index && ret.value) next(ret.value, local.index, { span: ret.span, message: `returned by ${local.name}()` });
      return;
    }
    case 'other':
      if (e.op === 'conditional') e.children.slice(1).forEach((child) => next(child));
      else if (!e.op.startsWith('unary:') && e.op !== 'comprehension') e.children.forEach((child) => next(child));
      return;
    default:
      return;
  }
}
