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
  size: number;
}

export interface Skip {
  relativePath: string;
  reason: string;
  /** Worth listing in `errors` (symlink escapes, special files); size skips are only counted. */
  notable: boolean;
}

export function fileKind(relativePath: string): FileKind {
  const ext = path.extname(relativePath).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  return CODE_EXTENSIONS[ext] ?? 'text';
}

export function isIgnoredPath(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts[parts.length - 1]!;
  if (IGNORED_FILES.has(name) || MINIFIED_NAME.test(name)) return true;
  if (BINARY_EXTENSIONS.has(path.extname(name).toLowerCase())) return true;
  return parts.slice(0, -1).some((dir) => IGNORED_DIRECTORIES.has(dir));
}

export interface DiscoverOptions {
  root: string;
  /** Repository-relative files or directories; default the whole root. */
  targets?: string[];
  /** Extra ignore globs (config `ignore`, Action `exclude`). */
  exclude?: string[];
  /** When set, only paths matching one of these globs are scanned (Action `paths`). */
  include?: string[];
  maxFileBytes: number;
}

export async function discoverFiles(options: DiscoverOptions): Promise<{ files: DiscoveredFile[]; skipped: Skip[] }> {
  const root = realpathSync(options.root);
  const excluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const included = options.include?.length ? picomatch(options.include, { dot: true }) : () => true;
  const files: DiscoveredFile[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();

  const consider = (absolutePath: string, explicit: boolean): void => {
    const relativePath = toRelative(root, absolutePath);
    if (seen.has(relativePath)) return;
    seen.add(relativePath);
    if (!explicit && isIgnoredPath(relativePath)) return;
    if (excluded(relativePath) || !included(relativePath)) return;
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
      skipped.push({ relativePath, reason: `larger than ${formatBytes(options.maxFileBytes)}; skipped`, notable: false });
      return;
    }
    files.push({ relativePath, absolutePath, kind: fileKind(relativePath), size: info.size });
  };

  const walk = (directory: string): void => {
    // Iterative, so deep trees cannot overflow the stack.
    const stack = [directory];
    while (stack.length > 0) {
      const current = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(current, { withFileTypes: true });
      } catch (error) {
        skipped.push({ relativePath: toRelative(root, current), reason: `cannot list: ${describeError(error)}`, notable: true });
        continue;
      }
      for (const entry of entries) {
        const absolutePath = path.join(current, entry.name);
        if (entry.isDirectory()) {
          if (IGNORED_DIRECTORIES.has(entry.name)) continue;
          const relativePath = toRelative(root, absolutePath);
          if (options.exclude?.length && excluded(relativePath + '/')) continue;
          stack.push(absolutePath);
        } else {
          consider(absolutePath, false);
        }
      }
    }
  };

  const targets = options.targets?.length ? options.targets : ['.'];
  for (const target of targets) {
    const absolute = path.resolve(root, target);
    if (!isInside(root, absolute)) {
      skipped.push({ relativePath: target, reason: 'outside the scan root; skipped', notable: true });
      continue;
    }
    let info: Stats;
    try {
      info = statSync(absolute);
    } catch (error) {
      // A target that vanished (deleted in the change) is not an error for the scan.
      skipped.push({ relativePath: toRelative(root, absolute), reason: `cannot read: ${describeError(error)}`, notable: false });
      continue;
    }
    if (info.isDirectory()) walk(absolute);
    else consider(absolute, options.targets !== undefined);
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return { files, skipped };
}

export interface ReadResult {
  text: string | undefined;
  /** One-line problem (binary, undecodable, unreadable); text may still be set (lossy decode). */
  problem: string | undefined;
  binary: boolean;
}

/** Reads and decodes a file: UTF-8 (BOM stripped), UTF-16 with BOM; binary content is refused. */
export async function readSourceFile(absolutePath: string, maxBytes: number): Promise<ReadResult> {
  return readSourceFileSync(absolutePath, maxBytes);
}

/** readSourceFile, synchronously (the scan loop: no promise per file). */
export function readSourceFileSync(absolutePath: string, maxBytes: number): ReadResult {
  let buffer: Buffer;
  try {
    const fd = openSync(absolutePath, 'r');
    try {
      const { size } = fstatSync(fd);
      buffer = Buffer.allocUnsafe(Math.min(size, maxBytes + 1));
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
    return { text: undefined, problem: `cannot read: ${describeError(error)}`, binary: false };
  }
  if (buffer.length > maxBytes) return { text: undefined, problem: `larger than ${formatBytes(maxBytes)}; skipped`, binary: false };
  return decodeBuffer(buffer);
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

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
