// The static scan pipeline: discover → read → (text rules on every file; pre-filter → parse once → bind →
// code rules on source files that may matter) → fingerprints, config and suppressions → a stably ordered
// ScanResult. Large trees are scanned on every core (parallel.ts); the result does not depend on which
// thread scanned which file, because each file is scanned whole by one thread and everything is sorted.
import { createHash } from 'node:crypto';
import type { FileModel } from '../analysis/model.js';
import { bindLlm } from '../analysis/bind.js';
import { lowerParsedPython, parseSource } from '../analysis/parse.js';
import { PythonParseThread, wantsPythonThread } from '../analysis/python/parse-thread.js';
import type { ResolvedConfig } from '../config/config.js';
import { allRules } from '../rules/index.js';
import type { CodeContext, Report, Rule, TextContext } from '../rules/types.js';
import { computeLineHashes } from '../report/fingerprint.js';
import { scanFlags, setV8Flags } from '../v8-tuning.js';
import { discoverFiles, type DiscoveredFile, type Skip, looksMinified, readSourceFileSync, decodeBuffer, fileKind, type FileKind, type ReadResult } from '../workspace/files.js';
import { ScanPool, workerPlan, type QueuedFile } from './parallel.js';
import { scanInHost, wantsScanHost } from './scan-host.js';
import { mayMatter, prefilterEnabled } from './prefilter.js';
import { findSuppression, parseSuppressions } from './suppress.js';
import {
  SEVERITY_RANK,
  silentLogger,
  type FileError,
  type Finding,
  type Logger,
  type ScanResult,
  type Summary,
} from './types.js';

export interface ScanTreeRequest {
  root: string;
  /** Repository-relative files or directories; default the whole root. */
  targets?: string[];
  config: ResolvedConfig;
  logger?: Logger;
  /** Only paths matching these globs (Action `paths`). */
  include?: string[];
  /** Never these globs (Action `exclude`), on top of config `ignore`. */
  exclude?: string[];
  /** Rules to run; default all. */
  rules?: Rule[];
  /** Worker threads besides the main thread, started from the first file to parse; default one per spare
   * core (at most 3) once there is enough to parse (parallel.ts), or PROMPTGATE_WORKERS. */
  workers?: number;
  /** Skip parsing files without any marker a code rule needs (prefilter.ts); default on, unless
   * PROMPTGATE_NO_PREFILTER is set. */
  prefilter?: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
}

export async function scanTree(request: ScanTreeRequest): Promise<ScanResult> {
  const logger = request.logger ?? silentLogger;
  const { config } = request;
  const tree = await discoverFiles({
    root: request.root,
    targets: request.targets,
    include: request.include,
    exclude: [...config.ignorePaths, ...(request.exclude ?? [])],
    maxFileBytes: config.maxFileBytes,
  });
  setV8Flags(scanFlags(process.env, tree.files.length));
  const rules = request.rules ?? allRules;
  // The host loads only the registry's rules, so a custom rule list stays on this thread.
  if (onlyRegistryRules(rules) && wantsScanHost(tree.files.length)) {
    const hosted = await scanInHost(
      { ...tree, config, ruleIds: rules.map((rule) => rule.meta.id), workers: request.workers, prefilter: request.prefilter },
      logger,
    );
    if (hosted) return hosted;
  }
  return scanDiscovered(tree, { ...request, logger, rules });
}

/** Whether every rule comes from the registry: the only rules other threads load and the pre-filter's markers cover. */
function onlyRegistryRules(rules: readonly Rule[]): boolean {
  return rules.every((rule) => allRules.includes(rule));
}

