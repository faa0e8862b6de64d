// File discovery and reading: what gets scanned, what is skipped and why. Never follows a symlink out of
// the scan root, never reads special files, and turns every read problem into a one-line error.
// File system calls are synchronous on purpose: for thousands of small files the promise API's thread-pool
// round trips cost more than the reads themselves (docs/performance.md), and a scan has nothing to overlap
// them with (worker threads read their own files).
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export type FileKind = 'python' | 'typescript' | 'javascript' | 'html' | 'text';

const CODE_EXTENSIONS: Record<string, FileKind> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

/** Directories that hold dependencies, virtualenvs, VCS data or build output: never scanned. */
export const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'venv',
  '.venv',
  'env',
  '.env.d',
  'virtualenv',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.output',
  '.vercel',
  '.turbo',
  '.cache',
  'coverage',
  'bower_components',
  'vendor',
  '.terraform',
]);

/** Lockfiles and generated manifests: full of hashes that look like keys, never hand-edited. */
export const IGNORED_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'Cargo.lock',
  'composer.lock',
  'Gemfile.lock',
  'go.sum',
]);

const BINARY_EXTENSIONS = new Set(
  (
    '.png .jpg .jpeg .gif .webp .ico .bmp .tiff .svgz .pdf .zip .gz .tgz .bz2 .xz .7z .rar .jar .war .class ' +
    '.wasm .so .dylib .dll .exe .bin .o .a .pyc .pyo .woff .woff2 .ttf .otf .eot .mp3 .mp4 .mov .avi .webm ' +
    '.ogg .wav .flac .sqlite .db .parquet .pkl .pt .onnx .safetensors .npy .npz .h5 .ipynb_checkpoints'
  ).split(' '),
);

const MINIFIED_NAME = /\.min\.(js|mjs|cjs|css)$|[.-]bundle\.(js|mjs)$|\.chunk\.js$/;

export interface DiscoveredFile {
  /** Repository-relative, forward slashes. */
  relativePath: string;
  absolutePath: string;
  kind: FileKind;
}

export interface Skip {
  relativePath: string;
  reason: string;
  /** Worth listing in `errors` (symlink escapes, special files); size skips are only counted. */
  notable: boolean;
}

export function fileKind(relativePath: string): FileKind {
  return kindOfExtension(path.extname(relativePath).toLowerCase());
}

function kindOfExtension(ext: string): FileKind {
  if (ext === '.html' || ext === '.htm') return 'html';
  return CODE_EXTENSIONS[ext] ?? 'text';
}

export function isIgnoredPath(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts[parts.length - 1]!;
  return isIgnoredName(name, path.extname(name).toLowerCase()) || parts.slice(0, -1).some((dir) => IGNORED_DIRECTORIES.has(dir));
}

/** Lockfiles, minified bundles and binary formats, by name alone. */
function isIgnoredName(name: string, ext: string): boolean {
  return IGNORED_FILES.has(name) || BINARY_EXTENSIONS.has(ext) || MINIFIED_NAME.test(name);
}

export interface DiscoverOptions {
  root: string;
  /** Repository-relative files or directories; default the whole root. */
  targets?: string[];
  /** Extra ignore globs (config `ignore`, Action `exclude`). */
  exclude?: string[];
  /** When set, only paths matching one of these globs are scanned (Action `paths`). */
  include?: string[];
  /** Files larger than this are skipped (counted, not listed). A regular file met by the walk is not stat'ed
   * here: readSourceFileSync measures it when it opens it, and reports the same skip (`tooLarge`). */
  maxFileBytes: number;
}

/** A directory to list: its absolute and repository-relative path ('.' for the root). */
interface PendingDirectory {
  absolutePath: string;
  relativePath: string;
}

