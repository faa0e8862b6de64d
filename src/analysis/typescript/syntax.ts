// Helpers over TypeScript parser nodes for the lowering (lower.ts): names, see-through wrappers, patterns,
// and statement shapes. None of them recurse over the tree: chains are followed with loops, and patterns
// with work lists.
import ts from 'typescript';
import type { Expr } from '../model.js';

const K = ts.SyntaxKind;

/** Calls after which the rest of the branch does not run (Condition.consequentExits). */
const EXITING_CALLS: ReadonlySet<string> = new Set([
  'process.exit',
  // next/navigation: these throw to end rendering
  'notFound',
  'redirect',
  'permanentRedirect',
  'unauthorized',
  'forbidden',
]);

/** `id.text`, read without the getter (which TypeScript runs on every read): the escaped name with the
 * extra leading underscore of `___x` removed, as TypeScript's idText does. */
export function idText(id: ts.Identifier | ts.PrivateIdentifier): string {
  const escaped = id.escapedText as string;
  return escaped.length >= 3 && escaped.charCodeAt(0) === 95 && escaped.charCodeAt(1) === 95 && escaped.charCodeAt(2) === 95
    ? escaped.slice(1)
    : escaped;
}

/** Sees through syntax that does not change the value: parentheses and TS type-only wrappers. */
export function seeThrough(node: ts.Node): ts.Node {
  let n = node;
  for (;;) {
    switch (n.kind) {
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.NonNullExpression:
      case K.SatisfiesExpression:
      case K.TypeAssertionExpression:
      case K.PartiallyEmittedExpression:
        n = (n as ts.ParenthesizedExpression).expression;
        break;
      case K.ExpressionWithTypeArguments:
        n = (n as ts.ExpressionWithTypeArguments).expression;
        break;
      default:
        return n;
    }
  }
}

export function isFunctionValue(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return node.kind === K.ArrowFunction || node.kind === K.FunctionExpression;
}

export function isLoop(node: ts.Node): boolean {
  switch (node.kind) {
    case K.WhileStatement:
    case K.DoStatement:
    case K.ForStatement:
    case K.ForInStatement:
    case K.ForOfStatement:
      return true;
    default:
      return false;
  }
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (!modifiers) return false;
  for (const m of modifiers) if (m.kind === kind) return true;
  return false;
}

export function isStringish(node: ts.Node): boolean {
  return node.kind === K.StringLiteral || node.kind === K.NoSubstitutionTemplateLiteral || node.kind === K.TemplateExpression;
}

/** Literal text of a property name; undefined for computed names that are not string literals. */
export function propertyNameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  switch (name.kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
      return idText(name as ts.Identifier);
    case K.StringLiteral:
    case K.NumericLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return (name as ts.StringLiteral).text;
    case K.ComputedPropertyName: {
      const inner = seeThrough((name as ts.ComputedPropertyName).expression);
      return inner.kind === K.StringLiteral || inner.kind === K.NoSubstitutionTemplateLiteral
        ? (inner as ts.StringLiteral).text
        : undefined;
    }
    case K.JsxNamespacedName: {
      const n = name as ts.JsxNamespacedName;
      return `${n.namespace.text}:${n.name.text}`;
    }
    default:
      return undefined;
  }
}

/** Dotted name of a chain of identifiers, `this` and property accesses, from the parser tree. */
export function dottedName(node: ts.Node): string | undefined {
  const names: string[] = [];
  let n = seeThrough(node);
  for (;;) {
    if (n.kind === K.PropertyAccessExpression) {
      const access = n as ts.PropertyAccessExpression;
      names.push(idText(access.name));
      n = seeThrough(access.expression);
    } else if (n.kind === K.Identifier) {
      names.push(idText(n as ts.Identifier));
      break;
    } else if (n.kind === K.ThisKeyword) {
      names.push('this');
      break;
    } else {
      return undefined;
    }
  }
  return names.reverse().join('.');
}

/** `process.env` / `import.meta.env` as the object of a member access. */
export function envObject(node: ts.Node): 'process.env' | 'import.meta.env' | undefined {
  const n = seeThrough(node);
  if (n.kind !== K.PropertyAccessExpression) return undefined;
  const access = n as ts.PropertyAccessExpression;
  if (idText(access.name) !== 'env') return undefined;
  const object = seeThrough(access.expression);
  if (object.kind === K.Identifier && idText(object as ts.Identifier) === 'process') return 'process.env';
  if (object.kind === K.MetaProperty) {
    const meta = object as ts.MetaProperty;
    if (meta.keywordToken === K.ImportKeyword && meta.name.text === 'meta') return 'import.meta.env';
  }
  return undefined;
}

export function numberValue(text: string): number {
  const clean = text.replace(/_/g, '').replace(/n$/, '');
  const value = Number(clean);
  if (!Number.isNaN(value)) return value;
  // legacy octal `017`
  return /^0[0-7]+$/.test(clean) ? parseInt(clean, 8) : NaN;
}