/** Scans discovered files on this thread (with the parse thread and scan workers when they pay). */
export async function scanDiscovered(
  { files, skipped }: { files: DiscoveredFile[]; skipped: Skip[] },
  request: Pick<ScanTreeRequest, 'config' | 'workers' | 'prefilter'> & { logger: Logger; rules: Rule[] },
): Promise<ScanResult> {
  const { config, logger, rules } = request;
  const prefilter = request.prefilter ?? prefilterEnabled();
  const byKind = partitionByKind(files);
  // Started now, so that the thread has loaded the grammar by the first Python file to parse.
  const pythonThread = wantsPythonThread(byKind.python.length, byKind.others.length - byKind.textFiles) ? PythonParseThread.start() : undefined;
  if (pythonThread) logger.debug('parsing Python on a thread of its own');
  const scanner = new FileScanner(config, rules, logger, prefilter, pythonThread);
  for (const skip of skipped) scanner.skip(skip.relativePath, skip.reason, skip.notable);
  // Workers load only the registry's rules, so a custom rule list stays on this thread.
  const { workers, startAt } = request.workers !== undefined ? { workers: request.workers, startAt: 1 } : workerPlan();
  const pool =
    workers > 0 && scanner.registryRulesOnly
      ? new ScanPool({ workers, startAt, setup: { config, ruleIds: rules.map((r) => r.meta.id) }, merge: (part) => scanner.merge(part), logger })
      : undefined;
  // A queued file was found to need parsing when it was read: the pre-filter does not run twice.
  const scanQueued = (file: QueuedFile): Promise<void> => scanner.scanRead(file.path, file.kind, file.read, 'parse');
  try {
    let i = 0;
    for (const file of readingOrder(files, byKind, pythonThread)) {
      i++;
      if (pool && i % 32 === 0) await pool.yieldToWorkers();
      const read = readSourceFileSync(file.absolutePath, config.maxFileBytes);
      // Files to parse are shared with the workers; the rest (text rules only) are quick to do here.
      const treatment = pool && read.text !== undefined ? scanner.treatment(file.kind, read.text) : undefined;
      if (pool && treatment === 'parse') {
        pool.push({ path: file.relativePath, kind: file.kind, read }, { read: i, total: files.length });
        await pool.keepUp(scanQueued);
      } else await scanner.scanRead(file.relativePath, file.kind, read, treatment);
    }
    await pool?.drain(scanQueued);
    await scanner.finish();
  } finally {
    pool?.close();
    scanner.close();
  }
  return scanner.result();
}

/** The Python files and the others, each in discovery order, and how many of the others are text (no source). */
interface FilesByKind {
  python: DiscoveredFile[];
  others: DiscoveredFile[];
  textFiles: number;
}

function partitionByKind(files: DiscoveredFile[]): FilesByKind {
  const byKind: FilesByKind = { python: [], others: [], textFiles: 0 };
  for (const file of files) {
    if (file.kind === 'python') byKind.python.push(file);
    else {
      byKind.others.push(file);
      if (file.kind === 'text') byKind.textFiles++;
    }
  }
  return byKind;
}

/**
 * The order to read files in. With a parse thread, Python files come first, as long as the thread has room
 * for more: it parses them while this thread reads and scans the rest, and this thread lowers each tree
 * once it is back. Otherwise the discovery order. (Findings are sorted at the end: the order never shows.)
 */
function* readingOrder(files: DiscoveredFile[], { python, others }: FilesByKind, pythonThread: PythonParseThread | undefined): Generator<DiscoveredFile> {
  if (!pythonThread) return yield* files;
  let p = 0;
  let o = 0;
  while (p < python.length || o < others.length) {
    if (p < python.length && (pythonThread.hasRoom || o === others.length)) yield python[p++]!;
    else yield others[o++]!;
  }
}

/** Scans in-memory versions of files (base versions for new-vs-existing). */
export async function scanSources(request: {
  root?: string;
  files: SourceFile[];
  config: ResolvedConfig;
  logger?: Logger;
  rules?: Rule[];
}): Promise<ScanResult> {
  const scanner = new FileScanner(request.config, request.rules ?? allRules, request.logger ?? silentLogger, prefilterEnabled());
  const sorted = [...request.files].sort((a, b) => compare(a.path, b.path));
  for (const file of sorted) {
    const bytes = Buffer.from(file.text, 'utf8');
    if (bytes.length > request.config.maxFileBytes) {
      scanner.skip(file.path, 'too large; skipped', false);
      continue;
    }
    await scanner.scanRead(file.path, fileKind(file.path), decodeBuffer(bytes));
  }
  return scanner.result();
}

