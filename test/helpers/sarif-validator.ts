// Runs Microsoft's SARIF multitool (the validator GitHub's docs point to) with the GitHub rule set:
// `Sarif.Multitool validate <file> --rule-kind "Gh;Sarif" --output <log>`. The tool exits 0 even when
// the file is invalid, so errors are read from its console lines (`<file>(l,c): error <ID>: ...`) and
// cross-checked against the result log it writes.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const MULTITOOL = resolve('node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

export interface ValidationReport {
  /** One line per error; empty when the file is valid. */
  errors: string[];
  /** Warning lines, for a human to look at (allowed). */
  warnings: string[];
  /** The tool's console output. */
  output: string;
}

function ensureExecutable(): void {
  if (!existsSync(MULTITOOL)) throw new Error(`SARIF multitool not found at ${MULTITOOL} (npm install?)`);
  // npm skips the package's install script that would set the executable bit.
  if ((statSync(MULTITOOL).mode & 0o111) === 0) chmodSync(MULTITOOL, 0o755);
}

interface LogResult {
  level?: string;
  ruleId?: string;
  ruleIndex?: number;
  message?: { arguments?: string[] };
}

/** Error-level results in the multitool's own SARIF log (a rule's default level applies when unset). */
function countLoggedErrors(logPath: string): number {
  const log = JSON.parse(readFileSync(logPath, 'utf8')) as {
    runs: { results?: LogResult[]; tool: { driver: { rules?: { defaultConfiguration?: { level?: string } }[] } } }[];
  };
  let count = 0;
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const result of run.results ?? []) {
      const level = result.level ?? rules[result.ruleIndex ?? -1]?.defaultConfiguration?.level ?? 'warning';
      if (level === 'error') count++;
    }
  }
  return count;
}

export async function validateSarif(path: string): Promise<ValidationReport> {
  ensureExecutable();
  const dir = mkdtempSync(join(tmpdir(), 'promptgate-sarif-validate-'));
  const logPath = join(dir, 'validation.sarif');
  try {
    // The file goes first: `--log`-style list options would swallow a trailing positional argument.
    const args = ['validate', resolve(path), '--rule-kind', 'Gh;Sarif', '--output', logPath];
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((done) => {
      execFile(MULTITOOL, args, { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }, (error, out, err) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ stdout: String(out), stderr: String(err), code });
      });
    });
    const output = `${stdout}${stderr}`;
    const lines = output.split(/\r?\n/);
    const errors = lines.filter((line) => /: error [A-Z]+\d+:/.test(line) || /: error :/.test(line));
    const warnings = lines.filter((line) => /: warning [A-Z]+\d+:/.test(line));
    if (code !== 0) errors.push(`Sarif.Multitool exited with code ${code}`);
    if (!existsSync(logPath)) {
      errors.push('Sarif.Multitool wrote no result log');
    } else {
      const logged = countLoggedErrors(logPath);
      // The console and the log must agree; if the console format ever changes, do not pass silently.
      if (logged > errors.length) errors.push(`validation log has ${logged} error results, console showed ${errors.length}`);
    }
    return { errors, warnings, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
