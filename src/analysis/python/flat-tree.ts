// A tree-sitter tree copied into plain typed arrays in one cursor pass. Every later question (type,
// field, children, text, span) is answered from these arrays without crossing into wasm again, and the
// copy is made with an explicit loop, so nesting depth never touches the JS stack. The arrays are plain
// data: a parse thread (parse-thread.ts) copies and hands them over.
import type { Language, Parser, Tree, TreeCursor } from 'web-tree-sitter';
import { LineIndex } from '../lines.js';
import type { Span } from '../model.js';
import type { RawCursorApi } from './runtime.js';

/** tree-sitter's builtin error symbol (`(TSSymbol)-1`), which has no entry in `language.types`. */
const ERROR_SYMBOL = 0xffff;
export const NONE = -1;

/** Per-language tables, built once: type names by id, named-ness, extras, field ids by name. */
export interface GrammarTables {
  typeNames: string[];
  named: Uint8Array;
  extra: Uint8Array;
  /** Types that never have children: the walk skips asking the cursor for them. */
  leaf: Uint8Array;
  fieldId: (name: string) => number;
}

const EXTRA_TYPES = new Set(['comment', 'line_continuation']);
const NAMED_LEAVES = new Set(['identifier', 'integer', 'float', 'comment', 'string_start', 'string_end', 'escape_sequence']);

/** What the per-language tables are built from: plain data, so a parse thread can send it over. */
export interface GrammarDescription {
  /** Name and named-ness of each type id below `language.nodeTypeCount`. */
  types: Array<{ name: string; named: boolean }>;
  /** Field names by field id (id 0 has none). */
  fields: Array<string | null>;
}

export function describeGrammar(language: Language): GrammarDescription {
  const types: GrammarDescription['types'] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) types.push({ name: language.nodeTypeForId(id) ?? '', named: language.nodeTypeIsNamed(id) });
  return { types, fields: [...language.fields] };
}

export function grammarTables(grammar: GrammarDescription): GrammarTables {
  // Dense up to the ERROR id: a sparse array would make every read a dictionary lookup.
  const typeNames: string[] = new Array<string>(ERROR_SYMBOL + 1).fill('');
  const named = new Uint8Array(ERROR_SYMBOL + 1);
  const extra = new Uint8Array(ERROR_SYMBOL + 1);
  const leaf = new Uint8Array(ERROR_SYMBOL + 1);
  grammar.types.forEach(({ name, named: isNamed }, id) => {
    typeNames[id] = name;
    named[id] = isNamed ? 1 : 0;
    extra[id] = isNamed && EXTRA_TYPES.has(name) ? 1 : 0;
    // Anonymous nodes are tokens, so leaves.
    leaf[id] = !isNamed || NAMED_LEAVES.has(name) ? 1 : 0;
  });
  typeNames[ERROR_SYMBOL] = 'ERROR';
  named[ERROR_SYMBOL] = 1;
  const fields = new Map<string, number>();
  grammar.fields.forEach((name, id) => {
    if (name) fields.set(name, id);
  });
  return {
    typeNames,
    named,
    extra,
    leaf,
    fieldId: (name) => {
      const id = fields.get(name);
      if (id === undefined) throw new Error(`grammar has no field '${name}'`);
      return id;
    },
  };
}

/** A tree's nodes in preorder, one typed array per property: plain data, transferable between threads. */
export interface FlatArrays {
  count: number;
  hasError: boolean;
  type: Uint16Array;
  field: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Set for MISSING nodes (only looked up when the tree has errors). */
  missing: Uint8Array;
}

/** The buffers of `arrays` (each typed array has one of its own), to transfer them to another thread
 * instead of copying. */
export function flatBuffers(arrays: FlatArrays): ArrayBuffer[] {
  return Object.values(arrays)
    .filter(ArrayBuffer.isView)
    .map((array) => array.buffer as ArrayBuffer);
}

/**
 * Parses `text` and copies the tree into flat arrays; undefined when the parser gives up on it. The tree
 * is deleted either way: wasm memory is not garbage collected, and the flat copy is all lowering needs.
 */
