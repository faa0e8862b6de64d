// What the Python front end knows about the standard library and web frameworks, as data. Paths are
// canonical dotted paths: the first segment is resolved through the file's imports, so `from os import
// getenv` makes `getenv(...)` read as `os.getenv(...)`.
import type { EnvRead } from '../model.js';

/** Calls that never return: an `if` branch ending in one of them leaves the function. `abort`, `exit`
 * and `quit` also count unimported (Flask code often calls an `abort` re-exported by a local module). */
export const EXIT_CALLS: ReadonlySet<string> = new Set([
  'abort',
  'exit',
  'quit',
  'flask.abort',
  'werkzeug.exceptions.abort',
  'sys.exit',
  'os._exit',
  'os.abort',
]);

/** The environment as a mapping: `os.environ["X"]`. */
export const ENV_MAPPINGS: ReadonlySet<string> = new Set(['os.environ']);

/** Calls whose first argument (or `key=`) names an environment variable. */
export const ENV_READ_CALLS: ReadonlyMap<string, EnvRead['via']> = new Map<string, EnvRead['via']>([
  ['os.environ.get', 'os.environ'],
  ['os.environ.setdefault', 'os.environ'],
  ['os.environ.pop', 'os.environ'],
  ['os.getenv', 'os.getenv'],
]);

/** Iterators with no end: `for _ in itertools.count():` loops forever like `while True:`. The number is
 * the most positional arguments the call may have and still be endless (`repeat(x)` vs `repeat(x, 3)`). */
export const ENDLESS_ITERATORS: ReadonlyMap<string, number> = new Map([
  ['itertools.count', 2],
  ['itertools.cycle', 1],
  ['itertools.repeat', 1],
]);

/** At most this many syntax errors are listed per file; a binary or non-Python file would list thousands. */
export const MAX_SYNTAX_ISSUES = 100;

/** Expression trees deeper than this are cut (the cut node becomes `other` with op 'deep'), so rules
 * that walk expressions recursively stay far from the JS stack limit on adversarial input. */
export const MAX_EXPR_DEPTH = 500;
