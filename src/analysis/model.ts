// The neutral model every rule reads. The TypeScript/JavaScript and Python front ends lower their syntax
// trees into these plain objects; rules never see a parser node. Keep it language-neutral: where the two
// languages differ (keyword arguments vs object-literal options, decorators vs handler callbacks), the
// model records the shape and the knowledge tables decide what it means.

export type Language = 'python' | 'typescript' | 'javascript';

/** 1-based lines and columns; `endColumn` is the column after the last character (SARIF convention).
 * Columns count UTF-16 code units, as SARIF's default `columnKind` does. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Expr =
  | StringExpr
  | NumberExpr
  | LiteralExpr
  | TemplateExpr
  | NameExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | ObjectExpr
  | ArrayExpr
  | BinaryExpr
  | FunctionRefExpr
  | OtherExpr;

/** A plain string literal with no interpolation (Python str/bytes, JS '..', "..", `..` without ${}). */
export interface StringExpr {
  kind: 'string';
  value: string;
  span: Span;
}

export interface NumberExpr {
  kind: 'number';
  value: number;
  span: Span;
}

/** true/false/None/null/undefined/Infinity. */
export interface LiteralExpr {
  kind: 'literal';
  value: 'true' | 'false' | 'null' | 'undefined' | 'Infinity';
  span: Span;
}

/**
 * A string built from literal text and interpolated values. `parts` alternates freely between literal
 * strings and expressions, in source order.
 * - `fstring`: Python f"..{x}.."; `template`: JS `..${x}..` (tagged templates are calls, not templates)
 * - `concat`: "a" + x + "b" where at least one operand is a string literal (both languages)
 * - `format`: Python "..{}..".format(x) (`parts` holds the literal, then the arguments)
 * - `percent`: Python "..%s.." % (x,) (same layout as `format`)
 */
export interface TemplateExpr {
  kind: 'template';
  form: 'fstring' | 'template' | 'concat' | 'format' | 'percent';
  parts: Array<string | Expr>;
  span: Span;
}

/** An identifier read. `self`/`this` are names too. */
export interface NameExpr {
  kind: 'name';
  name: string;
  span: Span;
}

/** `object.property`, including optional chaining `a?.b`. */
export interface MemberExpr {
  kind: 'member';
  object: Expr;
  property: string;
  span: Span;
}

/** `object[index]` (Python subscripts and JS element access). Slices are `other`. */
export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  span: Span;
}

export interface CallExpr {
  kind: 'call';
  /** Index into `FileModel.calls`. */
  callIndex: number;
  span: Span;
}

/** A dict (Python) or object literal (JS). */
export interface ObjectExpr {
  kind: 'object';
  entries: ObjectEntry[];
  span: Span;
}

export interface ObjectEntry {
  /** Literal key (identifier or string key); undefined for computed keys and spreads. */
  key: string | undefined;
  value: Expr;
  /** `...x` in JS, `**x` in a Python dict display. */
  spread: boolean;
  span: Span;
}

/** list/tuple/set literal (Python) or array literal (JS). Spread elements are `other` with `spread` text. */
export interface ArrayExpr {
  kind: 'array';
  elements: Expr[];
  span: Span;
}

/**
 * Any binary or boolean operation that is not string building: `a or b`, `a ?? b`, `a + b` between
 * non-literals, comparisons. `op` is the operator as written (`+`, `or`, `||`, `??`, `==`, `in`, ...).
 */
export interface BinaryExpr {
  kind: 'binary';
  op: string;
  left: Expr;
  right: Expr;
  span: Span;
}

/** A lambda, arrow function or function expression used as a value. */
export interface FunctionRefExpr {
  kind: 'function';
  /** Index into `FileModel.functions`. */
  functionIndex: number;
  span: Span;
}

/**
 * Anything else (await, unary ops, conditional expressions, comprehensions, slices, spreads, ...).
 * `children` holds the sub-expressions so data flow can still see through it; `text` is the source text
 * (truncated to 200 characters). `op` names the construct: 'await', 'conditional', 'slice', 'spread',
 * 'unary:!', 'comprehension', 'as', 'nonnull', 'paren', ...
 */
export interface OtherExpr {
  kind: 'other';
  op: string;
  text: string;
  children: Expr[];
  span: Span;
}

export interface Argument {
  /** Keyword name for Python `f(x=1)`; undefined for positional arguments. */
  name: string | undefined;
  value: Expr;
  /** Python `*args`/`**kwargs` and JS `...args`. `name` is '*' or '**' for Python, '...' for JS. */
  spread: boolean;
  span: Span;
}

