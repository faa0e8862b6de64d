// Lowers a flattened tree-sitter-python tree into the neutral FileModel.
//
// Every construct is lowered by a small generator: it `yield`s the node of each sub-part it needs and
// receives that part's Expr back. One driver loop (`run`) keeps the suspended generators on an explicit
// stack, so source nesting depth (5,000 brackets, 5,000 nested calls) never grows the JS stack. Leaves
// (names, numbers, plain strings, simple statements) are answered without a generator.
import { emptyFileModel, memberChainPath } from '../model.js';
import type {
  Argument,
  ArrayExpr,
  Call,
  Condition,
  Expr,
  FileModel,
  FunctionInfo,
  Loop,
  ObjectEntry,
  OtherExpr,
  Parameter,
  Span,
  StringExpr,
  TemplateExpr,
} from '../model.js';
import { rememberLineIndex } from '../values.js';
import { FlatTree, NONE, type FlatArrays, type GrammarTables } from './flat-tree.js';
import { decodeEscapes, stringPrefix } from './strings.js';
import {
  ENDLESS_ITERATORS,
  ENV_MAPPINGS,
  ENV_READ_CALLS,
  EXIT_CALLS,
  MAX_EXPR_DEPTH,
  MAX_SYNTAX_ISSUES,
} from './tables.js';

type Task = Generator<number, Expr, Expr>;
/** What the driver steps: a Task, or a plain iterator where a generator would only walk children. */
type Steps = Iterator<number, Expr, Expr>;

const FIELD_NAMES = [
  'alias',
  'alternative',
  'argument',
  'arguments',
  'attribute',
  'body',
  'condition',
  'consequence',
  'definition',
  'expression',
  'function',
  'key',
  'left',
  'module_name',
  'name',
  'object',
  'operator',
  'operators',
  'parameters',
  'right',
  'subscript',
  'type',
  'value',
] as const;
type Fields = Record<(typeof FIELD_NAMES)[number], number>;

const fieldCache = new WeakMap<GrammarTables, Fields>();
function fieldsOf(grammar: GrammarTables): Fields {
  let fields = fieldCache.get(grammar);
  if (!fields) {
    fields = Object.fromEntries(FIELD_NAMES.map((name) => [name, grammar.fieldId(name)])) as Fields;
    fieldCache.set(grammar, fields);
  }
  return fields;
}

const NO_SPAN: Span = Object.freeze({ line: 1, column: 1, endLine: 1, endColumn: 1 });
/** What statements hand back to the driver; never stored in the model. */
const STATEMENT: OtherExpr = Object.freeze({ kind: 'other', op: 'statement', text: '', children: [], span: NO_SPAN });

/** Statement types with nothing to lower (imports are collected by a flat pass before lowering). */
const INERT_STATEMENTS = new Set([
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'pass_statement',
  'continue_statement',
  'global_statement',
  'nonlocal_statement',
  'type_alias_statement',
  'keyword_separator',
  'positional_separator',
  'comment',
]);

