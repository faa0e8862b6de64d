// Inline suppressions: `promptgate-ignore <rule-id>[, <rule-id>]: <reason>` in a comment on the finding's
// line or alone on the line above. A rule id and a reason are required (no blanket ignores): without a
// reason the suppression is void and reported.
export interface InlineSuppression {
  /** Line of the comment (1-based). */
  line: number;
  /** Lines it covers: its own, and the next one when the comment stands alone on its line. */
  covers: number[];
  ruleIds: string[];
  reason: string | undefined;
}

const MARKER = 'promptgate-ignore';
const SUPPRESSION = /promptgate-ignore(?:[ \t]+([a-z0-9][\w-]*(?:[ \t]*,[ \t]*[a-z0-9][\w-]*)*))?[ \t]*(?::[ \t]*([^\r\n]*?))?[ \t]*(?:-->|\*\/)?[ \t]*$/;
const COMMENT_ONLY = /^\s*(#|\/\/|\/\*|<!--|\*)/;

export function parseSuppressions(text: string): InlineSuppression[] {
  if (!text.includes(MARKER)) return [];
  const result: InlineSuppression[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.indexOf(MARKER);
    if (at === -1) continue;
    const match = SUPPRESSION.exec(line.slice(at, at + 400).trimEnd());
    const ruleIds = match?.[1]?.split(',').map((id) => id.trim()).filter(Boolean) ?? [];
    const reason = match?.[2]?.trim() || undefined;
    const covers = COMMENT_ONLY.test(line) ? [i + 1, i + 2] : [i + 1];
    result.push({ line: i + 1, covers, ruleIds, reason });
  }
  return result;
}

export function findSuppression(
  suppressions: InlineSuppression[],
  ruleId: string,
  line: number,
): InlineSuppression | undefined {
  return suppressions.find(
    (s) => s.covers.includes(line) && s.ruleIds.includes(ruleId) && s.reason !== undefined,
  );
}
