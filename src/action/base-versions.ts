// Base versions of changed files, for telling new findings from existing ones. The default checkout is
// shallow (`fetch-depth: 1`), so git serves them only when the history has the base commit; otherwise
// the contents API does (bounded, since the default token has an hourly request budget).
import type { Logger } from '../core/types.js';
import type { ChangedFile } from './changed-files.js';
import type { Git } from '../workspace/git.js';

export interface BaseFile {
  /** The head path: a renamed file's base version is scanned under its new name, so its findings match. */
  path: string;
  text: string;
}

export interface BaseVersions {
  files: BaseFile[];
  /** Head paths whose base version could not be read (their findings count as new: fail closed). */
  missing: string[];
  source: 'git' | 'api' | 'none';
}

export interface BaseSources {
  git?: Git;
  /** Bytes of `path` at `ref` from the contents API; undefined when the file is absent there. */
  fetchContents?: (path: string, ref: string) => Promise<Buffer | undefined>;
}

/** Contents API reads allowed per run; beyond that, findings in the remaining files count as new. */
export const MAX_API_BASE_FILES = 300;
const API_CONCURRENCY = 8;

export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

export async function loadBaseVersions(
  files: ChangedFile[],
  baseSha: string,
  sources: BaseSources,
  logger: Logger,
  maxBytes: number = 1024 * 1024,
): Promise<BaseVersions> {
  const wanted = files.filter((file) => file.status !== 'added' && file.status !== 'removed');
  const result: BaseVersions = { files: [], missing: [], source: 'none' };
  const accept = (file: ChangedFile, bytes: Buffer | undefined): void => {
    // Absent at base (e.g. a copy's source moved) or binary: nothing existed to match against.
    if (!bytes || bytes.length > maxBytes || isBinary(bytes)) return;
    result.files.push({ path: file.path, text: bytes.toString('utf8') });
  };

  if (sources.git && (await sources.git.hasCommit(baseSha))) {
    result.source = 'git';
    for (const file of wanted) accept(file, await sources.git.show(baseSha, file.previousPath ?? file.path));
    return result;
  }
  if (!sources.fetchContents) {
    result.missing = wanted.map((file) => file.path);
    return result;
  }
  result.source = 'api';
  const viaApi = wanted.slice(0, MAX_API_BASE_FILES);
  result.missing = wanted.slice(MAX_API_BASE_FILES).map((file) => file.path);
  if (result.missing.length) {
    logger.warning(
      `Reading at most ${MAX_API_BASE_FILES} base files through the API; findings in ${result.missing.length} other changed files count as new. Use fetch-depth: 0 to read them from git.`,
    );
  }
  const fetchContents = sources.fetchContents;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < viaApi.length) {
      const file = viaApi[next++]!;
      try {
        accept(file, await fetchContents(file.previousPath ?? file.path, baseSha));
      } catch (error) {
        logger.warning(`Could not read the base version of ${file.path}: ${(error as Error).message}`);
        result.missing.push(file.path);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(API_CONCURRENCY, viaApi.length) }, worker));
  // Workers finish in any order: sort so the scan input (and its output) is deterministic.
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.missing.sort();
  return result;
}
