// Semgrep-style fixture annotations: `# ruleid: <id>[, <id>]` / `// ruleid: ...` / `<!-- ruleid: ... -->` /
// `{/* ruleid: ... */}` on the line above the code that must fire, `ok: <id>` above a trap that must not.
export interface Annotation {
  kind: 'ruleid' | 'ok';
  ruleIds: string[];
  /** Line of the annotation comment. */
  line: number;
  /** Line the annotation is about: the next line that is not itself an annotation. */
  target: number;
}

const ANNOTATION = /^\s*(?:#|\/\/|<!--|\{?\/\*)\s*(ruleid|ok)\s*:\s*([a-z0-9][\w-]*(?:\s*,\s*[a-z0-9][\w-]*)*)/;

export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split(/\r?\n/);
  const raw: Array<Omit<Annotation, 'target'>> = [];
  lines.forEach((line, i) => {
    const match = ANNOTATION.exec(line);
    if (match) raw.push({ kind: match[1] as 'ruleid' | 'ok', ruleIds: match[2]!.split(',').map((s) => s.trim()), line: i + 1 });
  });
  const annotationLines = new Set(raw.map((a) => a.line));
  return raw.map((a) => {
    let target = a.line + 1;
    while (annotationLines.has(target)) target++;
    return { ...a, target };
  });
}

/** Compares findings (rule id + line) with annotations; returns human-readable mismatches. */
export function checkAnnotations(
  annotations: Annotation[],
  findings: Array<{ ruleId: string; line: number }>,
): string[] {
  const problems: string[] = [];
  const expected = new Map<number, Set<string>>();
  for (const a of annotations) {
    if (a.kind !== 'ruleid') continue;
    const set = expected.get(a.target) ?? new Set<string>();
    a.ruleIds.forEach((id) => set.add(id));
    expected.set(a.target, set);
  }
  const actual = new Map<number, Set<string>>();
  for (const f of findings) {
    const set = actual.get(f.line) ?? new Set<string>();
    set.add(f.ruleId);
    actual.set(f.line, set);
  }
  for (const [line, ids] of expected) {
    const got = actual.get(line) ?? new Set<string>();
    for (const id of ids) if (!got.has(id)) problems.push(`line ${line}: expected ${id}, got ${[...got].join(', ') || 'nothing'}`);
  }
  for (const [line, ids] of actual) {
    const want = expected.get(line) ?? new Set<string>();
    for (const id of ids) {
      if (want.has(id)) continue;
      const ok = annotations.some((a) => a.kind === 'ok' && a.target === line && a.ruleIds.includes(id));
      problems.push(`line ${line}: unexpected ${id}${ok ? ' (annotated ok: — a trap that must not fire)' : ''}`);
    }
  }
  return problems.sort();
}
