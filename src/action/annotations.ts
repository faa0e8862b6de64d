// Workflow annotations (`::error file=..,line=..::`): GitHub shows at most 10 per level per step, so the
// most useful ones go first (new, on changed lines, most severe) and the rest are counted.
import { SEVERITY_RANK, type Finding, type Severity } from '../core/types.js';
import { truncateEvidence } from '../report/redact.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  startLine: number;
  endLine: number;
  /** Only when the finding is on one line (GitHub ignores columns otherwise). */
  startColumn?: number;
  endColumn?: number;
}

export const LEVEL_OF: Record<Severity, AnnotationLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

/** GitHub's per-step limit for each level. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings left out by the cap; one extra notice says how many. */
  omitted: number;
}

export function toAnnotation(finding: Finding): Annotation {
  const startLine = Math.max(1, finding.line);
  const endLine = Math.max(startLine, finding.endLine || startLine);
  const oneLine = endLine === startLine;
  return {
    level: LEVEL_OF[finding.severity],
    title: `promptgate ${finding.severity}${finding.new ? ' (new)' : ''}: ${finding.title}`,
    message: `${truncateEvidence(finding.message.replace(/\s+/g, ' '), 600)} [${finding.ruleId}]`,
    file: finding.file,
    startLine,
    endLine,
    ...(oneLine && finding.column ? { startColumn: finding.column, endColumn: Math.max(finding.column, finding.endColumn) } : {}),
  };
}

export function planAnnotations(
  findings: Finding[],
  onChangedLine: (finding: Finding) => boolean = () => false,
  perLevel: number = ANNOTATIONS_PER_LEVEL,
): AnnotationPlan {
  const ordered = [...findings]
    .filter((f) => f.file)
    .sort(
      (a, b) =>
        Number(b.new === true) - Number(a.new === true) ||
        Number(onChangedLine(b)) - Number(onChangedLine(a)) ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line,
    );
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const annotations: Annotation[] = [];
  let omitted = 0;
  for (const finding of ordered) {
    const level = LEVEL_OF[finding.severity];
    // One notice slot stays free for the "N more" note.
    const cap = level === 'notice' ? perLevel - 1 : perLevel;
    if (used[level] >= cap) {
      omitted++;
      continue;
    }
    used[level]++;
    annotations.push(toAnnotation(finding));
  }
  return { annotations, omitted };
}
