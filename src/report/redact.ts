// Redaction and defanging for anything a reporter prints: secrets are never shown in full, and evidence
// taken from scanned code or from a live endpoint's answers is treated as hostile text (it may carry
// markdown, HTML, @mentions or links meant to land in a PR comment).

const ELLIPSIS = '…';
/** Never show more of a secret than this many leading characters. */
const MAX_HEAD = 12;
const DEFAULT_HEAD = 8;
const TAIL = 4;

/**
 * `sk-ant-api03-abc…xyzwxAA` -> `sk-ant-a…[92 hidden]…wxAA`. Keeps the first 8 characters (up to 12 when
 * that completes a vendor prefix such as `github_pat_`) and the last 4, but always hides at least half of
 * the value, so short secrets reveal proportionally less.
 */
export function redactSecret(secret: string): string {
  const chars = Array.from(secret); // code points: never split a surrogate pair
  const n = chars.length;
  if (n === 0) return '';
  let head = Math.min(DEFAULT_HEAD, Math.floor(n / 4));
  if (n >= 40) {
    // Show a whole vendor prefix (`github_pat_`, `xoxb-`) when it ends within the first 12 characters.
    const prefix = chars.slice(0, MAX_HEAD).join('');
    const end = Math.max(prefix.lastIndexOf('_'), prefix.lastIndexOf('-')) + 1;
    if (end > head) head = end;
  }
  const tail = Math.min(TAIL, Math.floor(n / 8));
  const hidden = n - head - tail;
  return `${chars.slice(0, head).join('')}${ELLIPSIS}[${hidden} hidden]${ELLIPSIS}${chars.slice(n - tail).join('')}`;
}

/**
 * Replaces every occurrence of the known `secrets` with `mask`. Values shorter than 4 characters are
 * ignored (they would mask ordinary text); longer values go first, so a value containing another is
 * masked whole.
 */
export function secretMasker(secrets: Iterable<string>, mask: string): (text: string) => string {
  const ordered = [...new Set([...secrets].filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(mask);
    return out;
  };
}

/** Cut `text` to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncateEvidence(text: string, max: number): string {
  const limit = Math.max(0, Math.floor(max));
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  if (limit === 0) return '';
  return chars.slice(0, limit - 1).join('') + ELLIPSIS;
}

// C0/C1 controls (line breaks become spaces), zero-width and bidirectional controls ("trojan source").
const LINE_BREAKS = /[\r\n\t\v\f\u2028\u2029\u0085]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Markdown and HTML specials, replaced by escapes that render as the character itself.
const MARKDOWN_ESCAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/&/g, '&amp;'],
  [/</g, '&lt;'],
  [/>/g, '&gt;'],
  [/\\/g, '\\\\'],
  [/`/g, '\\`'],
  [/\|/g, '\\|'],
  [/\[/g, '\\['],
  [/\]/g, '\\]'],
  [/\*/g, '\\*'],
  [/_/g, '\\_'],
  [/~/g, '\\~'],
];

const URL_WITH_SCHEME = /\b(https?|ftp|wss?):\/\/([^\s/?#]*)/gi;
// GitHub also autolinks `www.` hosts without a scheme.
const WWW_HOST = /\bwww\.[^\s/?#]+/gi;
// A zero-width space after `@` (as Dependabot does) keeps `@user` / `@org/team` readable but inert.
const MENTION = /@(?=[A-Za-z0-9])/g;

/**
 * Make untrusted evidence safe to embed in a PR comment, job summary or annotation: one line, no control
 * characters, no live markdown/HTML, no clickable links (`http[:]//example[.]com`), no @mentions.
 * Truncate first (`defang(truncateEvidence(s, 200))`) so an escape is never cut in half.
 */
export function defang(text: string): string {
  let out = text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
  for (const [pattern, replacement] of MARKDOWN_ESCAPES) out = out.replace(pattern, replacement);
  const dots = (host: string): string => host.replace(/\./g, '[.]');
  out = out
    .replace(URL_WITH_SCHEME, (_m, scheme: string, host: string) => `${scheme}[:]//${dots(host)}`)
    .replace(WWW_HOST, (host) => dots(host));
  return out.replace(MENTION, '@\u200b');
}
