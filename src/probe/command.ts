// `promptgate probe` (DESIGN §2): parse flags, read routes and system prompts from --source, run the probe,
// render text / JSON / SARIF, and exit 0 (nothing at or above --fail-on), 1 (failures at or above it) or
// 2 (usage or runtime error, one line on stderr).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITIES, UsageError, atLeast, type FailOn, type Logger, type ScanResult } from '../core/types.js';
import { buildJsonReport, serializeJsonReport } from '../report/json.js';
import { PROBE_CATEGORY, buildSarif, serializeSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { runProbe } from './index.js';
import { renderProbeText } from './render.js';
import { collectProbeSource } from './source.js';
import { applyRuleSettings } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { TIER_NAMES, type ProbeOptions, type ProbeResult, type Tier } from './types.js';

export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  /** Defaults to process.env (NO_COLOR, PROMPTGATE_PROBE_HEADERS, PROMPTGATE_PROBE_BYPASS_HEADERS). */
  env?: NodeJS.ProcessEnv;
}

export const PROBE_USAGE = `Usage: promptgate probe --url URL [options]

Probe a live LLM endpoint (e.g. a preview deployment's /api/chat) with a small, fixed set of benign
requests and decide from the answers alone whether it is open, unlimited, leaky or steerable.

  --url URL                  endpoint to probe (required)
  --header "Name: value"     app auth header, repeatable; never printed (also $PROMPTGATE_PROBE_HEADERS, one per line)
  --bypass-header "N: v"     platform header, e.g. x-vercel-protection-bypass; always sent (also $PROMPTGATE_PROBE_BYPASS_HEADERS)
  --body JSON                request body template with {{prompt}} (default: detect the shape)
  --response-path PATH       where the answer text is, e.g. choices[0].message.content (default: detect)
  --canary STRING            secret planted in the system prompt, to confirm leaks
  --tier quick|standard|deep default quick (25 requests, 30 s)
  --max-requests N           lower the request budget
  --deadline SECONDS         total time limit
  --allow-private            allow loopback, private and link-local addresses
  --source DIR               repository to read route files and system prompts from (default .)
  --format text|json|sarif   default text
  --output FILE              default stdout
  --fail-on critical|high|medium|low|none   default high (only failed probes count)
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = [...SEVERITIES, 'none'] as const;

interface Parsed {
  options: ProbeOptions;
  source: string;
  format: Format;
  output: string | undefined;
  failOn: FailOn;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value.slice(0, 30)}")`);
}

function envLines(value: string | undefined): string[] {
  return (value ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): Parsed | 'help' {
  const args = argv[0] === 'probe' ? argv.slice(1) : [...argv];
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        header: { type: 'string', multiple: true },
        'bypass-header': { type: 'string', multiple: true },
        body: { type: 'string' },
        'response-path': { type: 'string' },
        canary: { type: 'string' },
        tier: { type: 'string' },
        'max-requests': { type: 'string' },
        deadline: { type: 'string' },
        'allow-private': { type: 'boolean' },
        source: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const e = error as { code?: string; message: string };
    const flag = /'(-{1,2}[^']+)'/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag ?? ''} (see promptgate probe --help)`.replace('  ', ' '));
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument ${flag ?? ''}: pass the endpoint with --url`.replace('  ', ' '));
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${flag ?? 'an option'} needs a value (see promptgate probe --help)`);
    throw new UsageError(e.message.split('\n')[0]!);
  }
  if (values['help']) return 'help';
  const url = values['url'] as string | undefined;
  if (!url) throw new UsageError('--url is required, e.g. promptgate probe --url https://my-app.vercel.app/api/chat');
  const str = (k: string): string | undefined => values[k] as string | undefined;
  const options: ProbeOptions = {
    url,
    headers: [...((values['header'] as string[] | undefined) ?? []), ...envLines(env['PROMPTGATE_PROBE_HEADERS'])],
    bypassHeaders: [...((values['bypass-header'] as string[] | undefined) ?? []), ...envLines(env['PROMPTGATE_PROBE_BYPASS_HEADERS'])],
    tier: oneOf<Tier>('--tier', str('tier'), TIER_NAMES, 'quick'),
    allowPrivate: values['allow-private'] === true,
  };
  if (str('body') !== undefined) options.body = str('body')!;
  if (str('response-path') !== undefined) options.responsePath = str('response-path')!;
  if (str('canary') !== undefined) options.canary = str('canary')!;
  const maxRequests = str('max-requests');
  if (maxRequests !== undefined) {
    if (!/^\d+$/.test(maxRequests.trim()) || Number(maxRequests) < 1) throw new UsageError('--max-requests must be a whole number of at least 1');
    options.maxRequests = Number(maxRequests);
  }
  const deadline = str('deadline');
  if (deadline !== undefined) {
    if (!/^\d+(?:\.\d+)?$/.test(deadline.trim()) || Number(deadline) <= 0) throw new UsageError('--deadline must be a number of seconds above 0');
    options.deadlineSeconds = Number(deadline);
  }
  return {
    options,
    source: str('source') ?? '.',
    format: oneOf<Format>('--format', str('format'), FORMATS, 'text'),
    output: str('output'),
    failOn: oneOf<FailOn>('--fail-on', str('fail-on'), FAIL_ON, 'high'),
  };
}

