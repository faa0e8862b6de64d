// `Name: value` header input for --header / --bypass-header and the Action's multiline inputs. Values are
// secrets: no error message ever contains one.
import { UsageError } from '../core/types.js';
import type { HeaderInput } from './types.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Set by the client itself; a user value would break or confuse the probe.
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type', 'accept-encoding']);

/** Lower-case name -> value. Throws a UsageError naming the flag and the header name, never the value. */
export function parseHeaders(input: HeaderInput | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!input) return out;
  const entries: Array<[string, string]> = [];
  if (Array.isArray(input)) {
    (input as readonly string[]).forEach((line, i) => {
      if (!line.trim()) return;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new UsageError(`${flag} #${i + 1} must look like "Name: value"`);
      entries.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    });
  } else {
    entries.push(...Object.entries(input as Record<string, string>));
  }
  for (const [name, value] of entries) {
    if (!TOKEN.test(name)) throw new UsageError(`${flag}: "${name.slice(0, 40)}" is not a valid header name`);
    if (RESERVED.has(name.toLowerCase())) throw new UsageError(`${flag}: the ${name} header is set by promptgate and cannot be given`);
    if (/[\r\n\0]/.test(value)) throw new UsageError(`${flag}: the value of ${name} contains a line break`);
    out[name.toLowerCase()] = value;
  }
  return out;
}

/** Every header value of the options: the Action masks these (core.setSecret) before anything is logged. */
export function probeSecrets(options: { headers?: HeaderInput; bypassHeaders?: HeaderInput; canary?: string }): string[] {
  const values = (input: HeaderInput | undefined): string[] => {
    if (!input) return [];
    if (Array.isArray(input)) return (input as readonly string[]).map((l) => l.slice(l.indexOf(':') + 1).trim());
    return Object.values(input as Record<string, string>);
  };
  return [...values(options.headers), ...values(options.bypassHeaders), ...(options.canary ? [options.canary] : [])].filter(
    (v) => v.length > 0,
  );
}