/** A condition that is always true: `true`, a non-zero number, `!0`, `!false`. */
export function alwaysTrue(node: ts.Node): boolean {
  const n = seeThrough(node);
  if (n.kind === K.TrueKeyword) return true;
  if (n.kind === K.NumericLiteral) return numberValue((n as ts.NumericLiteral).text) !== 0;
  if (n.kind === K.PrefixUnaryExpression) {
    const unary = n as ts.PrefixUnaryExpression;
    if (unary.operator !== K.ExclamationToken) return false;
    const operand = seeThrough(unary.operand);
    return (
      operand.kind === K.FalseKeyword ||
      operand.kind === K.NullKeyword ||
      (operand.kind === K.NumericLiteral && numberValue((operand as ts.NumericLiteral).text) === 0)
    );
  }
  return false;
}

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= K.FirstAssignment && kind <= K.LastAssignment;
}

/** A name bound by a binding pattern. */
export interface Bound {
  name: string;
  node: ts.Node;
  init: ts.Expression | undefined;
  /** Property name at the top level of the pattern (for looking up a type-literal annotation). */
  topKey: string | undefined;
  rest: boolean;
}

/** `target = default` inside a destructuring assignment. */
export function splitDefault(node: ts.Node): [ts.Node, ts.Expression | undefined] {
  const n = seeThrough(node);
  if (n.kind === K.BinaryExpression && (n as ts.BinaryExpression).operatorToken.kind === K.EqualsToken) {
    return [(n as ts.BinaryExpression).left, (n as ts.BinaryExpression).right];
  }
  return [n, undefined];
}

/** Names bound by a parameter's binding pattern: top-level names first (work list, no recursion). */
export function boundNames(pattern: ts.BindingPattern): Bound[] {
  const out: Bound[] = [];
  const work: Array<{ pattern: ts.BindingPattern; topKey: string | undefined; top: boolean }> = [
    { pattern, topKey: undefined, top: true },
  ];
  while (work.length > 0) {
    const { pattern: p, topKey, top } = work.shift()!;
    (p.elements as ts.NodeArray<ts.ArrayBindingElement>).forEach((e) => {
      if (e.kind === K.OmittedExpression) return;
      const key = top && p.kind === K.ObjectBindingPattern
        ? propertyNameText(e.propertyName ?? e.name)
        : topKey;
      if (e.name.kind === K.Identifier) {
        out.push({ name: e.name.text, node: e, init: e.initializer, topKey: key, rest: e.dotDotDotToken !== undefined });
      } else if (out.length < 10_000) {
        work.push({ pattern: e.name, topKey: key, top: false });
      }
    });
  }
  return out;
}

/** JSX children that carry something: elements, expressions with content, non-blank text. */
export function jsxChildren(node: ts.Node): ts.JsxChild[] {
  if (node.kind !== K.JsxElement && node.kind !== K.JsxFragment) return [];
  const out: ts.JsxChild[] = [];
  for (const child of (node as ts.JsxElement | ts.JsxFragment).children) {
    if (child.kind === K.JsxText && child.text.trim() === '') continue;
    if (child.kind === K.JsxExpression && !child.expression) continue;
    out.push(child);
  }
  return out;
}

export function mergeStrings(parts: Array<string | Expr>): Array<string | Expr> {
  const out: Array<string | Expr> = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      if (p === '') continue;
      const last = out.length - 1;
      if (last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + p;
      else out.push(p);
    } else {
      out.push(p);
    }
  }
  return out;
}

/** The statement always leaves the function or loop: ends in return/throw/continue/break, an exiting call,
 * or an if/else whose branches all do. Work list, bounded. */
export function exits(statement: ts.Statement): boolean {
  const work: ts.Statement[] = [statement];
  let budget = 1000;
  while (work.length > 0) {
    if (--budget < 0) return false;
    let s = work.pop()!;
    while (s.kind === K.Block) {
      const statements = (s as ts.Block).statements;
      if (statements.length === 0) return false;
      s = statements[statements.length - 1]!;
    }
    switch (s.kind) {
      case K.ReturnStatement:
      case K.ThrowStatement:
      case K.ContinueStatement:
      case K.BreakStatement:
        continue;
      case K.IfStatement: {
        const i = s as ts.IfStatement;
        if (!i.elseStatement) return false;
        work.push(i.thenStatement, i.elseStatement);
        continue;
      }
      case K.ExpressionStatement: {
        let e = seeThrough((s as ts.ExpressionStatement).expression);
        if (e.kind === K.AwaitExpression) e = seeThrough((e as ts.AwaitExpression).expression);
        if (e.kind !== K.CallExpression) return false;
        const name = dottedName((e as ts.CallExpression).expression);
        if (name === undefined || !EXITING_CALLS.has(name)) return false;
        continue;
      }
      default:
        return false;
    }
  }
  return true;
}