export function parseToArrays(parser: Parser, text: string, grammar: GrammarTables, raw?: RawCursorApi): FlatArrays | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return copyTree(tree, grammar, raw);
  } finally {
    tree.delete();
  }
}

/**
 * Copies `tree` into flat arrays in one cursor pass. `raw`: web-tree-sitter's cursor exports
 * (runtime.ts); without them the public TreeCursor is used.
 */
export function copyTree(tree: Tree, grammar: GrammarTables, raw?: RawCursorApi): FlatArrays {
  const root = tree.rootNode;
  const capacity = Math.max(1, root.descendantCount);
  const arrays: FlatArrays = {
    count: 0,
    hasError: root.hasError,
    type: new Uint16Array(capacity),
    field: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    parent: new Int32Array(capacity),
    firstChild: new Int32Array(capacity).fill(NONE),
    nextSibling: new Int32Array(capacity).fill(NONE),
    missing: new Uint8Array(capacity),
  };
  arrays.count = copyWith(arrays, tree, grammar, true, raw);
  // A node type assumed childless had children (a grammar change): copy again, asking every node.
  if (arrays.count !== capacity) {
    arrays.firstChild.fill(NONE);
    arrays.nextSibling.fill(NONE);
    arrays.missing.fill(0);
    arrays.count = copyWith(arrays, tree, grammar, false, raw);
  }
  return arrays;
}

function copyWith(arrays: FlatArrays, tree: Tree, grammar: GrammarTables, skipLeaves: boolean, raw: RawCursorApi | undefined): number {
  const cursor = tree.walk();
  try {
    const steps = (raw && rawSteps(tree, cursor, raw)) || publicSteps(cursor);
    try {
      return copy(arrays, steps, grammar.leaf, skipLeaves);
    } finally {
      steps.done();
    }
  } finally {
    cursor.delete();
  }
}

function copy(arrays: FlatArrays, cursor: CursorSteps, leaf: Uint8Array, skipLeaves: boolean): number {
  const { type: types, field, start, end, parent: parentOf, firstChild, nextSibling, missing, hasError } = arrays;
  const capacity = types.length;
  // lastChild[d] is the most recent child seen at depth d; parents[d] the open node at depth d.
  let parents: Int32Array = new Int32Array(64);
  let lastChild: Int32Array = new Int32Array(64);
  let depth = 0;
  let n = 0;
  parents[0] = NONE;
  lastChild[0] = NONE;
  for (;;) {
    if (n >= capacity) throw new Error('tree has more nodes than descendantCount reported');
    const type = cursor.typeId();
    types[n] = type;
    field[n] = cursor.fieldId();
    start[n] = cursor.startIndex();
    end[n] = cursor.endIndex();
    if (hasError && cursor.isMissing()) missing[n] = 1;
    const parent = parents[depth]!;
    parentOf[n] = parent;
    if (parent !== NONE) {
      const previous = lastChild[depth]!;
      if (previous === NONE) firstChild[parent] = n;
      else nextSibling[previous] = n;
      lastChild[depth] = n;
    }
    if ((!skipLeaves || leaf[type] === 0) && cursor.gotoFirstChild()) {
      depth++;
      if (depth >= parents.length) {
        parents = grow(parents);
        lastChild = grow(lastChild);
      }
      parents[depth] = n;
      lastChild[depth] = NONE;
      n++;
      continue;
    }
    n++;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        depth = -1;
        break;
      }
      depth--;
    }
    if (depth < 0) break;
  }
  return n;
}

/** A copied tree over its source: every question (type, field, children, text, span) is answered from
 * the arrays, without crossing into wasm again. */
export class FlatTree {
  readonly count: number;
  readonly type: Uint16Array;
  readonly field: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly missing: Uint8Array;
  readonly hasError: boolean;
  /** Line starts of `source` (the lowerer hands them to values.ts with the model). */
  readonly lines: LineIndex;

