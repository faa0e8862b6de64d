// Finds LLM provider secrets in any text. Pipeline per pattern (src/knowledge/secrets.ts): keyword
// pre-filter on the lowercased file -> regex -> keyword anchor (keyword tier) -> placeholder, stopword,
// entropy, allowlisted-shape and known-sample filters -> severity adjustments (Gemini context, docs).
// Linear in the input: each regex is bounded (see the table), anchors look at a fixed window, and
// positions come from one line-start index.
import { createHash } from 'node:crypto';
import { lowerSeverity, type Severity } from '../../core/types.js';
import { LineIndex } from '../lines.js';
import {
  ALLOWLISTED_VALUE_SHAPES,
  ANCHOR_WINDOW,
  DOCS_PATHS,
  KNOWN_SAMPLE_KEY_SHA256,
  PLACEHOLDER_VALUES,
  SECRET_IGNORED_PATHS,
  SECRET_PATTERNS,
  SECRET_STOPWORDS,
  type SecretPattern,
  type SecretTier,
} from '../../knowledge/secrets.js';
import { isEnvFilePath } from '../../knowledge/env-names.js';

export interface SecretMatch {
  patternId: string;
  provider: string;
  title: string;
  tier: SecretTier;
  severity: Severity;
  /** The full secret. Never print it: use redactSecret (src/report/redact.ts). */
  value: string;
  /** UTF-16 offsets into the text; `end` exclusive. */
  start: number;
  end: number;
  /** 1-based; `endColumn` exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface CompiledPattern {
  pattern: SecretPattern;
  regex: RegExp;
}

const COMPILED: readonly CompiledPattern[] = SECRET_PATTERNS.map((pattern) => ({
  pattern,
  regex: new RegExp(pattern.regex, 'g'),
}));

/**
 * One case-insensitive pass that tells whether any pattern's keyword can occur in the lowercased file: most
 * files hold none, and one regex scan is much cheaper than lowercasing the file and searching it once per
 * keyword. A keyword that contains another (`sk-ant-api03` holds `sk-`) adds nothing to the test, and the
 * rest are written as a prefix tree (`co(?:here|_api_key)`), which the regex engine scans faster than a flat
 * list. It is a necessary condition only (the per-pattern keyword checks still decide), so it must never
 * miss: the keywords are ASCII, and `toLowerCase` maps exactly two non-ASCII characters to ASCII ones
 * (U+0130 `İ` to `i̇`, U+212A Kelvin sign to `k`), which a case-insensitive regex does not fold, so either
 * one sends the file down the full path.
 */
const ANY_KEYWORD: RegExp = (() => {
  const keywords = [...new Set(SECRET_PATTERNS.flatMap((p) => p.keywords))];
  const needed = keywords.filter((k) => !keywords.some((other) => other !== k && k.includes(other)));
  return new RegExp(`${prefixTreeSource(needed)}|[\\u0130\\u212a]`, 'i');
})();

/** A regex source matching exactly `words`, factored by common prefixes. */
function prefixTreeSource(words: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const source = (node: Node): string => {
    const branches = [...node.next].map(([ch, child]) => escape(ch) + source(child));
    if (node.end && branches.length > 0) branches.push('');
    if (branches.length === 0) return '';
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return source(root);
}

/** Longest value we bother to run the whole-value shape checks on. */
const MAX_SHAPE_CHECK = 1000;

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = Array.from(s).length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The value contains a placeholder or fake-key word (`your`, `example`, `xxxxxx`, `...`). */
export function hasStopword(value: string): boolean {
  const lower = value.toLowerCase();
  return SECRET_STOPWORDS.some((w) => lower.includes(w));
}

/** One character repeated (`xxxxxxxx`, `********`), optionally after a vendor prefix. */
function isRepeatedChar(s: string): boolean {
  if (s.length < 2) return false;
  const first = s[0];
  for (let i = 1; i < s.length; i++) if (s[i] !== first) return false;
  return true;
}

/** A template/env reference (`${VAR}`, `{{ x }}`, `${{ secrets.X }}`, `%VAR%`, `@VAR@`, `op://…`). */
export function isAllowlistedShape(value: string): boolean {
  if (value.length > MAX_SHAPE_CHECK) return false;
  return ALLOWLISTED_VALUE_SHAPES.some((a) => a.shape.test(value));
}

/**
 * True when a configuration value is clearly not a real secret: empty, a placeholder word or shape,
 * a template/env reference, one repeated character, or too short to be a provider key (< 12 chars).
 * Used for `.env` values and similar assignments.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 12) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_VALUES.includes(lower)) return true;
  if (isAllowlistedShape(v)) return true;
  if (hasStopword(v)) return true;
  if (isRepeatedChar(v)) return true;
  // `${OPENAI_API_KEY}` inside a longer value (`Bearer ${TOKEN}`) is still a reference.
  if (/\$\{[A-Za-z_][A-Za-z0-9_]{0,100}\}|\{\{[^{}]{0,200}\}\}/.test(v)) return true;
  return false;
}

export function isKnownSampleKey(value: string): boolean {
  return KNOWN_SAMPLE_KEY_SHA256.has(createHash('sha256').update(value).digest('hex'));
}

export function isDocsPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return DOCS_PATHS.some((r) => r.test(p));
}

/** The last path asked about: rules ask once per string literal of the same file. */
let ignoredPathMemo: { path: string; ignored: boolean } | undefined;

export function isSecretIgnoredPath(path: string): boolean {
  if (ignoredPathMemo?.path === path) return ignoredPathMemo.ignored;
  const p = path.replace(/\\/g, '/');
  const ignored = !isEnvFilePath(p) && SECRET_IGNORED_PATHS.some((r) => r.test(p));
  ignoredPathMemo = { path, ignored };
  return ignored;
}

/** Why a candidate value is not a secret, or undefined when it passes every filter. */
function rejectReason(pattern: SecretPattern, value: string): string | undefined {
  const body = pattern.prefix ? value.replace(pattern.prefix, '') : value;
  if (isRepeatedChar(body)) return 'repeated character';
  if (hasStopword(value)) return 'placeholder word';
  if (isAllowlistedShape(value)) return 'allowlisted shape';
  if (shannonEntropy(body) < pattern.minEntropy) return 'low entropy';
  if (isKnownSampleKey(value)) return 'known public sample key';
  return undefined;
}

/** A keyword-tier anchor occurs within ANCHOR_WINDOW characters before `start`, on the same line. */
function anchored(text: string, start: number, anchors: readonly string[]): boolean {
  const window = text.slice(Math.max(0, start - ANCHOR_WINDOW), start);
  const lastBreak = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('\r'));
  const sameLine = (lastBreak >= 0 ? window.slice(lastBreak + 1) : window).toLowerCase();
  return anchors.some((a) => sameLine.includes(a));
}

/**
 * Every LLM provider secret in `text`, in offset order. `path` (repository-relative) selects the
 * path rules: ignored dependency paths yield nothing, docs paths (`*.md`, `*.mdx`, `docs/`) lower the
 * severity one step, `.env*` files are never lowered or skipped.
 */
export function findSecrets(text: string, path: string): SecretMatch[] {
  if (isSecretIgnoredPath(path)) return [];
  if (!ANY_KEYWORD.test(text)) return [];
  const lower = text.toLowerCase();
  const inEnvFile = isEnvFilePath(path.replace(/\\/g, '/'));
  const lowerForDocs = !inEnvFile && isDocsPath(path);

  // Characters claimed by an earlier (stricter) pattern's candidate, accepted or not: a rejected
  // strict candidate must not come back as a loose one. Allocated on the first candidate.
  let claimed: Uint8Array | undefined;
  const overlaps = (s: number, e: number): boolean => {
    if (!claimed) return false;
    for (let i = s; i < e; i++) if (claimed[i]) return true;
    return false;
  };
  const claim = (s: number, e: number): void => {
    claimed ??= new Uint8Array(text.length);
    claimed.fill(1, s, e);
  };

  const found: Omit<SecretMatch, 'line' | 'column' | 'endLine' | 'endColumn'>[] = [];
  for (const { pattern, regex } of COMPILED) {
    if (!pattern.keywords.some((k) => lower.includes(k))) continue;
    let severity = pattern.severity;
    if (pattern.context && pattern.context.words.some((w) => lower.includes(w))) severity = pattern.context.severity;
    if (lowerForDocs) severity = lowerSeverity(severity);

    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++; // never loops on an empty match
        continue;
      }
      const value = m[1] ?? m[0];
      const start = m.index + m[0].indexOf(value);
      const end = start + value.length;
      if (overlaps(start, end)) continue;
      if (pattern.tier === 'keyword' && !anchored(text, start, pattern.anchors ?? pattern.keywords)) continue;
      // From here on the span belongs to this pattern, whether or not it passes the filters.
      claim(start, end);
      if (rejectReason(pattern, value) !== undefined) continue;
      found.push({
        patternId: pattern.id,
        provider: pattern.provider,
        title: pattern.title,
        tier: pattern.tier,
        severity,
        value,
        start,
        end,
      });
    }
  }
  if (found.length === 0) return [];

  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const lines = new LineIndex(text, 'any');
  return found.map((f) => ({ ...f, ...lines.span(f.start, f.end) }));
}