const EMPTY_SCAN: ScanResult = {
  findings: [],
  suppressed: [],
  summary: { critical: 0, high: 0, medium: 0, low: 0, files: 0, suppressed: 0, skipped: 0 },
  errors: [],
};

/** The JSON report with the probe's findings, plus a `probe` object with the run's figures. */
export function probeJson(result: ProbeResult): string {
  const report = buildJsonReport({ ...EMPTY_SCAN, probe: { findings: result.findings, errors: result.errors } }, VERSION);
  const probe = {
    target: result.target,
    method: result.method,
    tier: result.tier,
    requests: result.requests,
    maxRequests: result.maxRequests,
    elapsedMs: result.elapsedMs,
    shape: result.shape ?? null,
    responseFormat: result.responseFormat ?? null,
    calibrated: result.calibrated,
  };
  return serializeJsonReport({ ...report, probe } as typeof report);
}

export function probeSarif(result: ProbeResult): string {
  return serializeSarif(buildSarif({ toolVersion: VERSION, runs: [{ category: PROBE_CATEGORY, rules: result.rules, findings: result.findings }] }));
}

function stderrLogger(io: CommandIo, verbose: boolean): Logger {
  return {
    debug: () => {},
    info: (m) => verbose && io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
  };
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').slice(0, 400);
}

export async function runProbeCommand(argv: string[], io: CommandIo): Promise<number> {
  const env = io.env ?? process.env;
  try {
    const parsed = parse(argv, env);
    if (parsed === 'help') {
      io.stdout(PROBE_USAGE);
      return 0;
    }
    const logger = stderrLogger(io, false);
    const sourceRoot = resolve(io.cwd, parsed.source);
    const source = await collectProbeSource(sourceRoot, logger);
    const config = await loadConfig(sourceRoot);
    const raw = await runProbe({ ...parsed.options, source }, logger);
    const result = { ...raw, findings: applyRuleSettings(raw.findings, config) };
    const color = parsed.format === 'text' && !parsed.output && io.isTTY && !env['NO_COLOR'];
    const rendered = parsed.format === 'json' ? probeJson(result) : parsed.format === 'sarif' ? probeSarif(result) : renderProbeText(result, { color });
    if (parsed.output) await writeFile(resolve(io.cwd, parsed.output), rendered, 'utf8');
    else io.stdout(rendered);
    const gate = result.findings.some((f) => f.status === 'fail' && atLeast(f.severity, parsed.failOn));
    if (gate) return 1;
    if (result.blockedBy) {
      io.stderr(`promptgate probe: blocked by ${oneLine(result.blockedBy)}\n`);
      return 2;
    }
    if (result.responses === 0) {
      const why = result.errors.find((e) => /no response|unreachable|cannot resolve/.test(e.message)) ?? result.errors[0];
      io.stderr(`promptgate probe: ${oneLine(why?.message.replace(/^probe: /, '') ?? 'the target never answered')}\n`);
      return 2;
    }
    return 0;
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `probe failed: ${(error as Error)?.message ?? String(error)}`;
    io.stderr(`promptgate probe: ${oneLine(message)}\n`);
    return 2;
  }
}
