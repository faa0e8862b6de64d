// `partialFingerprints.primaryLocationLineHash`, ported from github/codeql-action src/fingerprints.ts (MIT),
// so alerts keep matching if anyone also runs upload-sarif over our SARIF. Code scanning tracks alerts
// across runs by this value only: it hashes line *content*, never rule, file or line number.
//
// The algorithm: a rolling hash (base 37, arithmetic mod 2^64, as codeql's signed `Long` wraps) over a
// window of the next 100 characters of the file with spaces and tabs removed and CR / CRLF read as LF,
// plus an end-of-file marker (65535) and zero padding. The hash of line N is the window value when the
// first character of line N leaves the window. Output: `<unsigned hex>:<k>`, where k counts how many
// times that hex value has been output so far in the file (1-based).
//
// Input is the file as a JS string (UTF-16 code units, as codeql reads it with Node's utf8 decoder).
// Keep a leading BOM if the file has one: codeql hashes it too.

const TAB = 9;
const SPACE = 32;
const LF = 10;
const CR = 13;
const EOF = 65535;
const BLOCK_SIZE = 100;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const FIRST_MOD = BigInt.asUintN(64, 37n ** BigInt(BLOCK_SIZE));

/**
 * Line hashes for every line of `text`; element i belongs to line i + 1. Lines are split as codeql
 * splits them (\r\n, \r or \n), so the array has `text.split(/\r\n|\r|\n/).length` elements.
 * With `upToLine`, hashing stops once lines 1..upToLine have theirs (a line's hash and its occurrence
 * count depend only on what comes before the end of its window), and the array may be shorter.
 */
export function computeLineHashes(text: string, upToLine = Infinity): string[] {
  const window = new Uint16Array(BLOCK_SIZE);
  // Line number (1-based) whose first character sits at this window slot, or 0 for none.
  const lineAt = new Int32Array(BLOCK_SIZE);
  let hash = 0n;
  const counts = new Map<string, number>();
  const out: string[] = [];
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const outputHash = (): void => {
    // Long#toUnsigned().toString(16): no leading zeros.
    const hex = hash.toString(16);
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[lineAt[index]! - 1] = `${hex}:${n}`;
    lineAt[index] = 0;
  };

  // codeql: hash = 37 * hash + current - 37^100 * begin, in signed 64-bit Long arithmetic, which wraps
  // exactly like unsigned arithmetic mod 2^64.
  const updateHash = (current: number): void => {
    const begin = window[index]!;
    window[index] = current;
    hash = BigInt.asUintN(64, 37n * hash + BigInt(current) - FIRST_MOD * BigInt(begin));
    index = (index + 1) % BLOCK_SIZE;
  };

  const len = text.length;
  for (let i = 0; i <= len; i++) {
    let current = i === len ? EOF : text.charCodeAt(i);
    // Skip tabs, spaces, and an LF that directly follows a CR.
    if (current === SPACE || current === TAB || (prevCR && current === LF)) {
      prevCR = false;
      continue;
    }
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineAt[index] !== 0) {
      outputHash();
      if (out.length >= upToLine) return out;
    }
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineAt[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    updateHash(current);
  }
  // Flush the lines still in the window.
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineAt[index] !== 0) outputHash();
    updateHash(0);
  }
  return out;
}

let cachedText: string | undefined;
let cachedHashes: string[] = [];

/**
 * The fingerprint of one line (1-based). Lines outside the file fall back to the nearest line (codeql
 * uses line 1 for results without a region). Repeated calls with the same text reuse the hashes.
 */
export function fingerprintFor(text: string, line: number): string {
  if (cachedText !== text) {
    cachedHashes = computeLineHashes(text);
    cachedText = text;
  }
  const last = cachedHashes.length;
  const target = Number.isFinite(line) ? Math.min(Math.max(1, Math.trunc(line)), last) : 1;
  return cachedHashes[target - 1]!;
}
