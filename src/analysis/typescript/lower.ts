// Lowers a TypeScript parser tree into the neutral FileModel (src/analysis/model.ts).
//
// Two passes, neither of which recurses over the tree:
// 1. `walk` visits every node with an explicit stack, in source (pre-)order. It numbers calls, functions and
//    loops, tracks the context each node sits in (innermost function, the loop a `break` leaves, labels),
//    collects comments from the trivia between nodes, and queues the nodes that become model records.
// 2. `build` turns the queued nodes into records. Expressions are lowered by `expr`, which recurses only
//    through plain expression syntax (a call or a function becomes a reference by index) and is cut at
//    MAX_EXPR_DEPTH, so every Expr tree it returns is shallow enough for recursive rule code.
//
// Decisions the model leaves open, as made here:
// - Parentheses, `x as T`, `<T>x`, `x!`, `x satisfies T` and `f<T>` are seen through: the inner expression
//   is returned (with its own span).
// - `await x` is OtherExpr op 'await' with children [x]; `-1` is NumberExpr -1; `!0`/`!1` and `void 0` (as
//   minifiers write them) are LiteralExpr true/false/undefined.
// - `'a' + x + 'b'` (a `+` chain with a string or template operand) is one TemplateExpr 'concat' whose parts
//   splice in the parts of template and concat operands; other `+` chains are left-deep BinaryExpr.
// - Assignment expressions used as values (`a = b = c`) are BinaryExpr with op '=' (or '+=', ...).
// - Destructuring defaults `{ model = 'x' } = body` give the value `body.model ?? 'x'` (BinaryExpr '??');
//   rest elements give OtherExpr op 'rest' over the source.
// - `for (const x of xs)` assigns OtherExpr op 'iterate' [xs] to x; `for (const k in o)` assigns op 'keys'.
// - Arrow functions with an expression body get an implicit ReturnStatement of that expression.
// - Tagged templates are calls with one argument: the template (TemplateExpr 'template', or a StringExpr).
// - JSX elements are calls, as the JSX transform compiles them: callee is the tag (`div`, `ReactMarkdown`,
//   `Foo.Bar`), argument 0 is an ObjectExpr of the attributes (a bare attribute is `true`), the children
//   follow (non-blank JSX text as StringExpr). So `dangerouslySetInnerHTML={{ __html: x }}` is visible to
//   rules, and a handler `onClick={() => ...}` has passedTo { position 0, property 'onClick' }.
//   Fragments are OtherExpr op 'jsx-fragment' over their children.
// - passedTo.property is a dotted path for functions nested in object literals:
//   `streamText({ tools: { run: { execute } } })` gives 'tools.run.execute'.
// - `export { a }`, `export default a`, `module.exports = a`, `exports.a = ...` and
//   `module.exports = { a, b }` mark the module-level functions they name as exported.
// - A side-effect import `import 'server-only'` is an Import with imported '*' and local ''.
// - Class fields are assignments to `this.<name>` (static ones to `<Class>.<name>`; `readonly` is constant).
// - Function names follow JS name inference: `const f = () =>`, `{ execute: async () => }`, class fields,
//   `exports.handler = ...`; an anonymous default export is named 'default'. The TS `this` parameter is
//   not a parameter.
// - Condition.consequentExits also counts a branch ending in `process.exit()` or a Next.js `notFound()`,
//   `redirect()`, ... call (see EXITING_CALLS in syntax.ts).
// - Comment text is the raw comment including its delimiters (`// ...`, `/* ... */`); a `#!` line is not
//   a comment. Comments inside JSX (`{/* ... */}`) are found; JSX text that looks like one is not.
// - At most MAX_SYNTAX_ERRORS parse errors are listed.
import ts from 'typescript';
import { emptyFileModel, memberChainPath } from '../model.js';
import type {
  Argument,
  Expr,
  FileModel,
  FunctionInfo,
  Language,
  ObjectEntry,
  OtherExpr,
  Parameter,
  Span,
} from '../model.js';
import {
  alwaysTrue,
  boundNames,
  dottedName,
  envObject,
  exits,
  hasModifier,
  idText,
  isAssignmentOperator,
  isFunctionValue,
  isLoop,
  isStringish,
  jsxChildren,
  mergeStrings,
  numberValue,
  propertyNameText,
  seeThrough,
  splitDefault,
} from './syntax.js';
import { LineIndex } from '../lines.js';
import { rememberLineIndex } from '../values.js';
import { SlashIndex, clip, scanGap, scanLeadingTrivia, type CommentRange } from './util.js';

const K = ts.SyntaxKind;
// Read once: `ts` is a large namespace object, and these run for every node.
const forEachChild = ts.forEachChild;
const tokenToString = ts.tokenToString;

/** Expressions nest at most this deep in the model; deeper parts become OtherExpr op 'truncated'. */
export const MAX_EXPR_DEPTH = 100;
/** Object-literal nesting followed to find callbacks (passedTo.property paths). */
const MAX_PROPERTY_PATH = 4;
/** A file with more parse errors than this is mostly not code; the first ones are what matters. */
const MAX_SYNTAX_ERRORS = 50;

interface Label {
  name: string;
  /** Loop index, or -1 for a labeled block. */
  loop: number;
  next: Label | undefined;
}

/** Where a node sits. Shared by all nodes of one scope, replaced only where it changes. */
interface Ctx {
  fn: number | undefined;
  /** Loop that an unlabeled `break` leaves; -1 inside a switch or outside loops. */
  breakTarget: number;
  labels: Label | undefined;
}

interface Queued {
  node: ts.Node;
  ctx: Ctx;
  /** Loop index for loops and breaks. */
  loop: number;
  /** A variable declaration in a `const` (or `using`) list. */
  constant: boolean;
}

const ROOT: Ctx = { fn: undefined, breakTarget: -1, labels: undefined };

type FunctionNode = ts.FunctionLikeDeclaration;