export interface Call {
  index: number;
  callee: Expr;
  /** Dotted path of the callee when it is a chain of names and members, e.g. `client.messages.create`,
   * `self.client.messages.create`, `openai.chat.completions.create`. Calls and indexes in the chain
   * break it: `get_client().messages.create` has path undefined. */
  calleePath: string | undefined;
  args: Argument[];
  /** `new X(...)` in JS. Python constructor calls are ordinary calls. */
  isNew: boolean;
  span: Span;
  /** Innermost enclosing function, or undefined at module level. */
  functionIndex: number | undefined;
  /** The call is the operand of `await` (JS) or `await` (Python). */
  awaited: boolean;
}

export interface Import {
  /** Module specifier as written: 'anthropic', '@anthropic-ai/sdk', 'langchain_anthropic', './util'. */
  module: string;
  /** Exported name: 'Anthropic', 'default' for default imports, '*' for namespace / `import x` modules. */
  imported: string;
  /** Local name bound in this file. */
  local: string;
  /** `import type` / `import { type X }` (TS). Never true in Python. */
  typeOnly: boolean;
  span: Span;
}

/**
 * A binding of a value to a target inside a module or function. Destructuring is lowered into one
 * Assignment per bound name whose `value` is a synthesized member/index expression of the source, e.g.
 * `const { messages, model } = await req.json()` gives targets `messages` and `model` with values
 * `member(await req.json(), 'messages')` and `member(await req.json(), 'model')`.
 * Targets are dotted for attribute assignment: `self.client = Anthropic()` has target `self.client`,
 * `this.client = new OpenAI()` has target `this.client`.
 * Augmented assignments (`x += y`) have `augmented: true` and the right-hand side as value.
 * Also produced for: Python `with X as y`, `for y in X` (value is X with op 'iterate' wrapped in other),
 * JS `for (const y of X)`, and default parameter values are not assignments.
 */
export interface Assignment {
  target: string;
  value: Expr;
  augmented: boolean;
  span: Span;
  functionIndex: number | undefined;
  /** `const` in JS; Python module-level ALL_CAPS names are not marked. */
  constant: boolean;
}

export interface Parameter {
  name: string;
  /** Type annotation text as written, if any (`Request`, `ChatBody`, `NextRequest`). */
  annotation: string | undefined;
  defaultValue: Expr | undefined;
  /** Destructured parameter `({ messages }) =>`: one Parameter per bound name, with `destructuredFrom`
   * the position of the original parameter. */
  destructuredFrom: number | undefined;
  /** Position in the parameter list (0-based). */
  position: number;
  /** `*args`, `**kwargs`, `...rest`. */
  rest: boolean;
  span: Span;
}

export interface FunctionInfo {
  index: number;
  /** Declared name; for `const f = () => ...` the variable name; for methods the method name;
   * undefined for anonymous callbacks. */
  name: string | undefined;
  /** Class name for methods. */
  className: string | undefined;
  params: Parameter[];
  /** Decorators as call expressions or names (Python `@app.post("/chat")`, TS decorators). */
  decorators: Expr[];
  /** When the function is passed directly as an argument: the call and argument position.
   * `app.post('/chat', async (req, res) => ...)` gives the call of `app.post` and position 1.
   * Also set for object-literal properties passed in a call: `tool({ execute: async (a) => ... })`
   * gives the `tool` call with position 0 and `property: 'execute'`. */
  passedTo: { callIndex: number; position: number; property: string | undefined } | undefined;
  exported: boolean;
  isAsync: boolean;
  /** Generator function (`function*`, Python `yield`). */
  isGenerator: boolean;
  span: Span;
  /** Span of the body only. */
  bodySpan: Span;
  /** Enclosing function, for nested functions and callbacks. */
  parentIndex: number | undefined;
}

export interface ReturnStatement {
  /** undefined for a bare `return`. */
  value: Expr | undefined;
  span: Span;
  functionIndex: number | undefined;
}

export interface Loop {
  kind: 'while' | 'for' | 'for-in' | 'do-while';
  /** The loop condition (`while` / `do-while` / C-style `for`); undefined for `for (;;)` and for-in/of. */
  condition: Expr | undefined;
  /** The iterated value of for-in/for-of/Python for. */
  iterable: Expr | undefined;
  /** `while True`, `while (true)`, `while 1`, `for (;;)`. */
  infinite: boolean;
  /** Line spans of `break` statements (and `return` inside the loop body counts separately). */
  breaks: Span[];
  span: Span;
  bodySpan: Span;
  functionIndex: number | undefined;
}

/** try/except or try/catch. */
export interface TryStatement {
  span: Span;
  bodySpan: Span;
  handlers: Array<{ param: string | undefined; span: Span }>;
  functionIndex: number | undefined;
}

/** `if` statements and conditional expressions are both recorded so guards can act as sanitizers. */
export interface Condition {
  test: Expr;
  /** Span of the branch taken when the test is true. */
  consequentSpan: Span;
  /** Span of the else branch, if any. */
  alternateSpan: Span | undefined;
  /** The true branch always leaves the function or loop (return / raise / throw / continue / break),
   * so code after the `if` runs only when the test was false: `if x not in ALLOWED: abort(400)`. */
  consequentExits: boolean;
  span: Span;
  functionIndex: number | undefined;
}

