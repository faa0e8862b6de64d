// Text helpers for the TypeScript/JavaScript front end: the comment scan and source clipping.

/** A comment found by the scan, as offsets. */
export interface CommentRange {
  start: number;
  end: number;
}

const SLASH = 0x2f;
const STAR = 0x2a;

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** End offset of the comment that starts at `at` (which holds '/'), or -1 when none starts there. */
function commentEnd(text: string, at: number, limit: number): number {
  const next = text.charCodeAt(at + 1);
  if (next === SLASH) {
    let end = at + 2;
    while (end < limit && !isLineBreak(text.charCodeAt(end))) end++;
    return end;
  }
  if (next === STAR) {
    const close = text.indexOf('*/', at + 2);
    return close === -1 || close + 2 > limit ? limit : close + 2;
  }
  return -1;
}

function skipShebang(text: string, at: number): number {
  if (at !== 0 || text.charCodeAt(0) !== 0x23 || text.charCodeAt(1) !== 0x21) return at;
  let end = 2;
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Comments in a region that holds only trivia and punctuation or keyword tokens (never string, template,
 * regex or JSX text content): the gaps between a syntax node's children. Any '//' or '/*' there starts
 * a comment.
 */
export function scanGap(text: string, start: number, end: number, out: CommentRange[]): void {
  let at = skipShebang(text, start);
  while (at < end) {
    at = text.indexOf('/', at);
    if (at === -1 || at >= end) return;
    const stop = commentEnd(text, at, text.length);
    if (stop === -1) {
      at++;
      continue;
    }
    out.push({ start: at, end: stop });
    at = stop;
  }
}

/** Comments in the leading trivia of a token that starts at or after `start`: stops at the first
 * character that is neither whitespace nor a comment (the token itself, whose text may contain '//'). */
export function scanLeadingTrivia(text: string, start: number, end: number, out: CommentRange[]): void {
  let at = skipShebang(text, start);
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code === SLASH) {
      const stop = commentEnd(text, at, text.length);
      if (stop === -1) return;
      out.push({ start: at, end: stop });
      at = stop;
    } else if (code <= 0x20 || code === 0xa0 || code === 0xfeff || code === 0x2028 || code === 0x2029) {
      at++;
    } else if (code > 0x7f && /\s/.test(text[at]!)) {
      at++;
    } else {
      return;
    }
  }
}

/**
 * Offsets of every '/' in a text, so "does text[start, end) contain a '/'?" (the cheap pre-check before a
 * comment scan) costs a lookup instead of a scan of the range.
 */
export class SlashIndex {
  private readonly offsets: number[] = [];
  /** Index of the first offset >= the last query's start: the walk mostly asks in source order. */
  private next = 0;

  constructor(text: string) {
    for (let at = text.indexOf('/'); at !== -1; at = text.indexOf('/', at + 1)) this.offsets.push(at);
  }

  within(start: number, end: number): boolean {
    const offsets = this.offsets;
    const count = offsets.length;
    if (count === 0) return false;
    let i = this.next;
    if ((i > 0 && offsets[i - 1]! >= start) || (i < count && offsets[i]! < start)) {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (offsets[mid]! < start) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
      this.next = i;
    }
    return i < count && offsets[i]! < end;
  }
}

/** Source text cut to `max` characters (OtherExpr.text and unusual assignment targets). */
export function clip(text: string, start: number, end: number, max = 200): string {
  return text.slice(start, Math.min(end, start + max));
}

/**
 * Deepest bracket nesting of ( [ { in a text, ignoring strings and comments only roughly: used to word the
 * "too deep to parse" message and to place it, never for analysis.
 */
export function maxBracketDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let best = 0;
  let offset = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x28 || code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > best) {
        best = depth;
        offset = i;
      }
    } else if ((code === 0x29 || code === 0x5d || code === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return { depth: best, offset };
}