/**
 * Marks each finding new unless the base has a finding of the same rule in the same file on an identical
 * line (whitespace ignored). Counted as a multiset, so a second copy of an existing line is new. The
 * line-content hash alone is too brittle here: it also covers the next ~100 characters.
 */
export function markNew(findings: Finding[], baseFindings: Finding[]): void {
  const base = new Map<string, number>();
  for (const finding of baseFindings) {
    const key = findingKey(finding);
    base.set(key, (base.get(key) ?? 0) + 1);
  }
  for (const finding of findings) {
    const key = findingKey(finding);
    const left = base.get(key) ?? 0;
    finding.new = left === 0;
    if (left > 0) base.set(key, left - 1);
  }
}

function lineKey(line: string): string {
  return createHash('sha256').update(line.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 24);
}

function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.file}\u0000${finding.lineKey ?? finding.fingerprint}`;
}

/** A rule's report on a file, before it becomes a finding. */
interface Reported {
  rule: Rule;
  report: Report;
}

/** How a readable file is scanned (FileScanner.treatment). */
export type Treatment = 'minified' | 'text' | 'parse';

/** What a thread found in the files it scanned; merged into the main thread's scanner. */
export interface ScanPart {
  findings: Finding[];
  suppressed: Finding[];
  errors: FileError[];
  files: number;
  skipped: number;
}

export class FileScanner {
  private findings: Finding[] = [];
  private suppressed: Finding[] = [];
  private errors: FileError[] = [];
  private files = 0;
  private skipped = 0;
  private readonly textRules: Rule[];
  private readonly codeRules: Rule[];
  /** Every rule comes from the registry: workers (which load only the registry) and the pre-filter (whose
   * markers cover only the registry's rules) may be used. */
  readonly registryRulesOnly: boolean;
  /** The pre-filter's markers cover the registry's rules only: any other rule sees every file. */
  private readonly prefilter: boolean;

  /** Python files out on the parse thread, by ticket: what scanning them needs once their tree is back. */
  private readonly awaitingTrees = new Map<number, { path: string; text: string; reports: Reported[] }>();
  /** Files sent to the parse thread that it could not parse (parsed here instead). */
  private pythonFallbacks = 0;
  /** `pythonThread`: parses the Python files (parse-thread.ts); the scanner closes it in close(). */
  constructor(
    private readonly config: ResolvedConfig,
    rules: Rule[],
    private readonly logger: Logger,
    prefilter: boolean,
    private pythonThread?: PythonParseThread,
  ) {
    const enabled = rules.filter((rule) => config.rules[rule.meta.id]?.enabled !== false);
    this.textRules = enabled.filter((rule) => rule.checkText);
    this.codeRules = enabled.filter((rule) => rule.checkCode);
    this.registryRulesOnly = onlyRegistryRules(rules);
    this.prefilter = prefilter && this.registryRulesOnly;
  }

  /** Hands over what was found so far and starts afresh (a worker's batch result). */
  take(): ScanPart {
    const part: ScanPart = { findings: this.findings, suppressed: this.suppressed, errors: this.errors, files: this.files, skipped: this.skipped };
    this.findings = [];
    this.suppressed = [];
    this.errors = [];
    this.files = 0;
    this.skipped = 0;
    return part;
  }

  merge(part: ScanPart): void {
    this.findings.push(...part.findings);
    this.suppressed.push(...part.suppressed);
    this.errors.push(...part.errors);
    this.files += part.files;
    this.skipped += part.skipped;
  }

  /**
   * What scanning a readable file means: skipping it (a minified bundle), the text rules alone, or parsing
   * it as well (a code rule could report in it). Asked once per file: it runs the pre-filter.
   */
  treatment(kind: FileKind, text: string): Treatment {
    if ((kind === 'javascript' || kind === 'typescript') && looksMinified(text)) return 'minified';
    if (kind === 'text' || this.codeRules.length === 0) return 'text';
    return !this.prefilter || mayMatter(kind, text, this.config) ? 'parse' : 'text';
  }

  skip(file: string, reason: string, notable: boolean): void {
    this.skipped++;
    if (notable) this.errors.push({ file, message: reason });
  }

  /** `treatment`: the file's, when the caller already asked for it. */
  async scanRead(path: string, kind: FileKind, read: ReadResult, treatment?: Treatment): Promise<void> {
    if (this.pythonThread) await this.scanParsedPython();
    if (read.tooLarge) {
      this.skip(path, read.problem!, false);
      return;
    }
    if (read.binary) {
      this.skip(path, 'binary file; skipped', false);
      return;
    }
    if (read.text === undefined) {
      this.skip(path, read.problem ?? 'cannot read', true);
      return;
    }
    if (read.problem) this.errors.push({ file: path, message: read.problem });
    treatment ??= this.treatment(kind, read.text);
    if (treatment === 'minified') {
      this.skip(path, 'minified bundle; skipped', false);
      return;
    }
    this.files++;
    await this.guarded(path, () => this.scanText(path, kind, read.text!, treatment === 'parse'));
  }

  /** A rule or parser bug must not lose the rest of the scan: it becomes the file's error. */
  private async guarded(path: string, scan: () => Promise<void>): Promise<void> {
    try {
      await scan();
    } catch (error) {
      const message = (error as Error)?.message?.split('\n')[0] ?? String(error);
      this.errors.push({ file: path, message: `internal error while scanning: ${message}` });
      this.logger.debug(`${path}: ${(error as Error)?.stack ?? message}`);
    }
  }

  /** Scans the Python files whose trees came back from the parse thread (without waiting for more). */
  private async scanParsedPython(): Promise<void> {
    if (!this.pythonThread) return;
    for (const { id, outcome } of this.pythonThread.take()) {
      const file = this.awaitingTrees.get(id)!;
      this.awaitingTrees.delete(id);
      if ('unparsed' in outcome) {
        this.pythonFallbacks++;
        this.logger.debug(`${file.path}: parsed on the main thread (${outcome.unparsed})`);
      }
      await this.guarded(file.path, async () => this.scanModel(file.path, file.text, file.reports, await lowerParsedPython(file.path, file.text, outcome)));
    }
  }

  /** Waits for every file still on the parse thread and scans it; call before result(), then close(). */
  async finish(): Promise<void> {
    const thread = this.pythonThread;
    if (!thread) return;
    await this.scanRepliesWhile(thread, () => thread.inFlight > 0);
    this.logger.debug(`parse thread: ${thread.submitted - this.pythonFallbacks} Python files parsed there, ${this.pythonFallbacks} parsed on the main thread instead`);
  }

  /** Waits for the parse thread's replies and scans the files that came back, for as long as `more()` holds. */
  private async scanRepliesWhile(thread: PythonParseThread, more: () => boolean): Promise<void> {
    while (more()) {
      await thread.waitForReply();
      await this.scanParsedPython();
    }
  }

  /** Stops the parse thread without waiting for it (after finish(), or a scan that failed). */
  close(): void {
    this.pythonThread?.close();
    this.pythonThread = undefined;
  }

  private async scanText(path: string, kind: FileKind, text: string, parse: boolean): Promise<void> {
    const reports: Reported[] = [];
    for (const rule of this.textRules) {
      const context: TextContext = { kind: 'text', path, text, config: this.config, report: (report) => reports.push({ rule, report }) };
      rule.checkText!(context);
    }
    if (parse && kind === 'python') {
      const thread = this.pythonThread;
      if (thread) {
        // Bounded, so that memory does not grow with the files read ahead of the thread.
        await this.scanRepliesWhile(thread, () => !thread.hasRoom);
        this.awaitingTrees.set(thread.submit(text), { path, text, reports });
        return;
      }
    }
    this.scanModel(path, text, reports, parse ? await parseSource(path, kind, text) : undefined);
  }

  /** Runs the code rules on `model` (when the file was parsed) and records the file's reports as findings. */
  private scanModel(path: string, text: string, reports: Reported[], model: FileModel | undefined): void {
    if (model) {
      const [first, ...more] = model.syntaxErrors;
      if (first) {
        const others = more.length > 0 ? ` (and ${more.length} more)` : '';
        this.errors.push({ file: path, message: `syntax error at ${first.line}:${first.column}: ${first.message}${others}; scanned as far as it parses` });
      }
      const llm = bindLlm(model, this.config.llmWrappers);
      for (const rule of this.codeRules) {
        const context: CodeContext = { kind: 'code', path, model, llm, config: this.config, report: (report) => reports.push({ rule, report }) };
        rule.checkCode!(context);
      }
    }
    if (reports.length === 0) return;

    const lastLine = Math.max(...reports.map(({ report }) => report.span.line));
    const hashes = computeLineHashes(text, lastLine);
    const lines = firstLines(text, lastLine);
    const suppressions = parseSuppressions(text);
    for (const suppression of suppressions) {
      if (suppression.ruleIds.length === 0)
        this.errors.push({ file: path, message: `line ${suppression.line}: promptgate-ignore needs a rule id and a reason ("promptgate-ignore <rule-id>: <reason>"); ignored` });
      else if (!suppression.reason)
        this.errors.push({ file: path, message: `line ${suppression.line}: promptgate-ignore ${suppression.ruleIds.join(', ')} has no reason ("promptgate-ignore <rule-id>: <reason>"); the finding still counts` });
    }
    const seen = new Set<string>();
    for (const { rule, report } of reports) {
      const { meta } = rule;
      const override = this.config.rules[meta.id]?.severity;
      const finding: Finding = {
        ruleId: meta.id,
        severity: override ?? report.severity ?? meta.severity,
        title: meta.title,
        message: report.message,
        file: path,
        line: report.span.line,
        column: report.span.column,
        endLine: report.span.endLine,
        endColumn: report.span.endColumn,
        cwe: meta.cwe,
        owasp: meta.owasp,
        fingerprint: hashes[report.span.line - 1] ?? hashes[hashes.length - 1] ?? '0:1',
        lineKey: lineKey(lines[report.span.line - 1] ?? ''),
      };
      if (report.evidence !== undefined) finding.evidence = report.evidence;
      if (report.flow && report.flow.length > 0) finding.flow = report.flow;
      // One finding per rule per position: the first report wins (rules need not deduplicate).
      const key = `${finding.ruleId}:${finding.line}:${finding.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const suppression = findSuppression(suppressions, meta.id, finding.line);
      if (suppression) {
        finding.suppressed = { kind: 'inline', reason: suppression.reason! };
        this.suppressed.push(finding);
      } else this.findings.push(finding);
    }
  }

  result(): ScanResult {
    sortFindings(this.findings);
    sortFindings(this.suppressed);
    this.errors.sort((a, b) => compare(a.file, b.file) || compare(a.message, b.message));
    const summary: Summary = { critical: 0, high: 0, medium: 0, low: 0, files: this.files, suppressed: this.suppressed.length, skipped: this.skipped };
    for (const finding of this.findings) summary[finding.severity]++;
    return { findings: this.findings, suppressed: this.suppressed, summary, errors: this.errors };
  }
}

/** Lines 1..upTo as `text.split(/\r\n|\r|\n/)` gives them (fewer when the file is shorter), without
 * splitting the rest of the file. */
export function firstLines(text: string, upTo: number): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && lines.length < upTo; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lines.push(text.slice(start, i));
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (lines.length < upTo) lines.push(text.slice(start));
  return lines;
}

export function sortFindings(findings: Finding[]): void {
  findings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.ruleId, b.ruleId) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
