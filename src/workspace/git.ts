// Read-only git access to the checked-out workspace (never fetches, never changes state).
import { execFile } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
}

export class Git {
  constructor(readonly cwd: string) {}

  run(args: string[]): Promise<GitResult> {
    return new Promise((resolve) => {
      execFile(
        'git',
        ['-c', 'core.quotepath=off', ...args],
        { cwd: this.cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
        (error, stdout) => resolve({ ok: !error, stdout: stdout ?? Buffer.alloc(0) }),
      );
    });
  }

  async head(): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '-q', 'HEAD']);
    return result.ok ? result.stdout.toString('utf8').trim() || undefined : undefined;
  }

  /** On a shallow clone (`fetch-depth: 1`) older commits are simply absent. */
  async hasCommit(sha: string): Promise<boolean> {
    if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false;
    return (await this.run(['cat-file', '-e', `${sha}^{commit}`])).ok;
  }

  /** The first parent of `sha` when the history has it (the base tip of a PR merge commit). */
  async firstParent(sha: string): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '-q', `${sha}^1`]);
    const parent = result.ok ? result.stdout.toString('utf8').trim() : '';
    return parent && (await this.hasCommit(parent)) ? parent : undefined;
  }

  /** File bytes at a commit; undefined when the path does not exist there. */
  async show(sha: string, path: string): Promise<Buffer | undefined> {
    const result = await this.run(['show', `${sha}:${path}`]);
    return result.ok ? result.stdout : undefined;
  }

  /** `git diff --name-status -z -M <range>`: NUL-separated, so any file name survives. */
  async nameStatus(range: string): Promise<Buffer | undefined> {
    const result = await this.run(['diff', '--no-ext-diff', '--name-status', '-z', '-M', range, '--']);
    return result.ok ? result.stdout : undefined;
  }

  /** The unified diff of `<range>` with no context lines (only what changed). */
  async unifiedDiff(range: string): Promise<string | undefined> {
    const result = await this.run(['diff', '--no-ext-diff', '--no-color', '-U0', '-M', range, '--']);
    return result.ok ? result.stdout.toString('utf8') : undefined;
  }
}
