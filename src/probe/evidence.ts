// Evidence is hostile text from a live endpoint: it is cleaned of control characters, every secret we know
// of (our own header values, the canary, credentials found by pattern) is masked, and it is cut short.
// Rendering for markdown (defanging links, escaping) happens in render.ts.
import { redactSecret, secretMasker, truncateEvidence } from '../report/redact.js';
import { findSecrets } from './detect.js';

export const MAX_EVIDENCE = 300;

const ANSI = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu;

export class Redactor {
  private readonly maskSecrets: (text: string) => string;
  private readonly maskCanary: (text: string) => string;
  constructor(secrets: readonly string[], canary: string | undefined) {
    this.maskSecrets = secretMasker(secrets, '[redacted]');
    this.maskCanary = secretMasker(canary === undefined ? [] : [canary], '[canary]');
  }

  /** Masked, one line, no control characters; not truncated. */
  clean(text: string): string {
    let out = text.replace(ANSI, '').replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '');
    out = this.maskSecrets(out);
    out = this.maskCanary(out);
    for (const hit of findSecrets(out)) out = out.split(hit.value).join(redactSecret(hit.value));
    return out.replace(/ {2,}/g, ' ').trim();
  }

  /** A cleaned excerpt of at most `max` characters, centred on `needle` when it occurs (case-insensitive). */
  excerpt(text: string, needle?: string, max = 160): string {
    const cleaned = this.clean(text);
    if (Array.from(cleaned).length <= max) return cleaned;
    let start = 0;
    if (needle) {
      const at = cleaned.toLowerCase().indexOf(needle.toLowerCase());
      if (at > max / 3) start = at - Math.floor(max / 3);
    }
    const piece = truncateEvidence(cleaned.slice(start), max);
    return start > 0 ? `…${piece}` : piece;
  }

  /** Final evidence: cleaned and capped at MAX_EVIDENCE characters. */
  final(text: string): string {
    return truncateEvidence(this.clean(text), MAX_EVIDENCE);
  }
}

/** `"text"` with the quotes that JSON would use, for evidence lines. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