/**
 * The files to scan, sorted by path, and what was skipped. Cheap per file on purpose (thousands of files):
 * the walk tracks relative paths instead of computing them, takes a regular file's type from the directory
 * listing (no stat; its size is checked when it is read), and calls the glob matchers only when globs are set.
 * Symlinks, special files and explicit targets are stat'ed, as they need to be.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<{ files: DiscoveredFile[]; skipped: Skip[] }> {
  const root = realpathSync(options.root);
  const excluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const included = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const files: DiscoveredFile[] = [];
  const skipped: Skip[] = [];
  const targets = options.targets?.length ? options.targets : ['.'];
  // Only overlapping targets can meet a path twice: one walk never does (symlinked directories are not followed).
  const seen = targets.length > 1 ? new Set<string>() : undefined;

  /** Whether a path is new and passes the ignore lists and globs; `ignored` says the built-in lists drop it. */
  const wanted = (relativePath: string, ignored: boolean): boolean => {
    if (seen) {
      if (seen.has(relativePath)) return false;
      seen.add(relativePath);
    }
    if (ignored) return false;
    return !excluded?.(relativePath) && (included === undefined || included(relativePath));
  };

  /** A path whose type is not known yet (explicit target) or not a regular file (symlink, FIFO, device). */
  const considerByStat = (absolutePath: string, relativePath: string): void => {
    let info: Stats;
    try {
      info = lstatSync(absolutePath);
    } catch (error) {
      skipped.push({ relativePath, reason: `cannot read: ${describeError(error)}`, notable: true });
      return;
    }
    if (info.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(absolutePath);
      } catch {
        skipped.push({ relativePath, reason: 'broken symlink; not followed', notable: true });
        return;
      }
      if (!isInside(root, target)) {
        skipped.push({ relativePath, reason: 'symlink points outside the scan root; not followed', notable: true });
        return;
      }
      // Inside the root the target is scanned under its own path: skipping the link avoids duplicates and cycles.
      return;
    }
    if (!info.isFile()) {
      skipped.push({ relativePath, reason: 'not a regular file (device, FIFO or socket); skipped', notable: true });
      return;
    }
    if (info.size > options.maxFileBytes) {
      skipped.push({ relativePath, reason: tooLargeReason(options.maxFileBytes), notable: false });
      return;
    }
    files.push({ relativePath, absolutePath, kind: fileKind(relativePath) });
  };

  const walk = (start: PendingDirectory): void => {
    // The walk drops ignored directories as it meets them; only the start's own path can still hold one.
    const startIgnored = start.relativePath.split('/').some((dir) => IGNORED_DIRECTORIES.has(dir));
    // Iterative, so deep trees cannot overflow the stack.
    const stack = [start];
    while (stack.length > 0) {
      const current = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(current.absolutePath, { withFileTypes: true });
      } catch (error) {
        skipped.push({ relativePath: current.relativePath, reason: `cannot list: ${describeError(error)}`, notable: true });
        continue;
      }
      // Names never hold a separator, so concatenation is path.join without its normalising cost.
      const absolutePrefix = current.absolutePath.endsWith(path.sep) ? current.absolutePath : current.absolutePath + path.sep;
      const relativePrefix = current.relativePath === '.' ? '' : current.relativePath + '/';
      for (const entry of entries) {
        const name = entry.name;
        const relativePath = relativePrefix + name;
        if (entry.isDirectory()) {
          if (IGNORED_DIRECTORIES.has(name)) continue;
          if (excluded?.(relativePath + '/')) continue;
          stack.push({ absolutePath: absolutePrefix + name, relativePath });
          continue;
        }
        const ext = path.extname(name).toLowerCase();
        if (!wanted(relativePath, startIgnored || isIgnoredName(name, ext))) continue;
        if (entry.isFile()) files.push({ relativePath, absolutePath: absolutePrefix + name, kind: kindOfExtension(ext) });
        else considerByStat(absolutePrefix + name, relativePath);
      }
    }
  };

  for (const target of targets) {
    const absolutePath = path.resolve(root, target);
    if (!isInside(root, absolutePath)) {
      skipped.push({ relativePath: target, reason: 'outside the scan root; skipped', notable: true });
      continue;
    }
    const relativePath = toRelative(root, absolutePath);
    let info: Stats;
    try {
      info = statSync(absolutePath);
    } catch (error) {
      // A target that vanished (deleted in the change) is not an error for the scan.
      skipped.push({ relativePath, reason: `cannot read: ${describeError(error)}`, notable: false });
      continue;
    }
    if (info.isDirectory()) walk({ absolutePath, relativePath });
    // A file named explicitly is scanned even if its name is on an ignore list (not the globs).
    else if (wanted(relativePath, options.targets === undefined && isIgnoredPath(relativePath))) considerByStat(absolutePath, relativePath);
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return { files, skipped };
}

export interface ReadResult {
  text: string | undefined;
  /** One-line problem (binary, undecodable, unreadable); text may still be set (lossy decode). */
  problem: string | undefined;
  binary: boolean;
  /** Over maxBytes, so not read (problem says so): a skip that is counted, not listed, like discovery's. */
  tooLarge?: boolean;
}

/**
 * Reads and decodes a file: UTF-8 (BOM stripped), UTF-16 with BOM; binary content is refused. Synchronous,
 * like discovery (see the top of this file): the scan loop makes no promise per file.
 */
export function readSourceFileSync(absolutePath: string, maxBytes: number): ReadResult {
  let buffer: Buffer;
  try {
    const fd = openSync(absolutePath, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > maxBytes) return tooLargeResult(maxBytes);
      buffer = Buffer.allocUnsafe(size);
      let bytesRead = 0;
      while (bytesRead < buffer.length) {
        const n = readSync(fd, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
        if (n === 0) break;
        bytesRead += n;
      }
      buffer = buffer.subarray(0, bytesRead);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    // Discovery used to measure every file before reading: an unreadable file over the limit stays a quiet size skip.
    if (sizeOrZero(absolutePath) > maxBytes) return tooLargeResult(maxBytes);
    return { text: undefined, problem: `cannot read: ${describeError(error)}`, binary: false };
  }
  return decodeBuffer(buffer);
}

function tooLargeResult(maxBytes: number): ReadResult {
  return { text: undefined, problem: tooLargeReason(maxBytes), binary: false, tooLarge: true };
}

function sizeOrZero(absolutePath: string): number {
  try {
    return lstatSync(absolutePath).size;
  } catch {
    return 0;
  }
}

export function decodeBuffer(buffer: Uint8Array): ReadResult {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), problem: undefined, binary: false };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), problem: undefined, binary: false };
  const head = buffer.subarray(0, 8192);
  if (head.includes(0)) return { text: undefined, problem: undefined, binary: true };
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const body = buffer.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), problem: undefined, binary: false };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(body),
      problem: 'not valid UTF-8; scanned with invalid bytes replaced',
      binary: false,
    };
  }
}

/** Minified code: long lines carrying most of the bytes. Parsing it costs much and finds nothing useful. */
export function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let longBytes = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > 1000) longBytes += end - start;
    start = end + 1;
  }
  return longBytes / text.length > 0.8 && /[;,{}()]\S/.test(text.slice(0, 2000)) && !/\n\s{2,}\S/.test(text.slice(0, 4000));
}

function toRelative(root: string, absolutePath: string): string {
  const relative = path.relative(root, absolutePath);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error)?.message?.split('\n')[0] ?? String(error);
}

function tooLargeReason(maxBytes: number): string {
  return `larger than ${formatBytes(maxBytes)}; skipped`;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
