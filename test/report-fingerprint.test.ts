import { describe, expect, it } from 'vitest';
import { computeLineHashes, fingerprintFor } from '../src/report/fingerprint.js';
import { prng } from './helpers/prng.js';

// Test vectors from github/codeql-action src/fingerprints.test.ts ("hash" test).
const CODEQL_VECTORS: Array<[string, string[]]> = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
  ],
  ...[
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n',
  ].map((input): [string, string[]] => [
    input,
    [
      'e9496ae3ebfced30:1',
      'fb7c023a8b9ccb3f:1',
      'ce8ba1a563dcdaca:1',
      'e20e36e16fcb0cc8:1',
      'b3edc88f2938467e:1',
      'c8e28b0b4002a3a0:1',
      'c129715d7a2bc9a3:1',
    ],
  ]),
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
  [
    'x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n',
    [
      'e54938cc54b302f1:1',
      'bb609acbe9138d60:1',
      '1131fd5871777f34:1',
      '5c482a0f8b35ea28:1',
      '54517377da7028d2:1',
      '2c644846cb18d53e:1',
      'f1b89f20de0d133:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
];

/**
 * An independent, deliberately naive statement of the same hash: for each line, take the normalised
 * character stream from the line's first character (spaces/tabs dropped, CR and CRLF as LF, then 65535
 * and zeros), and evaluate sum(c_i * 37^(99-i)) mod 2^64 over its first 100 elements.
 */
function naiveLineHashes(text: string): string[] {
  const stream: number[] = [];
  const lineStarts: number[] = [];
  let atLineStart = true;
  let prevCR = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i === text.length ? 65535 : text.charCodeAt(i);
    if (c === 32 || c === 9 || (prevCR && c === 10)) {
      prevCR = false;
      continue;
    }
    prevCR = c === 13;
    if (c === 13) c = 10;
    if (atLineStart) {
      lineStarts.push(stream.length);
      atLineStart = false;
    }
    if (c === 10) atLineStart = true;
    stream.push(c);
  }
  const seen = new Map<string, number>();
  return lineStarts.map((start) => {
    let h = 0n;
    for (let i = 0; i < 100; i++) h = BigInt.asUintN(64, h * 37n + BigInt(stream[start + i] ?? 0));
    const hex = h.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    return `${hex}:${n}`;
  });
}

describe('computeLineHashes', () => {
  it.each(CODEQL_VECTORS.map(([input, expected], i) => ({ i, input, expected })))(
    "matches codeql-action's test vector #$i",
    ({ input, expected }) => {
      const hashes = computeLineHashes(input);
      expect(hashes).toEqual(expected);
      expect(hashes.length).toBe(input.split(/\r\n|\r|\n/).length);
    },
  );

  it('agrees with a naive restatement of the algorithm on random text with mixed line endings', () => {
    const random = prng(42);
    const alphabet = ['a', 'b', 'x', '=', '(', ')', ' ', ' ', '\t', '\n', '\n', '\r', '\r\n', 'é', '😀', '\u00a0'];
    for (let round = 0; round < 40; round++) {
      const length = Math.floor(random() * 400);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const hashes = computeLineHashes(text);
      expect(hashes).toEqual(naiveLineHashes(text));
      expect(hashes.length).toBe(text.split(/\r\n|\r|\n/).length);
    }
  });

  it('stops after the lines asked for with the same hashes as a whole-file pass', () => {
    const random = prng(7);
    const alphabet = ['a', 'b', '=', ' ', '\t', '\n', '\n', '\r\n', 'x'];
    for (let round = 0; round < 30; round++) {
      let text = '';
      const length = 50 + Math.floor(random() * 600);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const full = computeLineHashes(text);
      const upTo = 1 + Math.floor(random() * full.length);
      const partial = computeLineHashes(text, upTo);
      expect(partial.length).toBeGreaterThanOrEqual(upTo);
      expect(partial).toEqual(full.slice(0, partial.length));
      // Beyond the last line it is the whole-file pass.
      expect(computeLineHashes(text, full.length + 5)).toEqual(full);
    }
  });

  it('hashes a 1 MiB single-line file to one value and many-line files line by line', () => {
    const oneLine = 'const k = "0123456789abcdef";'.repeat(Math.ceil((1 << 20) / 29)).slice(0, 1 << 20);
    const single = computeLineHashes(oneLine);
    expect(single).toHaveLength(1);
    expect(single[0]).toBe(naiveLineHashes(oneLine.slice(0, 300))[0]); // only the first 100 characters count

    const manyLines = 'print("hello")\n'.repeat(70_000);
    const many = computeLineHashes(manyLines);
    expect(many).toHaveLength(70_001);
    expect(many[0]).toBe(naiveLineHashes(manyLines.slice(0, 2000))[0]);
    // Identical lines far from the end share a hash and are numbered in order.
    expect(many[1]!.split(':')[0]).toBe(many[0]!.split(':')[0]);
    expect(many[1]!.split(':')[1]).toBe('2');
  });

  it('ignores indentation and line-ending style but not content', () => {
    const a = computeLineHashes('def f():\n    return call(x)\n');
    const b = computeLineHashes('def f():\r\n\treturn call(x)\r\n');
    const c = computeLineHashes('def f():\n    return call(y)\n');
    expect(b).toEqual(a);
    expect(c[1]).not.toBe(a[1]);
  });
});

describe('fingerprintFor', () => {
  const text = 'import os\nkey = os.environ["K"]\nprint(key)\n';

  it('returns the hash of the given 1-based line', () => {
    const hashes = computeLineHashes(text);
    expect(fingerprintFor(text, 1)).toBe(hashes[0]);
    expect(fingerprintFor(text, 2)).toBe(hashes[1]);
    expect(fingerprintFor(text, 4)).toBe(hashes[3]);
  });

  it('falls back to the nearest line for out-of-range lines', () => {
    const hashes = computeLineHashes(text);
    expect(fingerprintFor(text, 0)).toBe(hashes[0]);
    expect(fingerprintFor(text, 99)).toBe(hashes[hashes.length - 1]);
    expect(fingerprintFor(text, Number.NaN)).toBe(hashes[0]);
  });

  it('does not reuse hashes of a different text', () => {
    const other = 'import sys\nkey = os.environ["K"]\nprint(key)\n';
    expect(fingerprintFor(text, 1)).toBe(computeLineHashes(text)[0]);
    expect(fingerprintFor(other, 1)).toBe(computeLineHashes(other)[0]);
    expect(fingerprintFor(other, 1)).not.toBe(fingerprintFor(text, 1));
  });
});