  constructor(
    arrays: FlatArrays,
    readonly source: string,
    readonly grammar: GrammarTables,
  ) {
    ({
      count: this.count,
      hasError: this.hasError,
      type: this.type,
      field: this.field,
      start: this.start,
      end: this.end,
      parent: this.parent,
      firstChild: this.firstChild,
      nextSibling: this.nextSibling,
      missing: this.missing,
    } = arrays);
    this.lines = new LineIndex(source);
  }

  typeName(n: number): string {
    return this.grammar.typeNames[this.type[n]!]!;
  }

  isNamed(n: number): boolean {
    return this.grammar.named[this.type[n]!] === 1;
  }

  isExtra(n: number): boolean {
    return this.grammar.extra[this.type[n]!] === 1;
  }

  text(n: number): string {
    return this.source.slice(this.start[n]!, this.end[n]!);
  }

  /** Source text cut to `max` characters (without slicing a huge node first). */
  shortText(n: number, max = 200): string {
    const start = this.start[n]!;
    return this.source.slice(start, Math.min(this.end[n]!, start + max));
  }

  /** First child carrying `field`, or NONE. */
  child(n: number, field: number): number {
    for (let c = this.firstChild[n]!; c !== NONE; c = this.nextSibling[c]!) if (this.field[c] === field) return c;
    return NONE;
  }

  /** Named, non-extra children (no punctuation, keywords or comments). */
  namedChildren(n: number): number[] {
    const out: number[] = [];
    const named = this.grammar.named;
    const extra = this.grammar.extra;
    for (let c = this.firstChild[n]!; c !== NONE; c = this.nextSibling[c]!) {
      const t = this.type[c]!;
      if (named[t] === 1 && extra[t] === 0) out.push(c);
    }
    return out;
  }

  firstNamedChild(n: number): number {
    const named = this.grammar.named;
    const extra = this.grammar.extra;
    for (let c = this.firstChild[n]!; c !== NONE; c = this.nextSibling[c]!) {
      const t = this.type[c]!;
      if (named[t] === 1 && extra[t] === 0) return c;
    }
    return NONE;
  }

  span(n: number): Span {
    return this.spanOf(this.start[n]!, this.end[n]!);
  }

  spanOf(start: number, end: number): Span {
    return this.lines.span(start, end);
  }
}

/** One cursor walking a tree: what the copy asks of it. */
interface CursorSteps {
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  isMissing(): boolean;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Hands the cursor's state back to its TreeCursor (which deletes it). */
  done(): void;
}

function publicSteps(cursor: TreeCursor): CursorSteps {
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    isMissing: () => cursor.nodeIsMissing,
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
    done: () => {},
  };
}

/**
 * The same walk on web-tree-sitter's raw exports: the cursor's handles are written into the transfer
 * buffer once and stay there (each export reads them there, and moves write them back), then are copied
 * back into the TreeCursor so that its delete() frees the right cursor. Undefined when the Tree or
 * TreeCursor objects do not look as expected (another web-tree-sitter version): the public API is used.
 */
function rawSteps(tree: Tree, cursor: TreeCursor, raw: RawCursorApi): CursorSteps | undefined {
  const treePointer = (tree as unknown as Record<number, unknown>)[0];
  const handles = (cursor as unknown as { handles?: unknown }).handles;
  if (typeof treePointer !== 'number' || !Array.isArray(handles) || handles.length !== 4) return undefined;
  const base = raw.transferBuffer >> 2;
  const heap = raw.heap32();
  for (let i = 0; i < 4; i++) heap[base + i] = handles[i] as number;
  const t = treePointer;
  return {
    typeId: () => raw.typeId(t),
    fieldId: () => raw.fieldId(t),
    startIndex: () => raw.startIndex(t),
    endIndex: () => raw.endIndex(t),
    isMissing: () => raw.isMissing(t) === 1,
    gotoFirstChild: () => raw.gotoFirstChild(t) === 1,
    gotoNextSibling: () => raw.gotoNextSibling(t) === 1,
    gotoParent: () => raw.gotoParent(t) === 1,
    done: () => {
      const after = raw.heap32();
      for (let i = 0; i < 4; i++) handles[i] = after[base + i];
    },
  };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
