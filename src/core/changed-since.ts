// `--changed-since REF`: the files changed since REF (committed, staged, unstaged and untracked), and the
// scan of their versions at REF, so each finding can be marked new or existing by fingerprint.
import { Git } from '../workspace/git.js';
import type { ResolvedConfig } from '../config/config.js';
import { markNew, scanSources, type SourceFile } from './scan.js';
import { UsageError, type Finding, type Logger } from './types.js';

export async function changedFilesSince(root: string, ref: string): Promise<string[]> {
  const git = new Git(root);
  if (!(await git.run(['rev-parse', '--verify', '-q', `${ref}^{commit}`])).ok)
    throw new UsageError(`--changed-since: "${ref}" is not a commit in this repository (fetch it first, e.g. git fetch --depth=1 origin ${ref})`);
  const diff = await git.run(['diff', '--no-ext-diff', '--name-only', '--relative', '-z', '--diff-filter=ACMRT', ref, '--']);
  const untracked = await git.run(['ls-files', '--others', '--exclude-standard', '-z']);
  if (!diff.ok) throw new UsageError(`--changed-since: git diff against "${ref}" failed; is ${root} inside a git work tree?`);
  const names = new Set<string>();
  for (const output of [diff.stdout, untracked.ok ? untracked.stdout : Buffer.alloc(0)])
    for (const name of output.toString('utf8').split('\0')) if (name) names.add(name);
  return [...names].sort();
}

/** Scans REF's versions of `files` and marks `findings` new when their fingerprint is absent there. */
export async function markNewSince(
  root: string,
  ref: string,
  files: string[],
  findings: Finding[],
  config: ResolvedConfig,
  logger: Logger,
): Promise<void> {
  const git = new Git(root);
  const base: SourceFile[] = [];
  for (const file of files) {
    const bytes = await git.show(ref, `./${file}`);
    if (bytes && !bytes.subarray(0, 8000).includes(0)) base.push({ path: file, text: bytes.toString('utf8') });
  }
  const baseResult = await scanSources({ root, files: base, config, logger });
  markNew(findings, [...baseResult.findings, ...baseResult.suppressed]);
}
