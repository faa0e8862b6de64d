// Last line of defence: values that must never leave the runner (the token, probe header values) are
// replaced in everything we publish, in plain and in JSON-escaped form.
export type Scrubber = (text: string) => string;

export function makeScrubber(secrets: string[]): Scrubber {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join('***');
    return out;
  };
}
