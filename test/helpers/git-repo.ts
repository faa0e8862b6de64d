// Throwaway git repositories for the Action tests: an origin with branches, cloned like actions/checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

/** A new repository at `dir` on branch `main`, with a committer identity. */
export function initRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
}

/** Writes `files`, commits everything, and returns the new commit's sha. */
export function commitFiles(dir: string, files: Record<string, string>, message: string): string {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** `git clone` of one branch of `origin` into `dir`, shallow when `depth` is given. */
export function cloneBranch(origin: string, branch: string, dir: string, depth?: number): void {
  execFileSync('git', ['clone', '-q', ...(depth ? ['--depth', String(depth)] : []), '--branch', branch, `file://${origin}`, dir]);
}