/** A read of an environment variable: `process.env.X`, `process.env["X"]`, `import.meta.env.X`,
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`. */
export interface EnvRead {
  name: string;
  via: 'process.env' | 'import.meta.env' | 'os.environ' | 'os.getenv';
  span: Span;
  functionIndex: number | undefined;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface SyntaxIssue {
  message: string;
  line: number;
  column: number;
}

export interface FileModel {
  path: string;
  language: Language;
  /** Source text as scanned (BOM stripped, CRLF kept). */
  source: string;
  imports: Import[];
  calls: Call[];
  assignments: Assignment[];
  functions: FunctionInfo[];
  returns: ReturnStatement[];
  loops: Loop[];
  tries: TryStatement[];
  conditions: Condition[];
  envReads: EnvRead[];
  comments: Comment[];
  /** File-level directive prologue strings: 'use client', 'use server', 'use strict'. */
  directives: string[];
  syntaxErrors: SyntaxIssue[];
}

export function emptyFileModel(path: string, language: Language, source: string): FileModel {
  return {
    path,
    language,
    source,
    imports: [],
    calls: [],
    assignments: [],
    functions: [],
    returns: [],
    loops: [],
    tries: [],
    conditions: [],
    envReads: [],
    comments: [],
    directives: [],
    syntaxErrors: [],
  };
}

/**
 * Calls `visit` with each direct sub-expression of `expr`, in source order (template parts, member object,
 * index object then index, object values, array elements, binary left then right, `other` children). Not
 * into calls: a call's callee and arguments live on its Call (`model.calls[expr.callIndex]`).
 */
export function forEachChildExpr(expr: Expr, visit: (child: Expr) => void): void {
  switch (expr.kind) {
    case 'template':
      for (const part of expr.parts) if (typeof part !== 'string') visit(part);
      return;
    case 'member':
      visit(expr.object);
      return;
    case 'index':
      visit(expr.object);
      visit(expr.index);
      return;
    case 'object':
      for (const entry of expr.entries) visit(entry.value);
      return;
    case 'array':
      for (const element of expr.elements) visit(element);
      return;
    case 'binary':
      visit(expr.left);
      visit(expr.right);
      return;
    case 'other':
      for (const child of expr.children) visit(child);
      return;
    default:
      return;
  }
}

/** Dotted path of a chain of names and members (Call.calleePath); calls and indexes break it. Unlike
 * values.ts dottedPath it sees through nothing: the front ends record the callee as written. */
export function memberChainPath(expr: Expr): string | undefined {
  const names: string[] = [];
  let e = expr;
  while (e.kind === 'member') {
    names.push(e.property);
    e = e.object;
  }
  if (e.kind !== 'name') return undefined;
  names.push(e.name);
  return names.reverse().join('.');
}

/** The callee's last name, the last segment of `calleePath` when there is one: `create` for
 * `client.messages.create(…)`, `len` for `len(x)`, `text` for `get_client().text(…)`; undefined when the
 * callee is neither a name nor a member. */
export function calleeLastName(call: Call): string | undefined {
  const callee = call.callee;
  return callee.kind === 'member' ? callee.property : callee.kind === 'name' ? callee.name : undefined;
}

/** A call's dotted callee, or its method name when the receiver is no dotted path: `client.messages.create`
 * for `client.messages.create(…)`, `limit` for `getLimiter().limit(…)`; undefined otherwise. */
export function calleePathOrMethod(call: Call): string | undefined {
  return call.calleePath ?? (call.callee.kind === 'member' ? call.callee.property : undefined);
}

/** A positional argument: not a spread, and not a keyword (Python `f(x=1)`; JS arguments never have a name). */
export function isPositional(arg: Argument): boolean {
  return !arg.spread && arg.name === undefined;
}

/** The values of the positional arguments, in order. */
export function positionalValues(call: Call): Expr[] {
  const values: Expr[] = [];
  for (const arg of call.args) if (isPositional(arg)) values.push(arg.value);
  return values;
}

/** The `position`-th positional argument (from 0). */
export function nthPositional(call: Call, position: number): Argument | undefined {
  let seen = 0;
  for (const arg of call.args) {
    if (!isPositional(arg)) continue;
    if (seen === position) return arg;
    seen++;
  }
  return undefined;
}

/** `a` starts at or before `b`. */
export function startsAtOrBefore(a: Span, b: Span): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

/** `inner` lies within `outer` (ends included). */
export function spanContains(outer: Span, inner: Span): boolean {
  if (inner.line < outer.line || inner.endLine > outer.endLine) return false;
  if (inner.line === outer.line && inner.column < outer.column) return false;
  if (inner.endLine === outer.endLine && inner.endColumn > outer.endColumn) return false;
  return true;
}
