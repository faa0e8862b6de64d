// Last line of defence: values that must never leave the runner (the token, probe header values) are
// replaced in everything we publish, in plain and in JSON-escaped form.
import { secretMasker } from '../report/redact.js';

export type Scrubber = (text: string) => string;

export function makeScrubber(secrets: string[]): Scrubber {
  const forms: string[] = [];
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.push(secret, JSON.stringify(secret).slice(1, -1));
  }
  return secretMasker(forms, '***');
}
