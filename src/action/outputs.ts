// The Action's outputs (DESIGN §3), as strings for `$GITHUB_OUTPUT`.
import { SEVERITIES, type Finding } from '../core/types.js';

export const OUTPUT_NAMES = ['sarif-file', 'findings', 'critical', 'high', 'medium', 'low', 'new-findings', 'sarif-id', 'comment-id'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Counts cover the reported scope: the changed files on pull requests, all files otherwise. */
export function buildOutputs(values: {
  sarifFile: string;
  findings: Finding[];
  sarifId: string | undefined;
  commentId: number | undefined;
}): Record<OutputName, string> {
  const count = (keep: (f: Finding) => boolean): string => String(values.findings.filter(keep).length);
  const outputs = {
    'sarif-file': values.sarifFile,
    findings: String(values.findings.length),
    'new-findings': count((f) => f.new === true),
    'sarif-id': values.sarifId ?? '',
    'comment-id': values.commentId === undefined ? '' : String(values.commentId),
  } as Record<OutputName, string>;
  for (const severity of SEVERITIES) outputs[severity] = count((f) => f.severity === severity);
  return outputs;
}
