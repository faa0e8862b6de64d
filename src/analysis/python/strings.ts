// Python string literal details: prefixes and escape sequences.

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  /** f-strings and t-strings (PEP 750): both interpolate `{...}`. */
  interpolated: boolean;
}

/** Reads the prefix letters in front of the opening quote of `string_start` text (`rb'`, `f"""`). */
export function stringPrefix(startToken: string): StringPrefix {
  let raw = false;
  let bytes = false;
  let interpolated = false;
  for (let i = 0; i < startToken.length; i++) {
    const ch = startToken.charCodeAt(i) | 0x20; // ASCII lower case
    if (ch === 0x72) raw = true; // r
    else if (ch === 0x62) bytes = true; // b
    else if (ch === 0x66 || ch === 0x74) interpolated = true; // f, t
    else if (ch !== 0x75) break; // u; anything else is the quote
  }
  return { raw, bytes, interpolated };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const ESCAPE = /\\(\r\n|[\n\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})/g;

/** Decodes the escapes of a non-raw literal body. Unknown escapes and `\N{...}` stay as written;
 * `\u`/`\U`/`\N` are not escapes in bytes literals. */
export function decodeEscapes(body: string, bytes: boolean): string {
  if (body.indexOf('\\') === -1) return body;
  return body.replace(ESCAPE, (whole, escape: string) => {
    const first = escape[0]!;
    if (first === '\n' || first === '\r') return ''; // line continuation inside the literal
    const simple = SIMPLE_ESCAPES[first];
    if (simple !== undefined && escape.length === 1) return simple;
    if (first >= '0' && first <= '7') return String.fromCharCode(parseInt(escape, 8) & (bytes ? 0xff : 0x1ff));
    if (first === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (bytes) return whole;
    if (first === 'u' || first === 'U') {
      const code = parseInt(escape.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return whole; // \N{NAME}: no name table offline
  });
}