const SEQUENCE_TYPES = new Set([
  'list',
  'tuple',
  'set',
  'expression_list',
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
]);
const TARGET_SEQUENCES = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);
const SPLAT_TYPES = new Set(['list_splat', 'list_splat_pattern', 'dictionary_splat', 'dictionary_splat_pattern', 'parenthesized_list_splat']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression', 'dictionary_comprehension']);
const BINDABLE = new Set(['identifier', 'attribute', 'subscript', 'pattern_list', 'tuple']);
/** Python 2 keywords that are plain functions in Python 3: inside an ERROR node they stay tokens. */
const CALLABLE_KEYWORDS = new Set(['print', 'exec']);
const EXITING_STATEMENTS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/** Node types the lowering tells apart. A type id is looked up once in a per-grammar table (`TypeTables`)
 * and compared as a small number: no string compares, no set lookups per node. */
const TYPE_NAMES = [
  'identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'string', 'concatenated_string',
  'string_start', 'string_content', 'interpolation', 'comment', 'ERROR',
  'module', 'block', 'expression_statement', 'assignment', 'augmented_assignment', 'return_statement',
  'break_statement', 'if_statement', 'elif_clause', 'else_clause', 'while_statement', 'for_statement',
  'try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'with_statement', 'with_clause',
  'with_item', 'function_definition', 'decorated_definition', 'decorator', 'class_definition',
  'import_statement', 'import_from_statement', 'future_import_statement', 'wildcard_import', 'aliased_import',
  'typed_parameter', 'default_parameter', 'typed_default_parameter', 'keyword_separator', 'positional_separator',
  'list_splat_pattern', 'dictionary_splat_pattern', 'attribute', 'subscript', 'slice', 'call', 'keyword_argument',
  'list_splat', 'dictionary_splat', 'dictionary', 'pair', 'parenthesized_expression', 'binary_operator',
  'boolean_operator', 'comparison_operator', 'not_operator', 'unary_operator', 'conditional_expression',
  'named_expression', 'lambda', 'await', 'yield', 'as_pattern', 'as_pattern_target', 'generator_expression',
  'for_in_clause', 'if_clause', 'tuple', '(', ')', ',', '=', 'return', 'async', 'from',
] as const;
type TypeName = (typeof TYPE_NAMES)[number];
/** Code of each type name (0: a type the lowering does not name). */
const T = Object.fromEntries(TYPE_NAMES.map((name, i) => [name, i + 1])) as Record<TypeName, number>;

/** Type-name sets as bits of `TypeTables.sets`. */
const INERT = 1;
const SEQUENCE = 2;
const TARGET_SEQUENCE = 4;
const SPLAT = 8;
const COMPREHENSION = 16;
const BINDABLE_TYPE = 32;
const CALLABLE_KEYWORD = 64;
const EXITING = 128;
/** What the flat pass looks at: comments, imports and ERROR nodes. */
const FLAT_PASS = 256;
const TYPE_SETS: Array<[ReadonlySet<string>, number]> = [
  [INERT_STATEMENTS, INERT],
  [SEQUENCE_TYPES, SEQUENCE],
  [TARGET_SEQUENCES, TARGET_SEQUENCE],
  [SPLAT_TYPES, SPLAT],
  [COMPREHENSIONS, COMPREHENSION],
  [BINDABLE, BINDABLE_TYPE],
  [CALLABLE_KEYWORDS, CALLABLE_KEYWORD],
  [EXITING_STATEMENTS, EXITING],
  [new Set(['comment', 'import_statement', 'import_from_statement', 'future_import_statement', 'ERROR']), FLAT_PASS],
];

/** Per grammar, indexed by type id (several ids may share a name; tree-sitter's ERROR is id 0xffff). */
interface TypeTables {
  /** T code of the id's name, or 0. */
  codes: Uint8Array;
  /** Bits of the TYPE_SETS holding the id's name. */
  sets: Uint16Array;
}

const typeCache = new WeakMap<GrammarTables, TypeTables>();
function typesOf(grammar: GrammarTables): TypeTables {
  let types = typeCache.get(grammar);
  if (!types) {
    const size = 0x10000;
    const codes = new Uint8Array(size);
    const sets = new Uint16Array(size);
    const code = new Map<string, number>(Object.entries(T));
    grammar.typeNames.forEach((name, id) => {
      if (!name) return;
      codes[id] = code.get(name) ?? 0;
      for (const [set, bit] of TYPE_SETS) if (set.has(name)) sets[id]! |= bit;
    });
    types = { codes, sets };
    typeCache.set(grammar, types);
  }
  return types;
}

interface ArgSlot {
  node: number;
  callIndex: number;
  position: number;
  property: string | undefined;
}

/**
 * Lowers a tree that copyTree copied (here or on the parse thread) from `text`, the file's text without
 * its BOM (withoutBom); without arrays the parser gave up on the file.
 */
export function lowerCopiedPython(path: string, text: string, arrays: FlatArrays | undefined, grammar: GrammarTables): FileModel {
  if (!arrays) {
    const model = emptyFileModel(path, 'python', text);
    model.syntaxErrors.push({ message: 'the Python parser gave up on this file', line: 1, column: 1 });
    return model;
  }
  return new Lowerer(path, new FlatTree(arrays, text, grammar)).lower();
}

class Lowerer {
  private readonly m: FileModel;
  private readonly f: Fields;
  /** Innermost enclosing function index. */
  private fn: number | undefined = undefined;
  /** Open loops of the current function, innermost last (breaks belong to the innermost). */
  private loops: Loop[] = [];
  /** Set by a call just before it lowers an argument, so a lambda there knows where it was passed. */
  private argSlot: ArgSlot | undefined = undefined;
  /** Local name bound by an import -> canonical dotted path (`environ` -> `os.environ`). */
  private readonly aliases = new Map<string, string>();
  private readonly codes: Uint8Array;
  private readonly sets: Uint16Array;

  constructor(
    path: string,
    private readonly t: FlatTree,
  ) {
    this.m = emptyFileModel(path, 'python', t.source);
    rememberLineIndex(this.m, t.lines);
    this.f = fieldsOf(t.grammar);
    const types = typesOf(t.grammar);
    this.codes = types.codes;
    this.sets = types.sets;
  }

  /** T code of a node's type (0 for types the lowering does not name). */
  private code(n: number): number {
    return this.codes[this.t.type[n]!]!;
  }

  /** Whether a node's type is in the TYPE_SETS set with this bit. */
  private inSet(n: number, bit: number): boolean {
    return (this.sets[this.t.type[n]!]! & bit) !== 0;
  }

  lower(): FileModel {
    this.flatPass();
    if (this.t.count > 0) this.run(0);
    return this.m;
  }

  // ---------------------------------------------------------------------------------------------
  // Flat pass: imports, comments and syntax errors need no context, so one loop over all nodes.

  private flatPass(): void {
    const t = this.t;
    let errorStart = -1;
    let errorEnd = -1;
    const seen = new Set<string>();
    // Most nodes are none of these: one table lookup each (MISSING nodes exist only in trees with errors).
    const types = t.type;
    const sets = this.sets;
    const missing = t.hasError ? t.missing : undefined;
    for (let n = 0; n < t.count; n++) {
      if ((sets[types[n]!]! & FLAT_PASS) === 0 && missing?.[n] !== 1) continue;
      const code = this.code(n);
      if (code === T.comment) {
        // Under CRLF the comment token ends with the '\r'; the comment itself does not.
        let end = t.end[n]!;
        if (end > t.start[n]! && t.source.charCodeAt(end - 1) === 13) end--;
        this.m.comments.push({ text: t.source.slice(t.start[n]!, end), span: t.spanOf(t.start[n]!, end) });
      } else if (code === T.import_statement || code === T.import_from_statement || code === T.future_import_statement) {
        if (t.isNamed(n)) this.importStatement(n, code);
      } else if (code === T.ERROR && t.isNamed(n)) {
        const start = t.start[n]!;
        const end = t.end[n]!;
        if (errorEnd > errorStart && start >= errorStart && end <= errorEnd) continue; // nested in one listed
        errorStart = start;
        errorEnd = end;
        const near = firstLine(t.shortText(n, 80)).trim().slice(0, 40);
        this.syntaxIssue(seen, near ? `syntax error near '${near}'` : 'syntax error', start);
      }
      if (t.missing[n] === 1) {
        const type = t.typeName(n);
        const what = t.isNamed(n) ? type : `'${type}'`;
        this.syntaxIssue(seen, `missing ${what}`, t.start[n]!);
      }
    }
  }

  private syntaxIssue(seen: Set<string>, message: string, offset: number): void {
    if (this.m.syntaxErrors.length >= MAX_SYNTAX_ISSUES) return;
    const span = this.t.spanOf(offset, offset);
    const key = `${span.line}:${span.column}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    this.m.syntaxErrors.push({ message, line: span.line, column: span.column });
  }

  private importStatement(n: number, type: number): void {
    const t = this.t;
    const f = this.f;
    let module: string | undefined;
    if (type === T.import_from_statement) {
      const moduleNode = t.child(n, f.module_name);
      if (moduleNode === NONE) return;
      module = compact(t.text(moduleNode));
    } else if (type === T.future_import_statement) {
      module = '__future__';
    }
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      const childType = this.code(c);
      if (childType === T.wildcard_import && module !== undefined) {
        this.m.imports.push({ module, imported: '*', local: '*', typeOnly: false, span: t.span(c) });
        continue;
      }
      if (t.field[c] !== f.name || t.missing[c] === 1) continue;
      let nameNode = c;
      let local: string | undefined;
      if (childType === T.aliased_import) {
        nameNode = t.child(c, f.name);
        const aliasNode = t.child(c, f.alias);
        if (nameNode === NONE) continue;
        if (aliasNode !== NONE) local = t.text(aliasNode);
      }
      const name = compact(t.text(nameNode));
      if (module === undefined) {
        // `import a.b` binds `a` to package a; `import a.b as c` binds c to a.b.
        const bound = local ?? name.split('.')[0]!;
        this.m.imports.push({ module: name, imported: '*', local: bound, typeOnly: false, span: t.span(c) });
        this.aliases.set(bound, local ? name : bound);
      } else {
        const bound = local ?? name;
        this.m.imports.push({ module, imported: name, local: bound, typeOnly: false, span: t.span(c) });
        this.aliases.set(bound, module.endsWith('.') ? module + name : `${module}.${name}`);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The driver.

  private run(root: number): Expr {
    const now = this.immediate(root);
    if (now) return now;
    const tasks: Steps[] = [this.task(root)];
    const nodes: number[] = [root];
    let input: Expr = STATEMENT;
    for (;;) {
      const step = tasks[tasks.length - 1]!.next(input);
      if (step.done) {
        let result = step.value;
        if (tasks.length > MAX_EXPR_DEPTH && isCompound(result)) result = this.other('deep', nodes[nodes.length - 1]!, []);
        tasks.pop();
        nodes.pop();
        if (tasks.length === 0) return result;
        input = result;
        continue;
      }
      const child = step.value;
      const leaf = this.immediate(child) ?? this.memberChain(child, MAX_EXPR_DEPTH - tasks.length);
      if (leaf) {
        input = leaf;
        continue;
      }
      tasks.push(this.task(child));
      nodes.push(child);
      input = STATEMENT;
    }
  }

  /** Nodes lowered without sub-parts. */
  private immediate(n: number): Expr | undefined {
    const t = this.t;
    if (n === NONE) return { kind: 'other', op: 'missing', text: '', children: [], span: NO_SPAN };
    if (t.missing[n] === 1) return { kind: 'other', op: 'missing', text: '', children: [], span: t.span(n) };
    switch (this.code(n)) {
      case T.identifier:
        return { kind: 'name', name: t.text(n), span: t.span(n) };
      case T.integer:
      case T.float:
        return this.number(n);
      case T.true:
        return { kind: 'literal', value: 'true', span: t.span(n) };
      case T.false:
        return { kind: 'literal', value: 'false', span: t.span(n) };
      case T.none:
        return { kind: 'literal', value: 'null', span: t.span(n) };
      case T.ellipsis:
        return this.other('ellipsis', n, []);
      case T.string:
        return this.hasInterpolation(n) ? undefined : this.plainString(n);
      case T.expression_statement:
        return this.inertStatement(n) ? STATEMENT : undefined;
      case T.break_statement: {
        const loop = this.loops[this.loops.length - 1];
        if (loop) loop.breaks.push(t.span(n));
        return STATEMENT;
      }
      default:
        return this.inSet(n, INERT) ? STATEMENT : undefined;
    }
  }

  /**
   * `a.b.c` over a plain name, built directly: the same Exprs the `attribute` task builds, without a
   * generator per dot. Undefined for anything else, or when the chain is longer than `room` (the depth
   * cut to 'deep' is then left to the tasks).
   */
  private memberChain(n: number, room: number): Expr | undefined {
    const t = this.t;
    const f = this.f;
    let base = n;
    let links = 0;
    while (this.code(base) === T.attribute && t.missing[base] !== 1) {
      if (++links > room) return undefined;
      base = t.child(base, f.object);
      if (base === NONE) return undefined;
    }
    if (links === 0 || this.code(base) !== T.identifier || t.missing[base] === 1) return undefined;
    return this.memberOf(n, links);
  }

  private memberOf(n: number, links: number): Expr {
    const t = this.t;
    const objectNode = t.child(n, this.f.object);
    const object: Expr = links === 1 ? { kind: 'name', name: t.text(objectNode), span: t.span(objectNode) } : this.memberOf(objectNode, links - 1);
    const attribute = t.child(n, this.f.attribute);
    return { kind: 'member', object, property: attribute === NONE ? '' : t.text(attribute), span: t.span(n) };
  }

  /** A docstring, `...` or a bare name as a statement: its value would be built only to be dropped. */
  private inertStatement(n: number): boolean {
    const t = this.t;
    const only = t.firstNamedChild(n);
    if (only === NONE || t.missing[only] === 1) return false;
    switch (this.code(only)) {
      case T.string:
        if (this.hasInterpolation(only)) return false;
        break;
      case T.identifier:
      case T.integer:
      case T.float:
      case T.true:
      case T.false:
      case T.none:
      case T.ellipsis:
        break;
      default:
        return false;
    }
    return this.soleNamedChild(n) === only;
  }

  private task(n: number): Steps {
    switch (this.code(n)) {
      // The most frequent first: the cases are compared in order.
      case T.call:
        return this.call(n);
      case T.module:
      case T.block:
      case T.expression_statement:
        return new NamedChildSteps(this.t, n);
      case T.assignment:
        return this.assignment(n, false);
      case T.augmented_assignment:
        return this.assignment(n, true);
      case T.return_statement:
        return this.returnStatement(n);
      case T.if_statement:
        return this.ifStatement(n);
      case T.while_statement:
        return this.whileStatement(n);
      case T.for_statement:
        return this.forStatement(n);
      case T.try_statement:
        return this.tryStatement(n);
      case T.with_statement:
        return this.withStatement(n);
      case T.function_definition:
        return this.functionDefinition(n, []);
      case T.decorated_definition:
        return this.decoratedDefinition(n);
      case T.string:
        return this.fstring(n);
      case T.concatenated_string:
        return this.concatenatedString(n);
      case T.attribute:
        return this.attribute(n);
      case T.subscript:
        return this.subscript(n);
      case T.dictionary:
        return this.dictionary(n);
      case T.parenthesized_expression:
        return this.parenthesized(n);
      case T.binary_operator:
        return this.binaryOperator(n);
      case T.boolean_operator:
        return this.booleanOperator(n);
      case T.comparison_operator:
        return this.comparison(n);
      case T.not_operator:
        return this.unary(n, 'unary:not', this.t.child(n, this.f.argument));
      case T.unary_operator:
        return this.unaryOperator(n);
      case T.conditional_expression:
        return this.conditionalExpression(n);
      case T.named_expression:
        return this.walrus(n);
      case T.lambda:
        return this.lambda(n);
      case T.await:
        return this.awaitExpression(n);
      case T.yield:
        return this.yieldExpression(n);
      case T.as_pattern:
        return this.generic(n, 'as');
      case T.ERROR:
        return this.errorNode(n);
      default:
        if (this.inSet(n, SEQUENCE)) return this.sequenceExpression(n);
        if (this.inSet(n, SPLAT)) return this.unary(n, 'spread', this.t.firstNamedChild(n));
        if (this.inSet(n, COMPREHENSION)) return this.comprehension(n);
        return this.generic(n, this.t.typeName(n));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Statements.

  /** Anything without a dedicated lowering (raise, assert, del, match, slices, class bodies, ...): lower the
   * named children for their side effects and keep them as `other` children. */
  private *generic(n: number, op: string): Task {
    const children: Expr[] = [];
    for (const c of this.t.namedChildren(n)) {
      const value = yield c;
      if (value !== STATEMENT) children.push(value);
    }
    return this.other(op, n, children);
  }

  private *assignment(n: number, augmented: boolean): Task {
    const t = this.t;
    const left = t.child(n, this.f.left);
    const right = t.child(n, this.f.right);
    if (right === NONE || left === NONE) return STATEMENT; // `x: int` declares, binds nothing
    const value = yield right;
    for (const side of this.bind(left, value, augmented, t.span(n))) yield side;
    return value;
  }

  /**
   * Records one Assignment per bound name of a target pattern. Tuple targets get synthesized index
   * expressions (`a, *b, c = x` gives x[0], rest(x), x[-1]). Returns target sub-nodes that must still
   * be lowered for their side effects (`a[f()] = v`, `get().x = v`).
   */
  private bind(target: number, value: Expr, augmented: boolean, span: Span): number[] {
    const t = this.t;
    const side: number[] = [];
    const work: Array<[number, Expr]> = [[target, value]];
    while (work.length > 0) {
      const [node, val] = work.pop()!;
      const type = this.code(node);
      if (type === T.identifier) {
        this.assign(t.text(node), val, augmented, span);
      } else if (type === T.attribute || type === T.subscript) {
        const path = type === T.attribute ? this.nodePath(node) : undefined;
        this.assign(path ?? targetText(t.shortText(node)), val, augmented, span);
        if (path === undefined) side.push(node);
      } else if (this.inSet(node, TARGET_SEQUENCE)) {
        const elements = t.namedChildren(node);
        const star = elements.findIndex((e) => this.inSet(e, SPLAT));
        for (let i = elements.length - 1; i >= 0; i--) {
          const element = elements[i]!;
          const at = t.span(element);
          if (i === star) {
            work.push([t.firstNamedChild(element), { kind: 'other', op: 'rest', text: '', children: [val], span: at }]);
          } else {
            const position = star >= 0 && i > star ? i - elements.length : i;
            const index: Expr = { kind: 'number', value: position, span: at };
            work.push([element, { kind: 'index', object: val, index, span: at }]);
          }
        }
      } else if (type === T.parenthesized_expression || type === T.as_pattern_target || this.inSet(node, SPLAT)) {
        const inner = t.firstNamedChild(node);
        if (inner !== NONE) work.push([inner, val]);
      } else if (type !== T.ERROR && t.missing[node] !== 1) {
        this.assign(targetText(t.shortText(node)), val, augmented, span);
      }
    }
    return side;
  }

  private assign(target: string, value: Expr, augmented: boolean, span: Span): void {
    this.m.assignments.push({ target, value, augmented, span, functionIndex: this.fn, constant: false });
  }

  private *returnStatement(n: number): Task {
    const child = this.t.firstNamedChild(n);
    const value = child === NONE ? undefined : yield child;
    this.m.returns.push({ value, span: this.t.span(n), functionIndex: this.fn });
    return STATEMENT;
  }

  private *ifStatement(n: number): Task {
    const t = this.t;
    const f = this.f;
    const alternatives: number[] = [];
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) if (t.field[c] === f.alternative) alternatives.push(c);
    const endOfAll = t.end[n]!;
    const restSpan = (from: number): Span | undefined =>
      from < alternatives.length ? t.spanOf(t.start[alternatives[from]!]!, endOfAll) : undefined;

    if (this.t.hasError) yield* this.strayErrors(n);
    yield* this.branch(t.child(n, f.condition), t.child(n, f.consequence), restSpan(0), t.span(n));
    for (let i = 0; i < alternatives.length; i++) {
      const alternative = alternatives[i]!;
      if (this.code(alternative) === T.elif_clause) {
        const span = t.spanOf(t.start[alternative]!, endOfAll);
        yield* this.branch(t.child(alternative, f.condition), t.child(alternative, f.consequence), restSpan(i + 1), span);
      } else {
        const body = t.child(alternative, f.body);
        if (body !== NONE) yield body;
      }
    }
    return STATEMENT;
  }

  /** One `if`/`elif` test and its block. */
  private *branch(test: number, consequence: number, alternateSpan: Span | undefined, span: Span): Generator<number, void, Expr> {
    if (test === NONE) return;
    const testExpr = yield test;
    if (consequence === NONE) return;
    const condition: Condition = {
      test: testExpr,
      consequentSpan: this.t.span(consequence),
      alternateSpan,
      consequentExits: this.blockExits(consequence),
      span,
      functionIndex: this.fn,
    };
    this.m.conditions.push(condition);
    yield consequence;
  }

  /** The block always ends by leaving: return/raise/continue/break, a never-returning call
   * (`abort(400)`, `sys.exit(1)`), or an if/elif/else whose every branch leaves. */
  private blockExits(block: number): boolean {
    const t = this.t;
    const f = this.f;
    const pending = [block];
    while (pending.length > 0) {
      const children = t.namedChildren(pending.pop()!);
      const last = children[children.length - 1];
      if (last === undefined) return false;
      const type = this.code(last);
      if (this.inSet(last, EXITING)) continue;
      if (type === T.expression_statement) {
        const expr = t.firstNamedChild(last);
        if (expr !== NONE && this.code(expr) === T.call && this.isExitCall(expr)) continue;
        return false;
      }
      if (type === T.with_statement) {
        const body = t.child(last, f.body);
        if (body === NONE) return false;
        pending.push(body);
        continue;
      }
      if (type !== T.if_statement) return false;
      let hasElse = false;
      const consequence = t.child(last, f.consequence);
      if (consequence === NONE) return false;
      pending.push(consequence);
      for (let c = t.firstChild[last]!; c !== NONE; c = t.nextSibling[c]!) {
        if (t.field[c] !== f.alternative) continue;
        const isElse = this.code(c) === T.else_clause;
        hasElse ||= isElse;
        const body = t.child(c, isElse ? f.body : f.consequence);
        if (body === NONE) return false;
        pending.push(body);
      }
      if (!hasElse) return false;
    }
    return true;
  }

  private isExitCall(call: number): boolean {
    const path = this.nodePath(this.t.child(call, this.f.function));
    if (path === undefined) return false;
    return EXIT_CALLS.has(path) || EXIT_CALLS.has(this.canonical(path));
  }

  private *whileStatement(n: number): Task {
    const t = this.t;
    const conditionNode = t.child(n, this.f.condition);
    const condition = conditionNode === NONE ? undefined : yield conditionNode;
    const body = t.child(n, this.f.body);
    const loop: Loop = {
      kind: 'while',
      condition,
      iterable: undefined,
      infinite: condition !== undefined && alwaysTrue(condition),
      breaks: [],
      span: t.span(n),
      bodySpan: body === NONE ? t.span(n) : t.span(body),
      functionIndex: this.fn,
    };
    yield* this.loopBody(n, loop, body);
    return STATEMENT;
  }

  private *forStatement(n: number): Task {
    const t = this.t;
    const left = t.child(n, this.f.left);
    const right = t.child(n, this.f.right);
    const body = t.child(n, this.f.body);
    const iterable = right === NONE ? undefined : yield right;
    const loop: Loop = {
      kind: 'for-in',
      condition: undefined,
      iterable,
      infinite: iterable !== undefined && this.endlessIterator(iterable),
      breaks: [],
      span: t.span(n),
      bodySpan: body === NONE ? t.span(n) : t.span(body),
      functionIndex: this.fn,
    };
    if (left !== NONE && iterable !== undefined) {
      const header = t.spanOf(t.start[left]!, t.end[right]!);
      const item: Expr = { kind: 'other', op: 'iterate', text: t.shortText(right), children: [iterable], span: t.span(right) };
      for (const side of this.bind(left, item, false, header)) yield side;
    }
    yield* this.loopBody(n, loop, body);
    return STATEMENT;
  }

  /** Body with the loop open (breaks inside belong to it), then the `else:` block outside it. */
  private *loopBody(n: number, loop: Loop, body: number): Generator<number, void, Expr> {
    this.m.loops.push(loop);
    this.loops.push(loop);
    if (this.t.hasError) yield* this.strayErrors(n);
    if (body !== NONE) yield body;
    this.loops.pop();
    const alternative = this.t.child(n, this.f.alternative);
    if (alternative !== NONE) {
      const elseBody = this.t.child(alternative, this.f.body);
      if (elseBody !== NONE) yield elseBody;
    }
  }

  private endlessIterator(iterable: Expr): boolean {
    if (iterable.kind !== 'call') return false;
    const call = this.m.calls[iterable.callIndex]!;
    const limit = ENDLESS_ITERATORS.get(this.canonical(call.calleePath ?? ''));
    if (limit === undefined) return false;
    if (call.args.some((a) => a.spread || a.name === 'times')) return false;
    return call.args.length <= limit;
  }

  private *tryStatement(n: number): Task {
    const t = this.t;
    const f = this.f;
    const body = t.child(n, f.body);
    const handlers: Array<{ param: string | undefined; span: Span }> = [];
    const blocks: number[] = [];
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      const type = this.code(c);
      if (type === T.except_clause || type === T.except_group_clause) {
        handlers.push({ param: this.handlerParam(c), span: t.span(c) });
        for (const part of t.namedChildren(c)) if (this.code(part) === T.block) blocks.push(part);
      } else if (type === T.else_clause) {
        const elseBody = t.child(c, f.body);
        if (elseBody !== NONE) blocks.push(elseBody);
      } else if (type === T.finally_clause) {
        const block = t.firstNamedChild(c);
        if (block !== NONE) blocks.push(block);
      }
    }
    this.m.tries.push({
      span: t.span(n),
      bodySpan: body === NONE ? t.span(n) : t.span(body),
      handlers,
      functionIndex: this.fn,
    });
    if (this.t.hasError) yield* this.strayErrors(n);
    if (body !== NONE) yield body;
    for (const block of blocks) yield block;
    return STATEMENT;
  }

  /** `except E as e` (alias field or an as_pattern value, depending on the grammar version). */
  private handlerParam(clause: number): string | undefined {
    const t = this.t;
    let alias = t.child(clause, this.f.alias);
    if (alias === NONE) {
      const value = t.child(clause, this.f.value);
      if (value !== NONE && this.code(value) === T.as_pattern) alias = t.child(value, this.f.alias);
    }
    if (alias === NONE) return undefined;
    const name = this.code(alias) === T.identifier ? alias : t.firstNamedChild(alias);
    return name !== NONE && this.code(name) === T.identifier ? t.text(name) : undefined;
  }

  private *withStatement(n: number): Task {
    const t = this.t;
    for (const part of t.namedChildren(n)) {
      if (this.code(part) !== T.with_clause) continue;
      for (const item of t.namedChildren(part)) {
        const value = this.code(item) === T.with_item ? t.child(item, this.f.value) : item;
        if (value === NONE) continue;
        if (this.code(value) !== T.as_pattern) {
          yield value;
          continue;
        }
        const alias = t.child(value, this.f.alias);
        const source = t.firstNamedChild(value);
        const expr = yield source;
        if (alias !== NONE) for (const side of this.bind(alias, expr, false, t.span(item))) yield side;
      }
    }
    if (this.t.hasError) yield* this.strayErrors(n);
    const body = t.child(n, this.f.body);
    if (body !== NONE) yield body;
    return STATEMENT;
  }

  private *decoratedDefinition(n: number): Task {
    const t = this.t;
    const decorators: Expr[] = [];
    for (const c of t.namedChildren(n)) {
      if (this.code(c) !== T.decorator) continue;
      const expr = t.firstNamedChild(c);
      if (expr !== NONE) decorators.push(yield expr);
    }
    const definition = t.child(n, this.f.definition);
    if (definition === NONE) return STATEMENT;
    if (this.code(definition) === T.function_definition) return yield* this.functionDefinition(definition, decorators);
    yield definition;
    return STATEMENT;
  }

  private *functionDefinition(n: number, decorators: Expr[]): Task {
    const t = this.t;
    const nameNode = t.child(n, this.f.name);
    const body = t.child(n, this.f.body);
    const name = nameNode === NONE ? undefined : t.text(nameNode);
    const className = this.className(n);
    const info = this.openFunction(n, {
      name,
      className,
      decorators,
      passedTo: undefined,
      exported: this.fn === undefined && className === undefined && name !== undefined && !name.startsWith('_'),
      isAsync: this.hasToken(n, T.async),
      bodySpan: body === NONE ? t.span(n) : t.span(body),
    });
    yield* this.parameters(t.child(n, this.f.parameters), info);
    const saved = this.enter(info.index);
    if (this.t.hasError) yield* this.strayErrors(n);
    if (body !== NONE) yield body;
    this.leave(saved);
    return STATEMENT;
  }

  private *lambda(n: number): Task {
    const t = this.t;
    const body = t.child(n, this.f.body);
    const slot = this.argSlot?.node === n ? this.argSlot : undefined;
    const info = this.openFunction(n, {
      name: this.lambdaName(n),
      className: undefined,
      decorators: [],
      passedTo: slot ? { callIndex: slot.callIndex, position: slot.position, property: slot.property } : undefined,
      exported: false,
      isAsync: false,
      bodySpan: body === NONE ? t.span(n) : t.span(body),
    });
    yield* this.parameters(t.child(n, this.f.parameters), info);
    if (body !== NONE) {
      const saved = this.enter(info.index);
      const value = yield body;
      this.m.returns.push({ value, span: t.span(body), functionIndex: info.index });
      this.leave(saved);
    }
    return { kind: 'function', functionIndex: info.index, span: t.span(n) };
  }

  private openFunction(
    n: number,
    parts: Pick<FunctionInfo, 'name' | 'className' | 'decorators' | 'passedTo' | 'exported' | 'isAsync' | 'bodySpan'>,
  ): FunctionInfo {
    const info: FunctionInfo = {
      index: this.m.functions.length,
      ...parts,
      params: [],
      isGenerator: false,
      span: this.t.span(n),
      parentIndex: this.fn,
    };
    this.m.functions.push(info);
    return info;
  }

  private enter(index: number): { fn: number | undefined; loops: Loop[] } {
    const saved = { fn: this.fn, loops: this.loops };
    this.fn = index;
    this.loops = [];
    return saved;
  }

  private leave(saved: { fn: number | undefined; loops: Loop[] }): void {
    this.fn = saved.fn;
    this.loops = saved.loops;
  }

  /** Methods: the def sits (maybe decorated) directly in a class body. */
  private className(def: number): string | undefined {
    const t = this.t;
    let p = t.parent[def]!;
    if (p !== NONE && this.code(p) === T.decorated_definition) p = t.parent[p]!;
    if (p === NONE || this.code(p) !== T.block) return undefined;
    const cls = t.parent[p]!;
    if (cls === NONE || this.code(cls) !== T.class_definition) return undefined;
    const name = t.child(cls, this.f.name);
    return name === NONE ? undefined : t.text(name);
  }

  /** `handler = lambda x: ...` names the lambda after its variable. */
  private lambdaName(n: number): string | undefined {
    const t = this.t;
    const p = t.parent[n]!;
    if (p === NONE || this.code(p) !== T.assignment || t.field[n] !== this.f.right) return undefined;
    const left = t.child(p, this.f.left);
    return left !== NONE && this.code(left) === T.identifier ? t.text(left) : undefined;
  }

  /** Parameters; defaults are lowered in the enclosing scope (they run when the def runs). */
  private *parameters(list: number, info: FunctionInfo): Generator<number, void, Expr> {
    if (list === NONE) return;
    const t = this.t;
    const f = this.f;
    let position = 0;
    for (const p of t.namedChildren(list)) {
      const type = this.code(p);
      if (type === T.keyword_separator || type === T.positional_separator) continue;
      let nameNode = p;
      let annotation: string | undefined;
      let defaultValue: Expr | undefined;
      if (type === T.typed_parameter) {
        const typeNode = t.child(p, f.type);
        if (typeNode !== NONE) annotation = t.text(typeNode);
        nameNode = NONE;
        for (const c of t.namedChildren(p)) if (c !== typeNode) nameNode = c;
      } else if (type === T.default_parameter || type === T.typed_default_parameter) {
        nameNode = t.child(p, f.name);
        const typeNode = t.child(p, f.type);
        if (typeNode !== NONE) annotation = t.text(typeNode);
        const value = t.child(p, f.value);
        if (value !== NONE) defaultValue = yield value;
      }
      let rest = false;
      if (nameNode !== NONE && (this.code(nameNode) === T.list_splat_pattern || this.code(nameNode) === T.dictionary_splat_pattern)) {
        rest = true;
        nameNode = t.firstNamedChild(nameNode);
      }
      if (nameNode === NONE) continue;
      info.params.push({
        name: compact(t.text(nameNode)),
        annotation,
        defaultValue,
        destructuredFrom: undefined,
        position,
        rest,
        span: t.span(p),
      } satisfies Parameter);
      position++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions.

  private *call(n: number): Task {
    const t = this.t;
    const f = this.f;
    const callee = t.child(n, f.function);
    const argsNode = t.child(n, f.arguments);
    if (this.isStringFormat(callee)) return yield* this.stringFormat(n, callee, argsNode);

    const call = this.newCall(t.span(n));
    call.callee = yield callee;
    call.calleePath = memberChainPath(call.callee);

    if (argsNode !== NONE && this.code(argsNode) === T.generator_expression) {
      call.args.push({ name: undefined, value: yield argsNode, spread: false, span: t.span(argsNode) });
    } else if (argsNode !== NONE) {
      const { named, extra } = t.grammar;
      const types = t.type;
      for (let a = t.firstChild[argsNode]!; a !== NONE; a = t.nextSibling[a]!) {
        if (named[types[a]!] !== 1 || extra[types[a]!] !== 0) continue; // punctuation, comments
        const slot = this.argumentSlot(call, a);
        if (slot) this.addArgument(call, a, slot, yield slot.node);
      }
    }
    this.envReadFromCall(call);
    return { kind: 'call', callIndex: call.index, span: call.span };
  }

  /**
   * One argument (positional, `name=value`, `*args` or `**kwargs`), in two halves around the lowering of
   * its value so that no generator is needed per argument: the slot of the value to lower (undefined:
   * nothing to lower), also set as `argSlot` so that a lambda there knows where it was passed ...
   */
  private argumentSlot(call: Call, a: number): ArgSlot | undefined {
    const t = this.t;
    const type = this.code(a);
    let name: string | undefined;
    let spread = false;
    let valueNode = a;
    if (type === T.keyword_argument) {
      const nameNode = t.child(a, this.f.name);
      name = nameNode === NONE ? undefined : t.text(nameNode);
      valueNode = t.child(a, this.f.value);
    } else if (type === T.list_splat || type === T.dictionary_splat) {
      spread = true;
      valueNode = t.firstNamedChild(a);
    }
    if (valueNode === NONE) return undefined;
    this.argSlot = { node: valueNode, callIndex: call.index, position: call.args.length, property: spread ? undefined : name };
    return this.argSlot;
  }

  /** ... then the Argument, once the value is lowered (the slot keeps the keyword name). */
  private addArgument(call: Call, a: number, slot: ArgSlot, value: Expr): void {
    const type = this.code(a);
    const spread = type === T.list_splat || type === T.dictionary_splat;
    const name = spread ? (type === T.list_splat ? '*' : '**') : slot.property;
    call.args.push({ name, value, spread, span: this.t.span(a) } satisfies Argument);
  }

  private newCall(span: Span): Call {
    const call: Call = {
      index: this.m.calls.length,
      callee: STATEMENT,
      calleePath: undefined,
      args: [],
      isNew: false,
      span,
      functionIndex: this.fn,
      awaited: false,
    };
    this.m.calls.push(call);
    return call;
  }

  /**
   * Error recovery. tree-sitter keeps what it could not fit as a flat ERROR node; an unclosed call
   * (`client.messages.create(model="m",` while editing) arrives as `attribute ( keyword_argument ,`.
   * A callee followed by `(` is rebuilt as a call over the comma-separated arguments after it, and
   * `target = value` as an assignment, so one typo does not hide the file's LLM calls. Everything else
   * is lowered for its side effects.
   */
  private *errorNode(n: number): Task {
    const t = this.t;
    const children: Expr[] = [];
    let target = NONE; // a bindable node just before `=`
    let previous = NONE; // the last named node, if nothing but it came since the last token
    let returning = NONE; // a `return` keyword waiting for its value
    let c = t.firstChild[n]!;
    while (c !== NONE) {
      let next = t.nextSibling[c]!;
      const named = t.isNamed(c);
      const type = this.code(c);
      const opensCall = next !== NONE && !t.isNamed(next) && this.code(next) === T['('];
      if (t.isExtra(c) || (!named && !(opensCall && this.inSet(c, CALLABLE_KEYWORD)))) {
        if (!t.isExtra(c)) {
          target = type === T['='] && previous !== NONE && this.inSet(previous, BINDABLE_TYPE) ? previous : NONE;
          returning = type === T.return ? c : NONE;
          previous = NONE;
        }
        c = next;
        continue;
      }
      let value: Expr;
      let end = c;
      if (opensCall && (!named || type === T.identifier || type === T.attribute)) {
        const callee: Expr = named ? yield c : { kind: 'name', name: t.typeName(c), span: t.span(c) };
        const call = yield* this.recoveredCall(c, callee, next);
        end = call.end;
        value = call.expr;
        next = t.nextSibling[end]!;
      } else {
        value = yield c;
      }
      if (target !== NONE && value !== STATEMENT) {
        for (const side of this.bind(target, value, false, t.spanOf(t.start[target]!, t.end[end]!))) yield side;
      }
      if (returning !== NONE && value !== STATEMENT) {
        this.m.returns.push({ value, span: t.spanOf(t.start[returning]!, t.end[end]!), functionIndex: this.fn });
      }
      target = NONE;
      returning = NONE;
      previous = end === c ? c : NONE;
      if (value !== STATEMENT) children.push(value);
      c = next;
    }
    return this.other('error', n, children);
  }

  /** A call rebuilt from `callee ( arg , arg ...` inside an ERROR node; stops at `)` or anything else. */
  private *recoveredCall(calleeNode: number, callee: Expr, paren: number): Generator<number, { expr: Expr; end: number }, Expr> {
    const t = this.t;
    const call = this.newCall(t.span(calleeNode));
    call.callee = callee;
    call.calleePath = memberChainPath(callee);
    let end = paren;
    let expectArgument = true;
    for (let a = t.nextSibling[paren]!; a !== NONE; a = t.nextSibling[a]!) {
      if (t.isExtra(a)) continue;
      const named = t.isNamed(a);
      const token = this.code(a);
      const argument = named && token === T.ERROR ? this.soleNamedChild(a) : a;
      if (named && expectArgument && argument !== NONE) {
        const slot = this.argumentSlot(call, argument);
        if (slot) this.addArgument(call, argument, slot, yield slot.node);
        expectArgument = false;
      } else if (!named && token === T[','] && !expectArgument) {
        expectArgument = true;
      } else {
        if (!named && token === T[')']) end = a;
        break;
      }
      end = a;
    }
    call.span = t.spanOf(t.start[calleeNode]!, t.end[end]!);
    this.envReadFromCall(call);
    return { expr: { kind: 'call', callIndex: call.index, span: call.span }, end };
  }

  private soleNamedChild(n: number): number {
    const t = this.t;
    let sole = NONE;
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      if (!t.isNamed(c) || t.isExtra(c)) continue;
      if (sole !== NONE) return NONE;
      sole = c;
    }
    return sole;
  }

  /** ERROR children a statement's fields do not cover (a broken line between `def f():` and its body). */
  private *strayErrors(n: number): Generator<number, void, Expr> {
    const t = this.t;
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      if (t.field[c] === 0 && this.code(c) === T.ERROR && t.isNamed(c)) yield c;
    }
  }

  /** `"...{}...".format(x)` is string building, not a call. */
  private isStringFormat(callee: number): boolean {
    const t = this.t;
    if (callee === NONE || this.code(callee) !== T.attribute) return false;
    const attribute = t.child(callee, this.f.attribute);
    if (attribute === NONE || t.text(attribute) !== 'format') return false;
    const object = this.unparenthesized(t.child(callee, this.f.object));
    return object === T.string || object === T.concatenated_string;
  }

  private *stringFormat(n: number, callee: number, argsNode: number): Task {
    const t = this.t;
    const literal = yield t.child(callee, this.f.object);
    const parts: Array<string | Expr> = [literal.kind === 'string' ? literal.value : literal];
    if (argsNode !== NONE) {
      for (const a of t.namedChildren(argsNode)) {
        const type = this.code(a);
        const valueNode = type === T.keyword_argument ? t.child(a, this.f.value) : a;
        if (valueNode !== NONE) parts.push(yield valueNode);
      }
    }
    return template('format', parts, t.span(n));
  }

  private envReadFromCall(call: Call): void {
    if (call.calleePath === undefined) return;
    const via = ENV_READ_CALLS.get(this.canonical(call.calleePath));
    if (via === undefined) return;
    const key = call.args.find((a) => a.name === undefined || a.name === 'key');
    if (key?.value.kind !== 'string') return;
    this.m.envReads.push({ name: key.value.value, via, span: call.span, functionIndex: this.fn });
  }

  private *attribute(n: number): Task {
    const t = this.t;
    const object = yield t.child(n, this.f.object);
    const attribute = t.child(n, this.f.attribute);
    return { kind: 'member', object, property: attribute === NONE ? '' : t.text(attribute), span: t.span(n) };
  }

  private *subscript(n: number): Task {
    const t = this.t;
    const object = yield t.child(n, this.f.value);
    const subscripts: number[] = [];
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) if (t.field[c] === this.f.subscript) subscripts.push(c);
    const span = t.span(n);
    if (subscripts.length === 1 && this.code(subscripts[0]!) !== T.slice) {
      const index = yield subscripts[0]!;
      if (index.kind === 'string') this.envReadFromIndex(object, index.value, span);
      return { kind: 'index', object, index, span };
    }
    const parts: Expr[] = [];
    let sliced = false;
    for (const s of subscripts) {
      sliced ||= this.code(s) === T.slice;
      parts.push(yield s);
    }
    if (sliced || subscripts.length === 0) return this.other('slice', n, [object, ...parts]);
    const first = subscripts[0]!;
    const last = subscripts[subscripts.length - 1]!;
    const index: ArrayExpr = { kind: 'array', elements: parts, span: t.spanOf(t.start[first]!, t.end[last]!) };
    return { kind: 'index', object, index, span };
  }

  private envReadFromIndex(object: Expr, name: string, span: Span): void {
    const path = memberChainPath(object);
    if (path !== undefined && ENV_MAPPINGS.has(this.canonical(path))) {
      this.m.envReads.push({ name, via: 'os.environ', span, functionIndex: this.fn });
    }
  }

  private *dictionary(n: number): Task {
    const t = this.t;
    const slot = this.argSlot?.node === n ? this.argSlot : undefined;
    const entries: ObjectEntry[] = [];
    for (const c of t.namedChildren(n)) {
      const type = this.code(c);
      if (type === T.dictionary_splat) {
        const inner = t.firstNamedChild(c);
        if (inner !== NONE) entries.push({ key: undefined, value: yield inner, spread: true, span: t.span(c) });
        continue;
      }
      if (type !== T.pair) {
        yield c; // an ERROR inside the braces: lower it for its side effects
        continue;
      }
      const keyNode = t.child(c, this.f.key);
      const valueNode = t.child(c, this.f.value);
      let key: string | undefined;
      if (keyNode !== NONE) {
        const keyType = this.code(keyNode);
        if (keyType === T.integer || keyType === T.float) key = t.text(keyNode);
        else {
          const keyExpr = yield keyNode;
          if (keyExpr.kind === 'string') key = keyExpr.value;
        }
      }
      if (valueNode === NONE) continue;
      if (slot) this.argSlot = { node: valueNode, callIndex: slot.callIndex, position: slot.position, property: key };
      entries.push({ key, value: yield valueNode, spread: false, span: t.span(c) });
    }
    return { kind: 'object', entries, span: t.span(n) };
  }

  private *sequenceExpression(n: number): Task {
    const elements: Expr[] = [];
    for (const c of this.t.namedChildren(n)) {
      const value = yield c;
      if (value !== STATEMENT) elements.push(value);
    }
    return { kind: 'array', elements, span: this.t.span(n) };
  }

  /** Parentheses are transparent: `("a" "b")` is the string "ab". */
  private *parenthesized(n: number): Task {
    const inner = this.t.firstNamedChild(n);
    if (inner === NONE) return this.other('paren', n, []);
    return yield inner;
  }

  private *binaryOperator(n: number): Task {
    const t = this.t;
    const left = yield t.child(n, this.f.left);
    const rightNode = t.child(n, this.f.right);
    const right = yield rightNode;
    const op = this.operator(n);
    const span = t.span(n);
    if (op === '+' && (isStringy(left) || isStringy(right))) {
      return template('concat', [...concatParts(left), ...concatParts(right)], span);
    }
    if (op === '%' && left.kind === 'string') {
      const args = right.kind === 'array' && this.unparenthesized(rightNode) === T.tuple ? right.elements : [right];
      return template('percent', [left.value, ...args], span);
    }
    return { kind: 'binary', op, left, right, span };
  }

  private *booleanOperator(n: number): Task {
    const t = this.t;
    const left = yield t.child(n, this.f.left);
    const right = yield t.child(n, this.f.right);
    return { kind: 'binary', op: this.operator(n), left, right, span: t.span(n) };
  }

  /** `a < b < c` is `a < b and b < c`. */
  private *comparison(n: number): Task {
    const t = this.t;
    const operands: number[] = [];
    const operators: string[] = [];
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      if (t.field[c] === this.f.operators) operators.push(t.typeName(c));
      else if (t.isNamed(c) && !t.isExtra(c)) operands.push(c);
    }
    const values: Expr[] = [];
    for (const o of operands) values.push(yield o);
    let result: Expr | undefined;
    for (let i = 0; i + 1 < values.length; i++) {
      const left = values[i]!;
      const right = values[i + 1]!;
      const pair: Expr = {
        kind: 'binary',
        op: operators[i] ?? '?',
        left,
        right,
        span: t.spanOf(t.start[operands[i]!]!, t.end[operands[i + 1]!]!),
      };
      result = result === undefined ? pair : { kind: 'binary', op: 'and', left: result, right: pair, span: t.span(n) };
    }
    return result ?? this.other('comparison', n, values);
  }

  private *unaryOperator(n: number): Task {
    const t = this.t;
    const op = this.operator(n);
    const argument = yield t.child(n, this.f.argument);
    if (argument.kind === 'number' && (op === '-' || op === '+')) {
      return { kind: 'number', value: op === '-' ? -argument.value : argument.value, span: t.span(n) };
    }
    return this.other(`unary:${op}`, n, [argument]);
  }

  private *unary(n: number, op: string, operand: number): Task {
    if (operand === NONE) return this.other(op, n, []);
    const value = yield operand;
    return this.other(op, n, [value]);
  }

  /** `a if test else b`: also a Condition, so guards written inline count. Children: test, a, b. */
  private *conditionalExpression(n: number): Task {
    const t = this.t;
    const parts = t.namedChildren(n);
    if (parts.length !== 3) return yield* this.generic(n, 'conditional');
    const whenTrue = yield parts[0]!;
    const test = yield parts[1]!;
    const whenFalse = yield parts[2]!;
    this.m.conditions.push({
      test,
      consequentSpan: t.span(parts[0]!),
      alternateSpan: t.span(parts[2]!),
      consequentExits: false,
      span: t.span(n),
      functionIndex: this.fn,
    });
    return this.other('conditional', n, [test, whenTrue, whenFalse]);
  }

  private *walrus(n: number): Task {
    const t = this.t;
    const name = t.child(n, this.f.name);
    const value = yield t.child(n, this.f.value);
    if (name !== NONE) this.assign(t.text(name), value, false, t.span(n));
    return this.other('walrus', n, [value]);
  }

  private *awaitExpression(n: number): Task {
    const inner = this.t.firstNamedChild(n);
    if (inner === NONE) return this.other('await', n, []);
    const value = yield inner;
    if (value.kind === 'call') this.m.calls[value.callIndex]!.awaited = true;
    return this.other('await', n, [value]);
  }

  private *yieldExpression(n: number): Task {
    if (this.fn !== undefined) this.m.functions[this.fn]!.isGenerator = true;
    const inner = this.t.firstNamedChild(n);
    const op = this.hasToken(n, T.from) ? 'yield from' : 'yield';
    if (inner === NONE) return this.other(op, n, []);
    return this.other(op, n, [yield inner]);
  }

  /** Comprehensions: each `for x in xs` clause also binds x (as `for` statements do). */
  private *comprehension(n: number): Task {
    const t = this.t;
    const children: Expr[] = [];
    for (const c of t.namedChildren(n)) {
      const type = this.code(c);
      if (type === T.for_in_clause) {
        const left = t.child(c, this.f.left);
        const right = t.child(c, this.f.right);
        if (right === NONE) continue;
        const iterable = yield right;
        children.push(iterable);
        if (left === NONE) continue;
        const item: Expr = { kind: 'other', op: 'iterate', text: t.shortText(right), children: [iterable], span: t.span(right) };
        for (const side of this.bind(left, item, false, t.span(c))) yield side;
      } else if (type === T.if_clause) {
        const test = t.firstNamedChild(c);
        if (test !== NONE) children.push(yield test);
      } else {
        children.push(yield c);
      }
    }
    return this.other('comprehension', n, children);
  }

  /** f-strings (and t-strings): literal text and interpolated expressions; `!r` and `:spec` dropped. */
  private *fstring(n: number): Task {
    const t = this.t;
    const prefix = stringPrefix(this.stringStart(n));
    const parts: Array<string | Expr> = [];
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      const type = this.code(c);
      if (type === T.string_content) {
        parts.push(this.literalText(c, prefix.raw, prefix.bytes, prefix.interpolated));
      } else if (type === T.interpolation) {
        const expression = t.child(c, this.f.expression);
        if (expression === NONE) continue;
        const selfDocumenting = this.tokenEnd(c, T['=']);
        if (selfDocumenting !== -1) parts.push(t.source.slice(t.start[c]! + 1, selfDocumenting));
        parts.push(yield expression);
      }
    }
    return template('fstring', parts, t.span(n));
  }

  /** Adjacent literals `"a" f"{b}" 'c'` are one string. */
  private *concatenatedString(n: number): Task {
    const parts: Array<string | Expr> = [];
    for (const c of this.t.namedChildren(n)) {
      const value = yield c;
      if (value.kind === 'string') parts.push(value.value);
      else if (value.kind === 'template') parts.push(...value.parts);
      else parts.push(value);
    }
    return template('fstring', parts, this.t.span(n));
  }

  // ---------------------------------------------------------------------------------------------
  // Leaves and helpers.

  private plainString(n: number): StringExpr {
    const t = this.t;
    const prefix = stringPrefix(this.stringStart(n));
    let value = '';
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      if (this.code(c) === T.string_content) value += this.literalText(c, prefix.raw, prefix.bytes, prefix.interpolated);
    }
    return { kind: 'string', value, span: t.span(n) };
  }

  private literalText(content: number, raw: boolean, bytes: boolean, interpolated: boolean): string {
    let text = this.t.text(content);
    if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n'); // Python reads CRLF source as LF
    if (!raw) text = decodeEscapes(text, bytes);
    if (interpolated) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    return text;
  }

  private stringStart(n: number): string {
    const t = this.t;
    const first = t.firstChild[n]!;
    return first !== NONE && this.code(first) === T.string_start ? t.text(first) : '"';
  }

  private hasInterpolation(n: number): boolean {
    const t = this.t;
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) if (this.code(c) === T.interpolation) return true;
    return false;
  }

  /** End offset of an anonymous child token with this T code, or -1. */
  private tokenEnd(n: number, token: number): number {
    const t = this.t;
    for (let c = t.firstChild[n]!; c !== NONE; c = t.nextSibling[c]!) {
      if (!t.isNamed(c) && this.code(c) === token) return t.end[c]!;
    }
    return -1;
  }

  /** An anonymous child token with this T code (keywords like `async`). */
  private hasToken(n: number, token: number): boolean {
    return this.tokenEnd(n, token) !== -1;
  }

  private number(n: number): Expr {
    const text = this.t.text(n).replace(/_/g, '');
    const last = text.charCodeAt(text.length - 1) | 0x20;
    if (last === 0x6a) return this.other('complex', n, []); // 2j
    const digits = last === 0x6c ? text.slice(0, -1) : text; // Python 2 long: 10L
    let value = Number(digits);
    if (Number.isNaN(value) && /^0[0-7]+$/.test(digits)) value = parseInt(digits, 8); // Python 2 octal
    if (Number.isNaN(value)) return this.other('number', n, []);
    return { kind: 'number', value, span: this.t.span(n) };
  }

  private operator(n: number): string {
    const op = this.t.child(n, this.f.operator);
    return op === NONE ? '?' : this.t.typeName(op);
  }

  /** T code of the expression inside any parentheses (0 when there is none). */
  private unparenthesized(n: number): number {
    const t = this.t;
    let node = n;
    while (node !== NONE && this.code(node) === T.parenthesized_expression) node = t.firstNamedChild(node);
    return node === NONE ? 0 : this.code(node);
  }

  private other(op: string, n: number, children: Expr[]): OtherExpr {
    return { kind: 'other', op, text: this.t.shortText(n), children, span: this.t.span(n) };
  }

  /** Dotted path of a name/attribute chain in the syntax tree (before lowering), else undefined. */
  private nodePath(n: number): string | undefined {
    const t = this.t;
    const segments: string[] = [];
    let node = n;
    while (node !== NONE) {
      const type = this.code(node);
      if (type === T.identifier) {
        segments.push(t.text(node));
        break;
      }
      if (type !== T.attribute) return undefined;
      const attribute = t.child(node, this.f.attribute);
      if (attribute === NONE) return undefined;
      segments.push(t.text(attribute));
      node = t.child(node, this.f.object);
    }
    if (node === NONE) return undefined;
    return segments.reverse().join('.');
  }

  /** Resolves the first segment through the imports: `environ.get` -> `os.environ.get`. */
  private canonical(path: string): string {
    const dot = path.indexOf('.');
    const head = dot === -1 ? path : path.slice(0, dot);
    const target = this.aliases.get(head);
    if (target === undefined) return path;
    return dot === -1 ? target : target + path.slice(dot);
  }
}

function template(form: TemplateExpr['form'], raw: Array<string | Expr>, span: Span): StringExpr | TemplateExpr {
  const parts: Array<string | Expr> = [];
  for (const part of raw) {
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') parts[parts.length - 1] = last + part;
    else parts.push(part);
  }
  // Only literal text: a constant ("a" + "b", f"no fields") is a plain string. format/percent keep their layout.
  if ((form === 'fstring' || form === 'concat') && parts.every((p) => typeof p === 'string')) {
    return { kind: 'string', value: parts.join(''), span };
  }
  return { kind: 'template', form, parts, span };
}

function isStringy(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'template';
}

/** Operands of `+` string building: literals and f-string/concat parts are inlined. */
function concatParts(e: Expr): Array<string | Expr> {
  if (e.kind === 'string') return [e.value];
  if (e.kind === 'template' && (e.form === 'concat' || e.form === 'fstring')) return e.parts;
  return [e];
}

/** `while True`, `while 1`, `while "x"`. */
function alwaysTrue(e: Expr): boolean {
  if (e.kind === 'literal') return e.value === 'true';
  if (e.kind === 'number') return e.value !== 0;
  if (e.kind === 'string') return e.value !== '';
  return false;
}

const SEQUENCE_DONE: IteratorReturnResult<Expr> = Object.freeze({ done: true, value: STATEMENT });

/**
 * Module, block and expression statement: each named child lowered in turn for its side effects, then
 * STATEMENT. A generator would do the same at the cost of a generator object and a resume per child; this
 * hands out one step object, rewritten in place (the driver reads it before stepping again).
 */
class NamedChildSteps implements Iterator<number, Expr, Expr> {
  private readonly step: { done: false; value: number } = { done: false, value: NONE };
  private child: number;

  constructor(
    private readonly t: FlatTree,
    parent: number,
  ) {
    this.child = this.namedFrom(t.firstChild[parent]!);
  }

  next(): IteratorResult<number, Expr> {
    const child = this.child;
    if (child === NONE) return SEQUENCE_DONE;
    this.child = this.namedFrom(this.t.nextSibling[child]!);
    this.step.value = child;
    return this.step;
  }

  /** The first named, non-extra node from `c` on among its siblings, or NONE. */
  private namedFrom(c: number): number {
    const t = this.t;
    const { named, extra } = t.grammar;
    const types = t.type;
    while (c !== NONE && !(named[types[c]!] === 1 && extra[types[c]!] === 0)) c = t.nextSibling[c]!;
    return c;
  }
}

function isCompound(e: Expr): boolean {
  switch (e.kind) {
    case 'member':
    case 'index':
    case 'object':
    case 'array':
    case 'binary':
    case 'template':
      return true;
    case 'other':
      return e.children.length > 0;
    default:
      return false;
  }
}

function firstLine(text: string): string {
  const end = text.search(/[\r\n]/);
  return end === -1 ? text : text.slice(0, end);
}

/** Targets that are not dotted names are kept as written, on one line. */
function targetText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Dotted names as written may contain spaces (`a . b`); the model wants `a.b`. */
function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
