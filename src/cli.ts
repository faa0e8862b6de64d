// The CLI entry: parse flags, call the core, render, exit 0/1/2. No scanning logic lives here.
// Commands import what they need when they run, so `promptgate --version` and `--help` load nothing heavy
// (the rules, the engine and the TypeScript compiler are megabytes of JavaScript to compile).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITIES, UsageError, atLeast, type FailOn, type Logger, type ScanResult } from './core/types.js';
import { VERSION } from './version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const USAGE = `promptgate ${VERSION} — security gate for apps that call LLM APIs

Usage:
  promptgate scan [PATH...] [--format text|json|sarif] [--output FILE] [--fail-on critical|high|medium|low|none]
                  [--config FILE] [--changed-since GIT_REF]
  promptgate probe --url URL [--header "Name: value"]... [--tier quick|standard|deep] [...]   (promptgate probe --help)
  promptgate rules [--format text|json|markdown]
  promptgate --version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or runtime error.`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'rules':
        return await rulesCommand(rest, io);
      case 'probe': {
        const { runProbeCommand } = await import('./probe/command.js');
        return await runProbeCommand(rest, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, isTTY: io.isTTY });
      }
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; expected scan, probe or rules (promptgate --help)`);
    }
  } catch (error) {
    io.stderr(`promptgate: ${oneLine(error)}\n`);
    return 2;
  }
}

async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = flags(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'high' },
        config: { type: 'string' },
        'changed-since': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format');
  const failOn = oneOf(values['fail-on'], [...SEVERITIES, 'none'] as const, '--fail-on') as FailOn;
  const { root, targets } = resolveTargets(io.cwd, positionals);
  const [{ loadConfig }, { changedFilesSince, markNewSince }, { scanTree }] = await Promise.all([
    import('./config/load.js'),
    import('./core/changed-since.js'),
    import('./core/scan.js'),
  ]);
  const config = await loadConfig(root, values.config);
  const logger = stderrLogger(io);

  const changedSince = values['changed-since'];
  let scanTargets = targets;
  let changed: string[] | undefined;
  if (changedSince) {
    changed = (await changedFilesSince(root, changedSince)).filter((file) => !targets || targets.some((t) => t === '.' || file === t || file.startsWith(t.replace(/\/$/, '') + '/')));
    scanTargets = changed;
  }
  const result: ScanResult =
    changed && changed.length === 0
      ? { findings: [], suppressed: [], errors: [], summary: { critical: 0, high: 0, medium: 0, low: 0, files: 0, suppressed: 0, skipped: 0 } }
      : await scanTree({ root, targets: scanTargets, config, logger });
  if (changedSince && changed) await markNewSince(root, changedSince, changed, result.findings, config, logger);

  const rendered = await render(format, result, io, values.output === undefined);
  if (values.output) await writeFile(path.resolve(io.cwd, values.output), rendered);
  else io.stdout(rendered);
  if (values.output && format !== 'text') io.stderr(summaryLine(result) + '\n');
  return result.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

async function render(format: 'text' | 'json' | 'sarif', result: ScanResult, io: CliIo, toTerminal: boolean): Promise<string> {
  switch (format) {
    case 'json': {
      const { buildJsonReport, serializeJsonReport } = await import('./report/json.js');
      return serializeJsonReport(buildJsonReport(result, VERSION));
    }
    case 'sarif': {
      const [{ buildSarif, serializeSarif, STATIC_CATEGORY }, { allRules }] = await Promise.all([import('./report/sarif.js'), import('./rules/index.js')]);
      return serializeSarif(
        buildSarif({ toolVersion: VERSION, runs: [{ category: STATIC_CATEGORY, rules: allRules.map((r) => r.meta), findings: result.findings }] }),
      );
    }
    case 'text': {
      const { renderText } = await import('./report/text.js');
      return renderText(result, { color: toTerminal && io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb' });
    }
  }
}

async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = flags(() => parseArgs({ args: argv, strict: true, options: { format: { type: 'string', default: 'text' } } }));
  const format = oneOf(values.format, ['text', 'json', 'markdown'] as const, '--format');
  const [{ renderRules }, { allRules }] = await Promise.all([import('./report/rules.js'), import('./rules/index.js')]);
  io.stdout(renderRules(allRules.map((r) => r.meta), format));
  return 0;
}

/** PATHs inside the working directory scan relative to it (so SARIF paths are repo-relative); a single
 * directory elsewhere becomes the root. */
function resolveTargets(cwd: string, positionals: string[]): { root: string; targets: string[] | undefined } {
  if (positionals.length === 0) return { root: cwd, targets: undefined };
  const absolute = positionals.map((p) => path.resolve(cwd, p));
  const missing = positionals.find((_, i) => !existsSync(absolute[i]!));
  if (missing !== undefined) throw new UsageError(`${missing}: no such file or directory`);
  const inside = absolute.every((p) => {
    const relative = path.relative(cwd, p);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  });
  if (inside) return { root: cwd, targets: absolute.map((p) => path.relative(cwd, p).split(path.sep).join('/') || '.') };
  if (absolute.length === 1) return { root: absolute[0]!, targets: undefined };
  throw new UsageError('paths outside the current directory: scan one directory at a time, or run from a common parent');
}

/** parseArgs, with its errors turned into one-line usage errors. */
function flags<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(oneLine(error).replace(/\. To specify a positional argument.*$/, ''));
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function summaryLine(result: ScanResult): string {
  const s = result.summary;
  return `promptgate: ${result.findings.length} findings (${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low) in ${s.files} files; ${s.suppressed} suppressed`;
}

function stderrLogger(io: CliIo): Logger {
  const debug = !!io.env.PROMPTGATE_DEBUG;
  return {
    debug: (m) => debug && io.stderr(`debug: ${m}\n`),
    info: () => {},
    warning: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
  };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
