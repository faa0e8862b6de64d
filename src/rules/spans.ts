// Spans for rules: the source text of a span and the rest of a header line (where a finding on a declaration is
// shown). Hand-built flow steps are analysis/taint.ts flowStep.
import type { FileModel, Span } from '../analysis/model.js';
import { lineText } from '../analysis/values.js';

/** The source text of `span`, comments included. */
export function sourceText(model: FileModel, span: Span): string {
  const lines: string[] = [];
  for (let line = span.line; line <= span.endLine; line++) lines.push(lineText(model, line));
  if (lines.length === 0) return '';
  if (lines.length === 1) return lines[0]!.slice(span.column - 1, span.endColumn - 1);
  lines[0] = lines[0]!.slice(span.column - 1);
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, span.endColumn - 1);
  return lines.join('\n');
}

/** From `column` to the end of line `line` (at least one character): a finding shown on a header line. */
export function restOfLine(model: FileModel, line: number, column: number): Span {
  const text = lineText(model, line).replace(/\r$/, '');
  return { line, column, endLine: line, endColumn: Math.max(column + 1, text.length + 1) };
}