class Lowerer {
  readonly model: FileModel;
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly callIndex = new Map<ts.Node, number>();
  private readonly functionIndex = new Map<ts.Node, number>();
  private readonly loopIndex = new Map<ts.Node, number>();
  private readonly awaited = new Set<ts.Node>();
  private readonly passedTo = new Map<ts.Node, NonNullable<FunctionInfo['passedTo']>>();
  /** Names inferred for function and class expressions from where they are bound. */
  private readonly nameHint = new Map<ts.Node, string>();
  /** Class members (and class-field function values) -> class name. */
  private readonly memberOf = new Map<ts.Node, string | undefined>();
  private readonly exportedFunctions = new Set<ts.Node>();
  private readonly exportedNames = new Set<string>();
  /** Function values bound to a name by `const f = () => ...`. */
  private readonly boundByDeclaration = new Set<ts.Node>();
  /** Module-level functions bound to a name by a declaration (candidates for `export { name }`). */
  private readonly declaredFunctions = new Set<number>();
  private readonly queue: Queued[] = [];
  private readonly commentRanges: CommentRange[] = [];
  private calls = 0;
  private functions = 0;
  private loops = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    path: string,
    language: Language,
  ) {
    this.text = sf.text;
    this.lines = new LineIndex(this.text);
    this.model = emptyFileModel(path, language, this.text);
    rememberLineIndex(this.model, this.lines);
  }

  run(): FileModel {
    this.walk();
    this.build();
    this.finish();
    return this.model;
  }

  // ---------------------------------------------------------------- pass 1: walk

  private walk(): void {
    const text = this.text;
    const comments = this.commentRanges;
    const slashes = new SlashIndex(text);
    const nodes: ts.Node[] = [this.sf];
    const ctxs: Ctx[] = [ROOT];
    const parents: Array<ts.Node | undefined> = [undefined];
    // The children of the node at hand, kids[0..kidCount); reused (setting an array's length is slow).
    const kids: ts.Node[] = [];
    let kidCount = 0;
    // forEachChild stops at the first truthy return value: these return nothing.
    const collect = (n: ts.Node): undefined => {
      kids[kidCount++] = n;
      return undefined;
    };
    const collectArray = (array: ts.NodeArray<ts.Node>): undefined => {
      for (let i = 0; i < array.length; i++) kids[kidCount++] = array[i]!;
      return undefined;
    };
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const ctx = ctxs.pop()!;
      const parent = parents.pop();
      const kind = node.kind;
      const inner = this.visit(node, kind, ctx, parent);
      if (kind < K.FirstNode) {
        // A token: a comment can only sit in its leading trivia. JSX text is content, never trivia.
        if (kind !== K.JsxText && kind !== K.JsxTextAllWhiteSpaces && slashes.within(node.pos, node.end)) {
          scanLeadingTrivia(text, node.pos, node.end, comments);
        }
        continue;
      }
      kidCount = 0;
      forEachChild(node, collect, collectArray);
      // The text between children holds only this node's own punctuation and keywords, and trivia.
      let cursor = node.pos;
      for (let i = 0; i < kidCount; i++) {
        const kid = kids[i]!;
        const pos = kid.pos;
        if (pos > cursor && slashes.within(cursor, pos)) scanGap(text, cursor, pos, comments);
        const end = kid.end;
        if (end > cursor) cursor = end;
      }
      if (node.end > cursor && slashes.within(cursor, node.end)) scanGap(text, cursor, node.end, comments);
      for (let i = kidCount - 1; i >= 0; i--) {
        const kid = kids[i]!;
        nodes.push(kid);
        // Decorators run where the decorated declaration is, not inside the function they decorate.
        ctxs.push(kid.kind === K.Decorator ? ctx : inner);
        parents.push(node);
      }
    }
  }

  private enqueue(node: ts.Node, ctx: Ctx, loop = -1, constant = false): void {
    this.queue.push({ node, ctx, loop, constant });
  }

  /** Notes what pass 2 needs about a node; returns the context for its children. */
  private visit(node: ts.Node, kind: ts.SyntaxKind, ctx: Ctx, parent: ts.Node | undefined): Ctx {
    switch (kind) {
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ArrowFunction:
      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor: {
        if (!(node as FunctionNode).body) return ctx; // overload signature, abstract or declared
        const index = this.functions++;
        this.functionIndex.set(node, index);
        this.enqueue(node, ctx);
        if (ctx.fn === undefined && (node.kind === K.FunctionDeclaration || this.boundByDeclaration.has(node))) {
          this.declaredFunctions.add(index);
        }
        if (node.kind === K.FunctionDeclaration) {
          if (hasModifier(node, K.ExportKeyword)) this.exportedFunctions.add(node);
        }
        return { fn: index, breakTarget: -1, labels: undefined };
      }
      case K.ClassDeclaration:
      case K.ClassExpression:
        this.noteClass(node as ts.ClassLikeDeclaration);
        return ctx;
      case K.CallExpression:
      case K.NewExpression:
      case K.TaggedTemplateExpression:
      case K.JsxElement:
      case K.JsxSelfClosingElement:
        this.noteCall(node, ctx);
        return ctx;
      case K.AwaitExpression:
        this.awaited.add(seeThrough((node as ts.AwaitExpression).expression));
        return ctx;
      case K.VariableStatement: {
        const statement = node as ts.VariableStatement;
        if (hasModifier(statement, K.ExportKeyword)) {
          for (const d of statement.declarationList.declarations) {
            if (d.initializer) this.noteExported(d.initializer, false);
          }
        }
        return ctx;
      }
      case K.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        if (!decl.initializer) return ctx;
        if (decl.name.kind === K.Identifier) {
          this.hintName(decl.initializer, decl.name.text);
          const value = seeThrough(decl.initializer);
          if (isFunctionValue(value)) this.boundByDeclaration.add(value);
        }
        const constant =
          parent !== undefined &&
          parent.kind === K.VariableDeclarationList &&
          (parent.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;
        this.enqueue(node, ctx, -1, constant);
        return ctx;
      }
      case K.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const op = binary.operatorToken.kind;
        if (!isAssignmentOperator(op)) return ctx;
        this.enqueue(node, ctx);
        if (op === K.EqualsToken) {
          const target = dottedName(binary.left);
          if (target === 'module.exports' || target?.startsWith('module.exports.') || target?.startsWith('exports.')) {
            this.noteExported(binary.right, true);
          }
          if (target !== undefined && target !== 'module.exports') {
            this.hintName(binary.right, target.slice(target.lastIndexOf('.') + 1));
          }
        }
        return ctx;
      }
      case K.PropertyAssignment: {
        const property = node as ts.PropertyAssignment;
        const key = propertyNameText(property.name);
        if (key !== undefined) this.hintName(property.initializer, key);
        return ctx;
      }
      case K.PropertyDeclaration:
        if ((node as ts.PropertyDeclaration).initializer) this.enqueue(node, ctx);
        return ctx;
      case K.ExportAssignment: {
        const assignment = node as ts.ExportAssignment;
        this.hintName(assignment.expression, 'default');
        this.noteExported(assignment.expression, true);
        return ctx;
      }
      case K.ExportDeclaration: {
        const declaration = node as ts.ExportDeclaration;
        const clause = declaration.exportClause;
        if (!declaration.moduleSpecifier && !declaration.isTypeOnly && clause && clause.kind === K.NamedExports) {
          for (const e of clause.elements) this.exportedNames.add((e.propertyName ?? e.name).text);
        }
        return ctx;
      }
      case K.ImportDeclaration:
      case K.ImportEqualsDeclaration:
      case K.ReturnStatement:
      case K.TryStatement:
      case K.IfStatement:
      case K.ConditionalExpression:
        this.enqueue(node, ctx);
        return ctx;
      case K.WhileStatement:
      case K.DoStatement:
      case K.ForStatement:
      case K.ForInStatement:
      case K.ForOfStatement: {
        const index = this.loopIndex.get(node) ?? this.newLoop(node);
        this.enqueue(node, ctx, index);
        return { fn: ctx.fn, breakTarget: index, labels: ctx.labels };
      }
      case K.SwitchStatement:
        return { fn: ctx.fn, breakTarget: -1, labels: ctx.labels };
      case K.LabeledStatement: {
        const labeled = node as ts.LabeledStatement;
        let target: ts.Statement = labeled.statement;
        while (target.kind === K.LabeledStatement) target = (target as ts.LabeledStatement).statement;
        const loop = isLoop(target) ? (this.loopIndex.get(target) ?? this.newLoop(target)) : -1;
        return { ...ctx, labels: { name: labeled.label.text, loop, next: ctx.labels } };
      }
      case K.BreakStatement: {
        const label = (node as ts.BreakStatement).label;
        let loop = ctx.breakTarget;
        if (label) {
          loop = -1;
          for (let l = ctx.labels; l; l = l.next) {
            if (l.name === label.text) {
              loop = l.loop;
              break;
            }
          }
        }
        if (loop >= 0) this.enqueue(node, ctx, loop);
        return ctx;
      }
      case K.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        const via = envObject(access.expression);
        if (via) this.envRead(access.name.text, via, node, ctx);
        return ctx;
      }
      case K.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        const via = envObject(access.expression);
        const key = seeThrough(access.argumentExpression);
        if (via && (key.kind === K.StringLiteral || key.kind === K.NoSubstitutionTemplateLiteral)) {
          this.envRead((key as ts.StringLiteral).text, via, node, ctx);
        }
        return ctx;
      }
      default:
        return ctx;
    }
  }

  private newLoop(node: ts.Node): number {
    const index = this.loops++;
    this.loopIndex.set(node, index);
    return index;
  }

  private hintName(value: ts.Node, name: string): void {
    const v = seeThrough(value);
    if ((isFunctionValue(v) || v.kind === K.ClassExpression) && !this.nameHint.has(v)) this.nameHint.set(v, name);
  }

  private noteClass(node: ts.ClassLikeDeclaration): void {
    const className =
      node.name?.text ?? this.nameHint.get(node) ?? (hasModifier(node, K.DefaultKeyword) ? 'default' : undefined);
    for (const member of node.members) {
      switch (member.kind) {
        case K.MethodDeclaration:
        case K.Constructor:
        case K.GetAccessor:
        case K.SetAccessor:
          this.memberOf.set(member, className);
          break;
        case K.PropertyDeclaration: {
          const property = member as ts.PropertyDeclaration;
          this.memberOf.set(member, className);
          if (property.initializer) {
            const value = seeThrough(property.initializer);
            const key = propertyNameText(property.name);
            if (isFunctionValue(value)) {
              this.memberOf.set(value, className);
              if (key !== undefined) this.nameHint.set(value, key);
            }
          }
          break;
        }
        default:
          break;
      }
    }
  }

  /** `export default x`, `module.exports = x`, `export const x = ...`: marks the functions it names. */
  private noteExported(value: ts.Node, byName: boolean): void {
    const v = seeThrough(value);
    if (isFunctionValue(v)) {
      this.exportedFunctions.add(v);
    } else if (byName && v.kind === K.Identifier) {
      this.exportedNames.add((v as ts.Identifier).text);
    } else if (byName && v.kind === K.ObjectLiteralExpression) {
      for (const p of (v as ts.ObjectLiteralExpression).properties) {
        if (p.kind === K.ShorthandPropertyAssignment) {
          this.exportedNames.add(p.name.text);
        } else if (p.kind === K.MethodDeclaration) {
          this.exportedFunctions.add(p);
        } else if (p.kind === K.PropertyAssignment) {
          const inner = seeThrough(p.initializer);
          if (isFunctionValue(inner)) this.exportedFunctions.add(inner);
          else if (inner.kind === K.Identifier) this.exportedNames.add((inner as ts.Identifier).text);
        }
      }
    }
  }

  private noteCall(node: ts.Node, ctx: Ctx): void {
    const index = this.calls++;
    this.callIndex.set(node, index);
    this.enqueue(node, ctx);
    if (node.kind === K.CallExpression || node.kind === K.NewExpression) {
      const args = (node as ts.CallExpression).arguments;
      if (args) for (let position = 0; position < args.length; position++) this.noteCallback(args[position]!, index, position, undefined, 0);
    } else if (node.kind === K.JsxElement || node.kind === K.JsxSelfClosingElement) {
      const opening = node.kind === K.JsxElement ? (node as ts.JsxElement).openingElement : (node as ts.JsxSelfClosingElement);
      for (const attribute of opening.attributes.properties) {
        if (attribute.kind !== K.JsxAttribute || attribute.initializer?.kind !== K.JsxExpression) continue;
        const value = attribute.initializer.expression;
        const key = propertyNameText(attribute.name);
        if (value && key !== undefined) this.noteCallback(value, index, 0, key, 1);
      }
      jsxChildren(node).forEach((child, i) => {
        if (child.kind === K.JsxExpression && (child as ts.JsxExpression).expression) {
          this.noteCallback((child as ts.JsxExpression).expression!, index, i + 1, undefined, 0);
        }
      });
    }
  }

  /** A function passed directly as an argument, or as a property of an object-literal argument. */
  private noteCallback(arg: ts.Node, callIndex: number, position: number, property: string | undefined, depth: number): void {
    const a = seeThrough(arg);
    if (isFunctionValue(a)) {
      this.passedTo.set(a, { callIndex, position, property });
      return;
    }
    if (a.kind !== K.ObjectLiteralExpression || depth >= MAX_PROPERTY_PATH) return;
    for (const p of (a as ts.ObjectLiteralExpression).properties) {
      const key = propertyNameText(p.name);
      if (key === undefined) continue;
      const path = property === undefined ? key : `${property}.${key}`;
      if (p.kind === K.PropertyAssignment) this.noteCallback(p.initializer, callIndex, position, path, depth + 1);
      else if (p.kind === K.MethodDeclaration || p.kind === K.GetAccessor || p.kind === K.SetAccessor) {
        this.passedTo.set(p, { callIndex, position, property: path });
      }
    }
  }

  private envRead(name: string, via: 'process.env' | 'import.meta.env', node: ts.Node, ctx: Ctx): void {
    this.model.envReads.push({ name, via, span: this.span(node), functionIndex: ctx.fn });
  }

  // ---------------------------------------------------------------- pass 2: build

  private build(): void {
    for (const { node, ctx, loop, constant } of this.queue) {
      switch (node.kind) {
        case K.FunctionDeclaration:
        case K.FunctionExpression:
        case K.ArrowFunction:
        case K.MethodDeclaration:
        case K.Constructor:
        case K.GetAccessor:
        case K.SetAccessor:
          this.buildFunction(node as FunctionNode, ctx);
          break;
        case K.CallExpression:
        case K.NewExpression:
        case K.TaggedTemplateExpression:
        case K.JsxElement:
        case K.JsxSelfClosingElement:
          this.buildCall(node, ctx);
          break;
        case K.VariableDeclaration:
          this.buildVariable(node as ts.VariableDeclaration, ctx, constant);
          break;
        case K.BinaryExpression:
          this.buildAssignmentExpression(node as ts.BinaryExpression, ctx);
          break;
        case K.PropertyDeclaration:
          this.buildClassField(node as ts.PropertyDeclaration, ctx);
          break;
        case K.ImportDeclaration:
          this.buildImport(node as ts.ImportDeclaration);
          break;
        case K.ImportEqualsDeclaration: {
          const declaration = node as ts.ImportEqualsDeclaration;
          const reference = declaration.moduleReference;
          if (reference.kind === K.ExternalModuleReference && reference.expression.kind === K.StringLiteral) {
            this.model.imports.push({
              module: (reference.expression as ts.StringLiteral).text,
              imported: '*',
              local: declaration.name.text,
              typeOnly: declaration.isTypeOnly,
              span: this.span(node),
            });
          }
          break;
        }
        case K.ReturnStatement: {
          const value = (node as ts.ReturnStatement).expression;
          this.model.returns.push({
            value: value ? this.expr(value) : undefined,
            span: this.span(node),
            functionIndex: ctx.fn,
          });
          break;
        }
        case K.TryStatement: {
          const t = node as ts.TryStatement;
          const handler = t.catchClause;
          const param = handler?.variableDeclaration?.name;
          this.model.tries.push({
            span: this.span(node),
            bodySpan: this.span(t.tryBlock),
            handlers: handler
              ? [{ param: param?.kind === K.Identifier ? param.text : undefined, span: this.span(handler) }]
              : [],
            functionIndex: ctx.fn,
          });
          break;
        }
        case K.IfStatement: {
          const s = node as ts.IfStatement;
          this.model.conditions.push({
            test: this.expr(s.expression),
            consequentSpan: this.span(s.thenStatement),
            alternateSpan: s.elseStatement ? this.span(s.elseStatement) : undefined,
            consequentExits: exits(s.thenStatement),
            span: this.span(node),
            functionIndex: ctx.fn,
          });
          break;
        }
        case K.ConditionalExpression: {
          const c = node as ts.ConditionalExpression;
          this.model.conditions.push({
            test: this.expr(c.condition),
            consequentSpan: this.span(c.whenTrue),
            alternateSpan: this.span(c.whenFalse),
            consequentExits: false,
            span: this.span(node),
            functionIndex: ctx.fn,
          });
          break;
        }
        case K.BreakStatement:
          this.model.loops[loop]?.breaks.push(this.span(node));
          break;
        default:
          if (isLoop(node)) this.buildLoop(node, ctx, loop);
          break;
      }
    }
  }

  private finish(): void {
    const model = this.model;
    for (const index of this.declaredFunctions) {
      const fn = model.functions[index];
      if (fn?.name !== undefined && this.exportedNames.has(fn.name)) fn.exported = true;
    }
    // Statements before the first non-string statement form the directive prologue.
    for (const statement of this.sf.statements) {
      if (statement.kind !== K.ExpressionStatement) break;
      const expression = (statement as ts.ExpressionStatement).expression;
      if (expression.kind !== K.StringLiteral) break;
      model.directives.push((expression as ts.StringLiteral).text);
    }
    const ranges = this.commentRanges.sort((a, b) => a.start - b.start);
    let last = -1;
    for (const r of ranges) {
      if (r.start === last) continue; // defensive: a region is never scanned twice
      last = r.start;
      model.comments.push({ text: this.text.slice(r.start, r.end), span: this.lines.span(r.start, r.end) });
    }
    model.envReads.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
    const diagnostics = (this.sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
    for (const d of diagnostics.slice(0, MAX_SYNTAX_ERRORS)) {
      const { line, column } = this.lines.position(d.start ?? 0);
      model.syntaxErrors.push({ message: ts.flattenDiagnosticMessageText(d.messageText, ' '), line, column });
    }
  }

  private buildFunction(node: FunctionNode, ctx: Ctx): void {
    const index = this.functionIndex.get(node)!;
    let name: string | undefined;
    if (node.kind === K.Constructor) name = 'constructor';
    else if (node.name) name = propertyNameText(node.name);
    else name = this.nameHint.get(node) ?? (hasModifier(node, K.DefaultKeyword) ? 'default' : undefined);
    const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
    const body = node.body!;
    this.model.functions[index] = {
      index,
      name,
      className: this.memberOf.get(node),
      params: this.params(node),
      decorators: decorators.map((d) => this.expr(d.expression)),
      passedTo: this.passedTo.get(node),
      exported: this.exportedFunctions.has(node),
      isAsync: hasModifier(node, K.AsyncKeyword),
      isGenerator: node.asteriskToken !== undefined,
      span: this.span(node),
      bodySpan: this.span(body),
      parentIndex: ctx.fn,
    };
    if (body.kind !== K.Block) {
      this.model.returns.push({ value: this.expr(body), span: this.span(body), functionIndex: index });
    }
  }

  private params(fn: FunctionNode): Parameter[] {
    const out: Parameter[] = [];
    let position = 0;
    for (const p of fn.parameters) {
      if (p.name.kind === K.Identifier && p.name.text === 'this') continue; // TS `this` type, not a parameter
      const annotation = p.type ? this.source(p.type) : undefined;
      if (p.name.kind === K.Identifier) {
        out.push({
          name: p.name.text,
          annotation,
          defaultValue: p.initializer ? this.expr(p.initializer) : undefined,
          destructuredFrom: undefined,
          position,
          rest: p.dotDotDotToken !== undefined,
          span: this.span(p),
        });
      } else {
        for (const b of boundNames(p.name)) {
          out.push({
            name: b.name,
            annotation: this.memberAnnotation(p.type, b.topKey),
            defaultValue: b.init ? this.expr(b.init) : undefined,
            destructuredFrom: position,
            position,
            rest: b.rest,
            span: this.span(b.node),
          });
        }
      }
      position++;
    }
    return out;
  }

  /** `({ messages }: { messages: Message[] })`: the annotation of `messages` is `Message[]`. */
  private memberAnnotation(type: ts.TypeNode | undefined, key: string | undefined): string | undefined {
    if (!type || key === undefined || type.kind !== K.TypeLiteral) return undefined;
    for (const member of (type as ts.TypeLiteralNode).members) {
      if (member.kind === K.PropertySignature && propertyNameText(member.name) === key) {
        const t = (member as ts.PropertySignature).type;
        return t ? this.source(t) : undefined;
      }
    }
    return undefined;
  }

  private buildCall(node: ts.Node, ctx: Ctx): void {
    const index = this.callIndex.get(node)!;
    let callee: Expr;
    let args: Argument[];
    let isNew = false;
    switch (node.kind) {
      case K.CallExpression:
      case K.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        isNew = node.kind === K.NewExpression;
        callee = this.expr(call.expression);
        args = (call.arguments ?? []).map((a) => this.argument(a));
        break;
      }
      case K.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        callee = this.expr(tagged.tag);
        args = [{ name: undefined, value: this.expr(tagged.template), spread: false, span: this.span(tagged.template) }];
        break;
      }
      default: {
        const opening = node.kind === K.JsxElement ? (node as ts.JsxElement).openingElement : (node as ts.JsxSelfClosingElement);
        callee = this.expr(opening.tagName);
        args = [this.jsxAttributes(opening.attributes)];
        for (const child of jsxChildren(node)) {
          const spread = child.kind === K.JsxExpression && (child as ts.JsxExpression).dotDotDotToken !== undefined;
          args.push({ name: spread ? '...' : undefined, value: this.expr(child), spread, span: this.span(child) });
        }
        break;
      }
    }
    this.model.calls[index] = {
      index,
      callee,
      calleePath: memberChainPath(callee),
      args,
      isNew,
      span: this.span(node),
      functionIndex: ctx.fn,
      awaited: this.awaited.has(node),
    };
  }

  private argument(a: ts.Expression): Argument {
    if (a.kind === K.SpreadElement) {
      return { name: '...', value: this.expr((a as ts.SpreadElement).expression), spread: true, span: this.span(a) };
    }
    return { name: undefined, value: this.expr(a), spread: false, span: this.span(a) };
  }

  private jsxAttributes(attributes: ts.JsxAttributes): Argument {
    const entries: ObjectEntry[] = [];
    for (const p of attributes.properties) {
      if (p.kind === K.JsxSpreadAttribute) {
        entries.push({ key: undefined, value: this.expr(p.expression), spread: true, span: this.span(p) });
        continue;
      }
      const span = this.span(p);
      const init = p.initializer;
      let value: Expr;
      if (!init) value = { kind: 'literal', value: 'true', span };
      else if (init.kind === K.JsxExpression && !init.expression) value = { kind: 'literal', value: 'undefined', span };
      else value = this.expr(init);
      entries.push({ key: propertyNameText(p.name), value, spread: false, span });
    }
    const span = this.span(attributes);
    return { name: undefined, value: { kind: 'object', entries, span }, spread: false, span };
  }

  private buildVariable(decl: ts.VariableDeclaration, ctx: Ctx, constant: boolean): void {
    const init = decl.initializer!;
    if (decl.name.kind === K.Identifier) {
      this.model.assignments.push({
        target: decl.name.text,
        value: this.expr(init),
        augmented: false,
        span: this.span(decl),
        functionIndex: ctx.fn,
        constant,
      });
    } else {
      this.destructure(decl.name, this.expr(init), ctx, constant);
      this.destructuredEnvReads(decl.name, init, ctx);
    }
    this.requireImports(decl, init);
  }

  private buildAssignmentExpression(node: ts.BinaryExpression, ctx: Ctx): void {
    const op = node.operatorToken.kind;
    const left = seeThrough(node.left);
    if (op === K.EqualsToken && (left.kind === K.ObjectLiteralExpression || left.kind === K.ArrayLiteralExpression)) {
      this.destructure(left, this.expr(node.right), ctx, false);
      this.destructuredEnvReads(left, node.right, ctx);
      return;
    }
    this.model.assignments.push({
      target: this.targetText(left),
      value: this.expr(node.right),
      augmented: op !== K.EqualsToken,
      span: this.span(node),
      functionIndex: ctx.fn,
      constant: false,
    });
  }

  private buildClassField(node: ts.PropertyDeclaration, ctx: Ctx): void {
    const name = propertyNameText(node.name) ?? this.source(node.name);
    const className = this.memberOf.get(node);
    const owner = hasModifier(node, K.StaticKeyword) && className !== undefined ? className : 'this';
    this.model.assignments.push({
      target: `${owner}.${name}`,
      value: this.expr(node.initializer!),
      augmented: false,
      span: this.span(node),
      functionIndex: ctx.fn,
      constant: hasModifier(node, K.ReadonlyKeyword),
    });
  }

  private buildLoop(node: ts.Node, ctx: Ctx, index: number): void {
    let kind: 'while' | 'for' | 'for-in' | 'do-while';
    let condition: Expr | undefined;
    let iterable: Expr | undefined;
    let infinite = false;
    switch (node.kind) {
      case K.WhileStatement:
      case K.DoStatement: {
        const loop = node as ts.WhileStatement | ts.DoStatement;
        kind = node.kind === K.WhileStatement ? 'while' : 'do-while';
        condition = this.expr(loop.expression);
        infinite = alwaysTrue(loop.expression);
        break;
      }
      case K.ForStatement: {
        const loop = node as ts.ForStatement;
        kind = 'for';
        condition = loop.condition ? this.expr(loop.condition) : undefined;
        infinite = !loop.condition || alwaysTrue(loop.condition);
        break;
      }
      default: {
        const loop = node as ts.ForInStatement | ts.ForOfStatement;
        kind = 'for-in';
        iterable = this.expr(loop.expression);
        this.iterationAssignments(loop, iterable, ctx);
        break;
      }
    }
    this.model.loops[index] = {
      kind,
      condition,
      iterable,
      infinite,
      breaks: [],
      span: this.span(node),
      bodySpan: this.span((node as ts.IterationStatement).statement),
      functionIndex: ctx.fn,
    };
  }

  /** `for (const x of xs)` binds x to each element: value OtherExpr 'iterate' (or 'keys' for for-in). */
  private iterationAssignments(loop: ts.ForInStatement | ts.ForOfStatement, iterable: Expr, ctx: Ctx): void {
    const each: Expr = {
      kind: 'other',
      op: loop.kind === K.ForOfStatement ? 'iterate' : 'keys',
      text: this.source(loop.expression),
      children: [iterable],
      span: iterable.span,
    };
    const init = loop.initializer;
    if (init.kind === K.VariableDeclarationList) {
      const list = init as ts.VariableDeclarationList;
      const constant = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0;
      for (const d of list.declarations) {
        if (d.name.kind === K.Identifier) {
          this.model.assignments.push({
            target: d.name.text,
            value: each,
            augmented: false,
            span: this.span(d),
            functionIndex: ctx.fn,
            constant,
          });
        } else {
          this.destructure(d.name, each, ctx, constant);
        }
      }
      return;
    }
    const target = seeThrough(init);
    if (target.kind === K.ObjectLiteralExpression || target.kind === K.ArrayLiteralExpression) {
      this.destructure(target, each, ctx, false);
    } else {
      this.model.assignments.push({
        target: this.targetText(target),
        value: each,
        augmented: false,
        span: this.span(target),
        functionIndex: ctx.fn,
        constant: false,
      });
    }
  }

  private buildImport(node: ts.ImportDeclaration): void {
    if (node.moduleSpecifier.kind !== K.StringLiteral) return;
    const module = (node.moduleSpecifier as ts.StringLiteral).text;
    const span = this.span(node);
    const imports = this.model.imports;
    const clause = node.importClause;
    if (!clause) {
      imports.push({ module, imported: '*', local: '', typeOnly: false, span });
      return;
    }
    const typeOnly = clause.phaseModifier === K.TypeKeyword;
    if (clause.name) imports.push({ module, imported: 'default', local: clause.name.text, typeOnly, span });
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (bindings.kind === K.NamespaceImport) {
      imports.push({ module, imported: '*', local: bindings.name.text, typeOnly, span });
      return;
    }
    for (const element of bindings.elements) {
      imports.push({
        module,
        imported: (element.propertyName ?? element.name).text,
        local: element.name.text,
        typeOnly: typeOnly || element.isTypeOnly,
        span,
      });
    }
  }

  /** `const X = require('m')`, `const { A } = require('m')`, `const A = require('m').default`,
   * `const X = await import('m')`, `const { A } = await import('m')`, `(await import('m')).default`. */
  private requireImports(decl: ts.VariableDeclaration, init: ts.Expression): void {
    let n = seeThrough(init);
    let member: string | undefined;
    if (n.kind === K.PropertyAccessExpression) {
      member = (n as ts.PropertyAccessExpression).name.text;
      n = seeThrough((n as ts.PropertyAccessExpression).expression);
    }
    let awaited = false;
    if (n.kind === K.AwaitExpression) {
      awaited = true;
      n = seeThrough((n as ts.AwaitExpression).expression);
    }
    if (n.kind !== K.CallExpression) return;
    const call = n as ts.CallExpression;
    const callee = call.expression;
    const isRequire = callee.kind === K.Identifier && (callee as ts.Identifier).text === 'require';
    const isImport = callee.kind === K.ImportKeyword && awaited;
    const first = call.arguments[0];
    if ((!isRequire && !isImport) || !first || (first.kind !== K.StringLiteral && first.kind !== K.NoSubstitutionTemplateLiteral)) {
      return;
    }
    const module = (first as ts.StringLiteral).text;
    const span = this.span(decl);
    if (decl.name.kind === K.Identifier) {
      this.model.imports.push({ module, imported: member ?? '*', local: decl.name.text, typeOnly: false, span });
      return;
    }
    if (decl.name.kind !== K.ObjectBindingPattern || member !== undefined) return;
    for (const element of decl.name.elements) {
      if (element.dotDotDotToken || element.name.kind !== K.Identifier) continue;
      const imported = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
      if (imported !== undefined) {
        this.model.imports.push({ module, imported, local: element.name.text, typeOnly: false, span });
      }
    }
  }

  /** `const { OPENAI_API_KEY } = process.env` reads OPENAI_API_KEY. */
  private destructuredEnvReads(pattern: ts.Node, source: ts.Node, ctx: Ctx): void {
    const via = envObject(source);
    if (!via) return;
    if (pattern.kind === K.ObjectBindingPattern) {
      for (const element of (pattern as ts.ObjectBindingPattern).elements) {
        if (element.dotDotDotToken) continue;
        const key = element.propertyName ? propertyNameText(element.propertyName) : propertyNameText(element.name);
        if (key !== undefined) this.envRead(key, via, element, ctx);
      }
    } else if (pattern.kind === K.ObjectLiteralExpression) {
      for (const p of (pattern as ts.ObjectLiteralExpression).properties) {
        if (p.kind === K.ShorthandPropertyAssignment || p.kind === K.PropertyAssignment) {
          const key = propertyNameText(p.name);
          if (key !== undefined) this.envRead(key, via, p, ctx);
        }
      }
    }
  }

  /**
   * Lowers a destructuring target into one Assignment per bound name (see the Assignment doc in the
   * model): `{ a: { b } } = src` binds b to member(member(src, 'a'), 'b'). Uses a work list, not recursion.
   */
  private destructure(pattern: ts.Node, source: Expr, ctx: Ctx, constant: boolean): void {
    const work: Array<{ pattern: ts.Node; source: Expr; depth: number }> = [{ pattern, source, depth: 0 }];
    const emit = (targetNode: ts.Node, value: Expr, spanNode: ts.Node, depth: number): void => {
      const t = seeThrough(targetNode);
      if (t.kind === K.ObjectBindingPattern || t.kind === K.ArrayBindingPattern || t.kind === K.ObjectLiteralExpression || t.kind === K.ArrayLiteralExpression) {
        if (depth < MAX_EXPR_DEPTH) work.push({ pattern: t, source: value, depth: depth + 1 });
        return;
      }
      this.model.assignments.push({
        target: this.targetText(t),
        value,
        augmented: false,
        span: this.span(spanNode),
        functionIndex: ctx.fn,
        constant,
      });
    };
    const withDefault = (value: Expr, init: ts.Expression | undefined, spanNode: ts.Node): Expr =>
      init ? { kind: 'binary', op: '??', left: value, right: this.expr(init), span: this.span(spanNode) } : value;
    while (work.length > 0) {
      const { pattern: p, source: src, depth } = work.pop()!;
      switch (p.kind) {
        case K.ObjectBindingPattern:
          for (const e of (p as ts.ObjectBindingPattern).elements) {
            let value: Expr;
            if (e.dotDotDotToken) value = this.other('rest', e, [src]);
            else value = withDefault(this.synthMember(src, e.propertyName ?? e.name, e), e.initializer, e);
            emit(e.name, value, e, depth);
          }
          break;
        case K.ArrayBindingPattern:
          (p as ts.ArrayBindingPattern).elements.forEach((e, i) => {
            if (e.kind === K.OmittedExpression) return;
            const value = e.dotDotDotToken
              ? this.other('rest', e, [src])
              : withDefault(this.synthIndex(src, i, e), e.initializer, e);
            emit(e.name, value, e, depth);
          });
          break;
        case K.ObjectLiteralExpression:
          for (const prop of (p as ts.ObjectLiteralExpression).properties) {
            if (prop.kind === K.ShorthandPropertyAssignment) {
              emit(prop.name, withDefault(this.synthMember(src, prop.name, prop), prop.objectAssignmentInitializer, prop), prop, depth);
            } else if (prop.kind === K.PropertyAssignment) {
              const [target, init] = splitDefault(prop.initializer);
              emit(target, withDefault(this.synthMember(src, prop.name, prop), init, prop), prop, depth);
            } else if (prop.kind === K.SpreadAssignment) {
              emit(prop.expression, this.other('rest', prop, [src]), prop, depth);
            }
          }
          break;
        case K.ArrayLiteralExpression:
          (p as ts.ArrayLiteralExpression).elements.forEach((element, i) => {
            if (element.kind === K.OmittedExpression) return;
            if (element.kind === K.SpreadElement) {
              emit((element as ts.SpreadElement).expression, this.other('rest', element, [src]), element, depth);
              return;
            }
            const [target, init] = splitDefault(element);
            emit(target, withDefault(this.synthIndex(src, i, element), init, element), element, depth);
          });
          break;
        default:
          break;
      }
    }
  }

  /** Synthesized `src.key` (or `src[computed]`) for a destructured property. */
  private synthMember(src: Expr, key: ts.Node, spanNode: ts.Node): Expr {
    const span = this.span(spanNode);
    const text = propertyNameText(key);
    if (text !== undefined) return { kind: 'member', object: src, property: text, span };
    const computed = key.kind === K.ComputedPropertyName ? (key as ts.ComputedPropertyName).expression : key;
    return { kind: 'index', object: src, index: this.expr(computed), span };
  }

  private synthIndex(src: Expr, i: number, spanNode: ts.Node): Expr {
    const span = this.span(spanNode);
    return { kind: 'index', object: src, index: { kind: 'number', value: i, span }, span };
  }

  private targetText(node: ts.Node): string {
    return dottedName(node) ?? this.source(node).replace(/\s+/g, ' ');
  }

  // ---------------------------------------------------------------- expressions

  /** Lowers an expression. Recurses only through plain expression syntax, at most MAX_EXPR_DEPTH deep. */
  expr(node: ts.Node, depth = 0): Expr {
    const n = seeThrough(node);
    if (depth >= MAX_EXPR_DEPTH) return this.other('truncated', n, []);
    const d = depth + 1;
    switch (n.kind) {
      // The most frequent kinds first: the cases are compared in order.
      case K.Identifier: {
        const name = idText(n as ts.Identifier);
        if (name === 'undefined' || name === 'Infinity') return { kind: 'literal', value: name, span: this.span(n) };
        return { kind: 'name', name, span: this.span(n) };
      }
      case K.PropertyAccessExpression: {
        const access = n as ts.PropertyAccessExpression;
        return { kind: 'member', object: this.expr(access.expression, d), property: idText(access.name), span: this.span(n) };
      }
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
      case K.JsxText:
        return { kind: 'string', value: n.kind === K.JsxText ? (n as ts.JsxText).text.trim() : (n as ts.StringLiteral).text, span: this.span(n) };
      case K.NumericLiteral:
      case K.BigIntLiteral:
        return { kind: 'number', value: numberValue((n as ts.NumericLiteral).text), span: this.span(n) };
      case K.TrueKeyword:
        return { kind: 'literal', value: 'true', span: this.span(n) };
      case K.FalseKeyword:
        return { kind: 'literal', value: 'false', span: this.span(n) };
      case K.NullKeyword:
        return { kind: 'literal', value: 'null', span: this.span(n) };
      case K.ThisKeyword:
        return { kind: 'name', name: 'this', span: this.span(n) };
      case K.SuperKeyword:
        return { kind: 'name', name: 'super', span: this.span(n) };
      case K.ImportKeyword:
        return { kind: 'name', name: 'import', span: this.span(n) };
      case K.MetaProperty: {
        const meta = n as ts.MetaProperty;
        return { kind: 'name', name: `${tokenToString(meta.keywordToken)}.${meta.name.text}`, span: this.span(n) };
      }
      case K.JsxNamespacedName:
        return { kind: 'name', name: propertyNameText(n)!, span: this.span(n) };
      case K.TemplateExpression: {
        const t = n as ts.TemplateExpression;
        const parts: Array<string | Expr> = [];
        if (t.head.text) parts.push(t.head.text);
        for (const s of t.templateSpans) {
          parts.push(this.expr(s.expression, d));
          if (s.literal.text) parts.push(s.literal.text);
        }
        return { kind: 'template', form: 'template', parts, span: this.span(n) };
      }
      case K.ElementAccessExpression: {
        const access = n as ts.ElementAccessExpression;
        return {
          kind: 'index',
          object: this.expr(access.expression, d),
          index: this.expr(access.argumentExpression, d),
          span: this.span(n),
        };
      }
      case K.CallExpression:
      case K.NewExpression:
      case K.TaggedTemplateExpression:
      case K.JsxElement:
      case K.JsxSelfClosingElement: {
        const callIndex = this.callIndex.get(n);
        return callIndex === undefined ? this.other('call', n, []) : { kind: 'call', callIndex, span: this.span(n) };
      }
      case K.ArrowFunction:
      case K.FunctionExpression:
      case K.MethodDeclaration:
      case K.GetAccessor:
      case K.SetAccessor: {
        const functionIndex = this.functionIndex.get(n);
        return functionIndex === undefined
          ? this.other('function', n, [])
          : { kind: 'function', functionIndex, span: this.span(n) };
      }
      case K.ObjectLiteralExpression:
        return this.objectLiteral(n as ts.ObjectLiteralExpression, d);
      case K.ArrayLiteralExpression:
        return {
          kind: 'array',
          elements: (n as ts.ArrayLiteralExpression).elements.map((e) => this.expr(e, d)),
          span: this.span(n),
        };
      case K.BinaryExpression:
        return this.binary(n as ts.BinaryExpression, depth);
      case K.PrefixUnaryExpression: {
        const unary = n as ts.PrefixUnaryExpression;
        const operand = seeThrough(unary.operand);
        if (unary.operator === K.MinusToken && operand.kind === K.NumericLiteral) {
          return { kind: 'number', value: -numberValue((operand as ts.NumericLiteral).text), span: this.span(n) };
        }
        if (unary.operator === K.ExclamationToken && operand.kind === K.NumericLiteral) {
          const zero = numberValue((operand as ts.NumericLiteral).text) === 0;
          return { kind: 'literal', value: zero ? 'true' : 'false', span: this.span(n) };
        }
        return this.other(`unary:${tokenToString(unary.operator)}`, n, [this.expr(operand, d)]);
      }
      case K.PostfixUnaryExpression: {
        const unary = n as ts.PostfixUnaryExpression;
        return this.other(`postfix:${tokenToString(unary.operator)}`, n, [this.expr(unary.operand, d)]);
      }
      case K.AwaitExpression:
        return this.other('await', n, [this.expr((n as ts.AwaitExpression).expression, d)]);
      case K.VoidExpression: {
        const operand = seeThrough((n as ts.VoidExpression).expression);
        if (operand.kind === K.NumericLiteral) return { kind: 'literal', value: 'undefined', span: this.span(n) };
        return this.other('void', n, [this.expr(operand, d)]);
      }
      case K.TypeOfExpression:
        return this.other('typeof', n, [this.expr((n as ts.TypeOfExpression).expression, d)]);
      case K.DeleteExpression:
        return this.other('delete', n, [this.expr((n as ts.DeleteExpression).expression, d)]);
      case K.ConditionalExpression: {
        const c = n as ts.ConditionalExpression;
        return this.other('conditional', n, [this.expr(c.condition, d), this.expr(c.whenTrue, d), this.expr(c.whenFalse, d)]);
      }
      case K.YieldExpression: {
        const y = n as ts.YieldExpression;
        return this.other(y.asteriskToken ? 'yield*' : 'yield', n, y.expression ? [this.expr(y.expression, d)] : []);
      }
      case K.SpreadElement:
        return this.other('spread', n, [this.expr((n as ts.SpreadElement).expression, d)]);
      case K.JsxExpression: {
        const inner = (n as ts.JsxExpression).expression;
        return inner ? this.expr(inner, depth) : { kind: 'literal', value: 'undefined', span: this.span(n) };
      }
      case K.JsxFragment:
        return this.other('jsx-fragment', n, jsxChildren(n).map((c) => this.expr(c, d)));
      case K.ClassExpression:
        return this.other('class', n, []);
      case K.RegularExpressionLiteral:
        return this.other('regex', n, []);
      case K.OmittedExpression:
        return this.other('omitted', n, []);
      default: {
        const name = ts.SyntaxKind[n.kind] ?? 'unknown';
        return this.other(name.charAt(0).toLowerCase() + name.slice(1), n, []);
      }
    }
  }

  private objectLiteral(n: ts.ObjectLiteralExpression, d: number): Expr {
    const entries: ObjectEntry[] = [];
    for (const p of n.properties) {
      const span = this.span(p);
      switch (p.kind) {
        case K.PropertyAssignment:
          entries.push({ key: propertyNameText(p.name), value: this.expr(p.initializer, d), spread: false, span });
          break;
        case K.ShorthandPropertyAssignment:
          entries.push({
            key: p.name.text,
            value: { kind: 'name', name: p.name.text, span: this.span(p.name) },
            spread: false,
            span,
          });
          break;
        case K.SpreadAssignment:
          entries.push({ key: undefined, value: this.expr(p.expression, d), spread: true, span });
          break;
        default:
          // methods and accessors
          entries.push({ key: propertyNameText(p.name), value: this.expr(p, d), spread: false, span });
          break;
      }
    }
    return { kind: 'object', entries, span: this.span(n) };
  }

  /** Binary operations. Chains of one left-associative operator (`a + b + c`, `a || b || c`) are read
   * along their left spine without recursion; `+` chains with a string operand become one concat. */
  private binary(n: ts.BinaryExpression, depth: number): Expr {
    const op = n.operatorToken.kind;
    const opText = tokenToString(op) ?? '?';
    if (isAssignmentOperator(op) || op === K.AsteriskAsteriskToken) {
      // right-associative: ordinary bounded recursion
      return { kind: 'binary', op: opText, left: this.expr(n.left, depth + 1), right: this.expr(n.right, depth + 1), span: this.span(n) };
    }
    const spine: ts.BinaryExpression[] = [n];
    let left = seeThrough(n.left);
    while (left.kind === K.BinaryExpression && (left as ts.BinaryExpression).operatorToken.kind === op) {
      spine.push(left as ts.BinaryExpression);
      left = seeThrough((left as ts.BinaryExpression).left);
    }
    // operands in source order; spine[i] joins operands[0..m-1-i] with operands[m-1-i]
    const operands: ts.Node[] = [left];
    for (let i = spine.length - 1; i >= 0; i--) operands.push(spine[i]!.right);
    const m = operands.length;

    if (op === K.PlusToken && operands.some((o) => isStringish(seeThrough(o)))) {
      const parts: Array<string | Expr> = [];
      for (const o of operands) {
        const e = this.expr(o, depth + 1);
        if (e.kind === 'string') parts.push(e.value);
        else if (e.kind === 'template' && (e.form === 'template' || e.form === 'concat')) parts.push(...e.parts);
        else parts.push(e);
      }
      return { kind: 'template', form: 'concat', parts: mergeStrings(parts), span: this.span(n) };
    }

    // Left-deep BinaryExpr; if the chain is longer than the depth left, its head is cut.
    const room = Math.max(1, MAX_EXPR_DEPTH - depth - 1);
    const cut = m > room ? m - room : 0;
    let acc: Expr = cut > 0 ? this.otherRange('truncated', operands[0]!, operands[cut]!, []) : this.expr(operands[0]!, depth + m);
    for (let i = cut + 1; i < m; i++) {
      acc = {
        kind: 'binary',
        op: opText,
        left: acc,
        right: this.expr(operands[i]!, depth + (m - i)),
        span: this.span(spine[m - 1 - i]!),
      };
    }
    return acc;
  }

  private other(op: string, n: ts.Node, children: Expr[]): OtherExpr {
    const start = this.start(n);
    return { kind: 'other', op, text: clip(this.text, start, n.end), children, span: this.lines.span(start, n.end) };
  }

  private otherRange(op: string, first: ts.Node, last: ts.Node, children: Expr[]): OtherExpr {
    const start = this.start(first);
    return { kind: 'other', op, text: clip(this.text, start, last.end), children, span: this.lines.span(start, last.end) };
  }

  private span(n: ts.Node): Span {
    return this.lines.span(this.start(n), n.end);
  }

  private source(n: ts.Node): string {
    return clip(this.text, this.start(n), n.end);
  }

  /**
   * Offset of a node's first token, as `n.getStart(sf)` gives it. When only spaces, tabs and line breaks
   * precede the token (nearly always), they are skipped here; anything TypeScript's trivia scan treats
   * specially (comments, conflict markers, a shebang, JSDoc, non-ASCII whitespace, missing nodes) is
   * left to getStart.
   */
  private start(n: ts.Node): number {
    const pos = n.pos;
    const kind = n.kind;
    if (pos < 0 || pos === n.end || kind === K.JsxText || kind === K.SyntaxList || (kind >= K.FirstJSDocNode && kind <= K.LastJSDocNode)) {
      return n.getStart(this.sf);
    }
    const text = this.text;
    let at = pos;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0b || code === 0x0c) {
        at++;
        continue;
      }
      // '/' (comment), '<' '|' '=' '>' (conflict marker), '#' (shebang), '*' (JSDoc), non-ASCII, end of text
      if (code === 0x2f || code === 0x3c || code === 0x7c || code === 0x3d || code === 0x3e || code === 0x23 || code === 0x2a || !(code < 0x80)) {
        return n.getStart(this.sf);
      }
      return at;
    }
  }
}

/** Lowers a parsed source file. The tree must come from ts.createSourceFile over `sf.text`. */
export function lowerSourceFile(sf: ts.SourceFile, path: string, language: Language): FileModel {
  return new Lowerer(sf, path, language).run();
}
