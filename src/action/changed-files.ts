// The files a pull request changes, with the lines it adds: from `pulls.listFiles` (up to its 3,000-file
// limit), else from git when the history has the base. Renames keep their previous path (for the base
// version), deletions are never scanned, and a file without a patch (binary, huge, pure rename) is
// treated by its change count.
import type { DiffEntry } from '../github/pulls.js';
import type { Git } from '../workspace/git.js';

export type ChangeStatus = DiffEntry['status'];

export interface ChangedFile {
  /** Repository-relative path in the head version. */
  path: string;
  /** The path in the base version when the file was renamed or copied. */
  previousPath?: string;
  status: ChangeStatus;
  /** Lines of the head version that were added or modified (ascending), or 'all' when unknown. */
  changedLines: number[] | 'all';
}

export interface ChangedFiles {
  files: ChangedFile[];
  source: 'api' | 'git';
  /** True when the list is known to be incomplete. */
  truncated: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Hunks and the added lines (head line numbers) of a unified-diff patch; `-` lines are skipped. */
export function parsePatch(patch: string): { hunks: Hunk[]; addedLines: number[] } {
  const hunks: Hunk[] = [];
  const addedLines: number[] = [];
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      const hunk: Hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
      };
      hunks.push(hunk);
      newLine = hunk.newStart;
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) addedLines.push(newLine++);
    else if (line.startsWith(' ')) newLine++;
    // '-' lines and "\ No newline at end of file" do not move the head line counter.
  }
  return { hunks, addedLines };
}

function linesFromPatch(patch: string | undefined, changes: number): number[] | 'all' {
  if (patch === undefined || patch === '') return changes > 0 ? 'all' : [];
  return parsePatch(patch).addedLines;
}

export function fromDiffEntries(entries: DiffEntry[]): ChangedFile[] {
  return entries.map((entry) => ({
    path: entry.filename,
    ...(entry.previous_filename ? { previousPath: entry.previous_filename } : {}),
    status: entry.status,
    changedLines: entry.status === 'removed' ? [] : linesFromPatch(entry.patch, entry.changes),
  }));
}

const NAME_STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'removed',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

/** `git diff --name-status -z -M` output. */
export function parseNameStatus(output: Buffer | string): ChangedFile[] {
  const fields = output.toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (!code) continue;
    const status = NAME_STATUS[code[0]!] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const previousPath = fields[i++] ?? '';
      const path = fields[i++] ?? '';
      files.push({ path, previousPath, status, changedLines: 'all' });
    } else {
      files.push({ path: fields[i++] ?? '', status, changedLines: status === 'removed' ? [] : 'all' });
    }
  }
  return files.filter((file) => file.path);
}

/** Splits `git diff` output into per-file sections (in git's order) and reads their added lines. */
export function parseUnifiedDiffSections(diff: string): Array<{ binary: boolean; addedLines: number[] }> {
  const sections = diff.split(/^diff --git /m).slice(1);
  return sections.map((section) => {
    const binary = /^Binary files .* differ$/m.test(section) || /^GIT binary patch$/m.test(section);
    return { binary, addedLines: binary ? [] : parsePatch(section).addedLines };
  });
}

/** The git fallback: needs both ends of `range` (e.g. `base...HEAD`) in the local history. */
export async function changedFilesFromGit(git: Git, range: string): Promise<ChangedFile[] | undefined> {
  const nameStatus = await git.nameStatus(range);
  if (nameStatus === undefined) return undefined;
  const files = parseNameStatus(nameStatus);
  const diff = await git.unifiedDiff(range);
  const sections = diff === undefined ? [] : parseUnifiedDiffSections(diff);
  // Both commands list the same file pairs in the same order; if they disagree, keep 'all'.
  if (sections.length === files.length) {
    files.forEach((file, index) => {
      const section = sections[index]!;
      if (file.status !== 'removed') file.changedLines = section.binary ? [] : section.addedLines;
    });
  }
  return files;
}

/** Files whose head version is worth scanning (deleted files are gone). */
export function scannableFiles(files: ChangedFile[]): ChangedFile[] {
  return files.filter((file) => file.status !== 'removed' && file.status !== 'unchanged');
}

export function isChangedLine(file: ChangedFile | undefined, line: number): boolean {
  if (!file) return false;
  return file.changedLines === 'all' || binarySearch(file.changedLines, line);
}

function binarySearch(sorted: number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = sorted[mid]!;
    if (item === value) return true;
    if (item < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
