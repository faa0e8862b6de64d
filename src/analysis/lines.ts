// Offset -> line/column mapping shared by the front ends.
import type { Span } from './model.js';

/** `text` without a leading BOM: what both front ends parse (the model's `source` and all spans refer to
 * it). Apply it once to a file's text: a second BOM right after the first is text. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Maps UTF-16 offsets (what the TypeScript parser and FlatTree report) to 1-based lines and columns.
 * Lines end at '\n' only, so CRLF and LF files give the same line numbers (the '\r' is the last character
 * of its line). A lone '\r' or U+2028 does not start a line, unlike in the TypeScript compiler, so that
 * lines agree with git, GitHub and between the front ends (both use this index).
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private lastLine = 0;

  /** `breaks: 'any'` also ends a line at a lone '\r' (as `split(/\r\n|\r|\n/)` and codeql's fingerprinting do):
   * the secrets scan counts lines that way. */
  constructor(text: string, breaks: 'lf' | 'any' = 'lf') {
    if (breaks === 'any') {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
      }
      return;
    }
    let at = text.indexOf('\n');
    while (at !== -1) {
      this.starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
  }

  /** 0-based line of an offset. Positions are mostly visited in order, so the previous answer is tried first. */
  private lineOf(offset: number): number {
    const starts = this.starts;
    const last = this.lastLine;
    if (offset >= starts[last]! && (last + 1 >= starts.length || offset < starts[last + 1]!)) return last;
    // Next most likely: the line after it.
    const next = last + 1;
    if (next < starts.length && offset >= starts[next]! && (next + 1 >= starts.length || offset < starts[next + 1]!)) {
      this.lastLine = next;
      return next;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  /** Offset where 1-based `line` starts; undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line - 1];
  }

  /** Span of [start, end): `endColumn` is exclusive. */
  span(start: number, end: number): Span {
    const line = this.lineOf(start);
    const column = start - this.starts[line]! + 1;
    const endLineIndex = end === start ? line : this.lineOf(end);
    return { line: line + 1, column, endLine: endLineIndex + 1, endColumn: end - this.starts[endLineIndex]! + 1 };
  }
}
