// Dangerous sinks as data: the calls, assignments and JSX attributes where model output (or model-chosen
// tool arguments) turns into code, commands, queries, markup, paths, URLs or objects. The matcher in
// analysis/sinks.ts reads only these tables; the output-* and agency-tool-args-sink rules name sink kinds.
// Sources: ../shared/reference/static-rules.md (b) O1–O8 and A1.
//
// Callee notation:
// - `module:path` is import-bound: `subprocess:run` matches `subprocess.run(...)` after `import subprocess`,
//   `sp.run(...)` after `import subprocess as sp`, `run(...)` after `from subprocess import run`;
//   `child_process:exec` matches `exec` from `import { exec } from 'node:child_process'` or
//   `const { exec } = require('child_process')`. `module:default` is the module (or its default export)
//   called directly: `axios(url)`. The `node:` prefix is ignored; see MODULE_ALIASES for sub-paths.
// - a plain dotted name is a global: `eval`, `fetch`, `document.write` (only when not imported).
// - `.name` is a method on any receiver, narrowed by `receiver` / `receiverFrom`.
import type { Severity } from '../core/types.js';
import type { SanitizerKind } from './taint.js';

export type SinkKind = 'code-exec' | 'shell' | 'sql' | 'html' | 'markdown' | 'file-path' | 'outbound-url' | 'deserialize';

/** Where the dangerous value sits. */
export interface ValueSlot {
  /** Positional argument index. */
  position?: number;
  /** Python keyword that can carry the same value (`requests.get(url=...)`, `subprocess.run(args=...)`). */
  keyword?: string;
  /** Dotted property inside an object-literal argument at `position` (`dangerouslySetInnerHTML.__html`). */
  property?: string;
  /** The value is the receiver of a method sink (`Path(p).write_text(...)` → the path). */
  receiver?: boolean;
  /** This position and every later positional argument (JSX children). */
  rest?: boolean;
  /** Skip an object-literal argument (an options bag: only its named `property` slots count). */
  scalar?: boolean;
  /**
   * Argv-style process calls: only the program (and the script after an interpreter's `-c`) is dangerous.
   * Python: the list at `position`; JS: the program at `position` and its argument array after it.
   */
  argv?: boolean;
}

/** A keyword / option condition. Python: keyword argument (or positional `position`). JS: a property of
 * any object-literal argument (or the argument at `position`). */
export interface SinkCondition {
  option: string;
  position?: number;
  test:
    | 'truthy' // present and not false/None/null/0/''
    | 'falsy' // absent, or a false-like literal
    | 'absent'
    | { matches: string } // a string literal matching this regex
    | { notMatches: string } // absent, or a string literal not matching
    | { notIn: string[] } // absent, or a name/dotted path whose last segment is not listed
    | { hasPlugin: string; lacksPlugin: string }; // an array holding an import of one module and none of another
}

export interface SinkModel {
  /** Stable id, `<language>.<name>`: shown in messages and tests. */
  id: string;
  kind: SinkKind;
  language: 'python' | 'js';
  callees: string[];
  /** `new X(...)` only (JS); Python constructor calls are plain calls. */
  isNew?: boolean;
  /** For `.name` callees: the receiver's last dotted segment must match. */
  receiver?: RegExp;
  /** For `.name` callees: or the receiver was built by one of these callees (same notation). */
  receiverFrom?: string[];
  value: ValueSlot[];
  /** All must hold. */
  when?: SinkCondition[];
  /** What the value reaches, for messages: "the shell (os.system)". */
  description: string;
  severity: Severity;
  cwe: string[];
  /** File sinks: reading is less severe than writing or deleting. */
  access?: 'read' | 'write';
}

/** Assignments to these member names write markup: `el.innerHTML = x`. */
export interface AssignmentSinkModel {
  id: string;
  kind: SinkKind;
  language: 'js';
  /** Target's last member. */
  members: string[];
  description: string;
  severity: Severity;
  cwe: string[];
}

/** Module specifiers that name a sub-path of another module: `fs/promises` is `fs` + `promises.`. */
export const MODULE_ALIASES: Record<string, { module: string; prefix: string }> = {
  'fs/promises': { module: 'fs', prefix: 'promises' },
  'fs-extra': { module: 'fs', prefix: '' },
  'graceful-fs': { module: 'fs', prefix: '' },
  'child_process': { module: 'child_process', prefix: '' },
};

/** Programs that run their argument as code: `["bash", "-c", x]`, `["python", "-c", x]`, `spawn('node', ['-e', x])`. */
export const INTERPRETERS = /^(?:.*\/)?(?:sh|bash|zsh|dash|ksh|fish|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|python[\d.]*|node|deno|bun|ruby|perl|php|osascript)$/;
export const INTERPRETER_FLAGS = ['-c', '-e', '/c', '/C', '-Command', '-command', '--eval', '-p', '--print', 'eval'];

const PY_SUBPROCESS = ['run', 'call', 'check_call', 'check_output', 'Popen'].map((f) => `subprocess:${f}`);
const JS_SPAWN = ['spawn', 'spawnSync', 'execFile', 'execFileSync'].map((f) => `child_process:${f}`);
/** Python DB-API / SQLAlchemy receivers by name. */
const PY_DB_RECEIVER = /^(?:cur|cursor|c|con|conn|connection|db|database|session|sess|engine|tx|txn|transaction|sqlite|pg|duck|\w+_(?:cursor|cur|conn|connection|db|session|engine))$/i;
const PY_DB_CONSTRUCTORS = [
  '.cursor',
  '.connect',
  'sqlite3:connect',
  'psycopg2:connect',
  'psycopg:connect',
  'pymysql:connect',
  'mysql.connector:connect',
  'duckdb:connect',
  'sqlalchemy:create_engine',
  'sqlalchemy.orm:Session',
  'sqlalchemy.orm:sessionmaker',
];
/** JS SQL clients by receiver name: `pool.query`, `dbClient.query`, `conn.execute`. */
const JS_DB_RECEIVER = /^(?:pool|client|db|conn|connection|pg|mysql|sql|database|tx|trx|knex|sqlite|\w*(?:Pool|Db|DB|Client|Conn|Connection|Database))$/;
const JS_DB_CONSTRUCTORS = ['pg:Pool', 'pg:Client', 'mysql2:createConnection', 'mysql2:createPool', 'mysql2/promise:createConnection', 'mysql2/promise:createPool', 'mysql:createConnection', 'mysql:createPool', 'better-sqlite3:default', 'sqlite3:Database'];
const LANGCHAIN_SQL_DATABASE = ['langchain_community.utilities', 'langchain.utilities', 'langchain.sql_database', 'langchain_community.utilities.sql_database'].flatMap((m) => [`${m}:SQLDatabase`, `${m}:SQLDatabase.from_uri`]);

const PY_OPEN_WRITE: SinkCondition = { option: 'mode', position: 1, test: { matches: '[wax+]' } };
const PY_OPEN_READ: SinkCondition = { option: 'mode', position: 1, test: { notMatches: '[wax+]' } };

export const SINKS: SinkModel[] = [
  // ---- code execution (O1) ----
  { id: 'py.eval', kind: 'code-exec', language: 'python', callees: ['eval', 'exec', 'builtins:eval', 'builtins:exec'], value: [{ position: 0 }], description: 'eval/exec', severity: 'critical', cwe: ['CWE-94'] },
  { id: 'py.compile', kind: 'code-exec', language: 'python', callees: ['compile', 'builtins:compile'], value: [{ position: 0 }], description: 'compile()', severity: 'critical', cwe: ['CWE-94'] },
  { id: 'js.eval', kind: 'code-exec', language: 'js', callees: ['eval', 'window.eval', 'globalThis.eval'], value: [{ position: 0 }], description: 'eval()', severity: 'critical', cwe: ['CWE-94'] },
  { id: 'js.function', kind: 'code-exec', language: 'js', callees: ['Function', 'window.Function', 'globalThis.Function'], value: [{ position: 0, rest: true }], description: 'the Function constructor', severity: 'critical', cwe: ['CWE-94'] },
  {
    id: 'js.vm',
    kind: 'code-exec',
    language: 'js',
    callees: ['vm:runInNewContext', 'vm:runInThisContext', 'vm:runInContext', 'vm:compileFunction'],
    value: [{ position: 0 }],
    description: 'node:vm (not a sandbox)',
    severity: 'critical',
    cwe: ['CWE-94'],
  },
  { id: 'js.vm-script', kind: 'code-exec', language: 'js', callees: ['vm:Script', 'vm:SourceTextModule'], isNew: true, value: [{ position: 0 }], description: 'new vm.Script (not a sandbox)', severity: 'critical', cwe: ['CWE-94'] },
  {
    id: 'js.timer-string',
    kind: 'code-exec',
    language: 'js',
    callees: ['setTimeout', 'setInterval', 'window.setTimeout', 'window.setInterval', 'globalThis.setTimeout', 'globalThis.setInterval'],
    value: [{ position: 0 }],
    description: 'a string timer (evaluated as code)',
    severity: 'critical',
    cwe: ['CWE-94'],
  },

  // ---- shell (O2) ----
  { id: 'py.os-system', kind: 'shell', language: 'python', callees: ['os:system', 'os:popen', 'subprocess:getoutput', 'subprocess:getstatusoutput', 'commands:getoutput'], value: [{ position: 0, keyword: 'cmd' }], description: 'the shell', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'py.asyncio-shell', kind: 'shell', language: 'python', callees: ['asyncio:create_subprocess_shell'], value: [{ position: 0, keyword: 'cmd' }], description: 'the shell (asyncio.create_subprocess_shell)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'py.subprocess-shell', kind: 'shell', language: 'python', callees: PY_SUBPROCESS, when: [{ option: 'shell', test: 'truthy' }], value: [{ position: 0, keyword: 'args' }], description: 'the shell (subprocess with shell=True)', severity: 'critical', cwe: ['CWE-78'] },
  // argv form: only a model-chosen program (or interpreter script) is reported; arguments to a fixed binary are not.
  { id: 'py.subprocess-argv', kind: 'shell', language: 'python', callees: [...PY_SUBPROCESS, 'asyncio:create_subprocess_exec', 'os:execv', 'os:execvp'], when: [{ option: 'shell', test: 'falsy' }], value: [{ position: 0, keyword: 'args', argv: true }], description: 'a process the model chooses (subprocess argv)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'py.pexpect', kind: 'shell', language: 'python', callees: ['pexpect:run', 'pexpect:spawn'], value: [{ position: 0, keyword: 'command' }], description: 'a command line (pexpect)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'py.ssh-exec', kind: 'shell', language: 'python', callees: ['.exec_command'], value: [{ position: 0, keyword: 'command' }], description: 'a remote shell (exec_command)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'js.exec', kind: 'shell', language: 'js', callees: ['child_process:exec', 'child_process:execSync', 'shelljs:exec', 'execa:execaCommand', 'execa:execaCommandSync'], value: [{ position: 0 }], description: 'the shell (child_process.exec)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'js.spawn-shell', kind: 'shell', language: 'js', callees: JS_SPAWN, when: [{ option: 'shell', test: 'truthy' }], value: [{ position: 0, scalar: true }, { position: 1, scalar: true }], description: 'the shell (spawn with shell: true)', severity: 'critical', cwe: ['CWE-78'] },
  { id: 'js.spawn-argv', kind: 'shell', language: 'js', callees: [...JS_SPAWN, 'execa:execa', 'execa:execaSync'], when: [{ option: 'shell', test: 'falsy' }], value: [{ position: 0, argv: true }], description: 'a process the model chooses (spawn)', severity: 'critical', cwe: ['CWE-78'] },

  // ---- SQL (O3) ----
  { id: 'py.dbapi-execute', kind: 'sql', language: 'python', callees: ['.execute', '.executemany', '.executescript'], receiver: PY_DB_RECEIVER, receiverFrom: PY_DB_CONSTRUCTORS, value: [{ position: 0 }], description: 'a SQL query (execute)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'py.sqlalchemy-text', kind: 'sql', language: 'python', callees: ['sqlalchemy:text', 'sqlalchemy.sql:text', 'sqlalchemy.sql.expression:text'], value: [{ position: 0 }], description: 'a SQL query (sqlalchemy.text)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'py.pandas-sql', kind: 'sql', language: 'python', callees: ['pandas:read_sql', 'pandas:read_sql_query'], value: [{ position: 0, keyword: 'sql' }], description: 'a SQL query (pandas.read_sql)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'py.django-raw', kind: 'sql', language: 'python', callees: ['.raw'], receiver: /^objects$/, value: [{ position: 0, keyword: 'raw_query' }], description: 'a SQL query (Django .raw)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'py.langchain-sql-run', kind: 'sql', language: 'python', callees: ['.run'], receiverFrom: LANGCHAIN_SQL_DATABASE, value: [{ position: 0, keyword: 'command' }], description: 'a SQL query (SQLDatabase.run)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'js.db-query', kind: 'sql', language: 'js', callees: ['.query', '.execute'], receiver: JS_DB_RECEIVER, receiverFrom: JS_DB_CONSTRUCTORS, value: [{ position: 0, scalar: true }, { position: 0, property: 'text' }, { position: 0, property: 'sql' }], description: 'a SQL query (query)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'js.db-exec', kind: 'sql', language: 'js', callees: ['.exec'], receiver: /^(?:db|database|sqlite|\w*(?:Db|DB|Database))$/, receiverFrom: ['better-sqlite3:default', 'sqlite3:Database'], value: [{ position: 0 }], description: 'a SQL script (db.exec)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'js.prisma-unsafe', kind: 'sql', language: 'js', callees: ['.$queryRawUnsafe', '.$executeRawUnsafe'], value: [{ position: 0 }], description: 'a SQL query ($queryRawUnsafe)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'js.sequelize-query', kind: 'sql', language: 'js', callees: ['.query'], receiver: /^sequelize$/i, value: [{ position: 0 }], description: 'a SQL query (sequelize.query)', severity: 'high', cwe: ['CWE-89'] },
  { id: 'js.raw-sql', kind: 'sql', language: 'js', callees: ['.raw', '.unsafe'], receiver: /^(?:knex|db|trx|Prisma|sql)$/, receiverFrom: ['knex:default', 'knex:knex', 'postgres:default'], value: [{ position: 0 }], description: 'raw SQL (knex.raw / sql.unsafe)', severity: 'high', cwe: ['CWE-89'] },

  // ---- HTML and templates (O4) ----
  { id: 'py.markup', kind: 'html', language: 'python', callees: ['markupsafe:Markup', 'flask:Markup', 'jinja2:Markup'], value: [{ position: 0 }], description: 'HTML marked safe (Markup)', severity: 'high', cwe: ['CWE-79'] },
  { id: 'py.mark-safe', kind: 'html', language: 'python', callees: ['django.utils.safestring:mark_safe'], value: [{ position: 0 }], description: 'HTML marked safe (mark_safe)', severity: 'high', cwe: ['CWE-79'] },
  { id: 'py.render-template-string', kind: 'html', language: 'python', callees: ['flask:render_template_string'], value: [{ position: 0, keyword: 'source' }], description: 'a Jinja template (render_template_string: template injection)', severity: 'high', cwe: ['CWE-1336', 'CWE-79'] },
  { id: 'py.jinja-template', kind: 'html', language: 'python', callees: ['jinja2:Template', 'jinja2:Environment.from_string'], value: [{ position: 0, keyword: 'source' }], description: 'a Jinja template (template injection)', severity: 'high', cwe: ['CWE-1336'] },
  { id: 'py.streamlit-unsafe', kind: 'html', language: 'python', callees: ['streamlit:markdown', 'streamlit:write', 'streamlit:caption'], when: [{ option: 'unsafe_allow_html', test: 'truthy' }], value: [{ position: 0, keyword: 'body' }], description: 'Streamlit with unsafe_allow_html=True', severity: 'high', cwe: ['CWE-79'] },
  { id: 'py.streamlit-components-html', kind: 'html', language: 'python', callees: ['streamlit.components.v1:html'], value: [{ position: 0, keyword: 'html' }], description: 'raw HTML (components.html)', severity: 'high', cwe: ['CWE-79'] },
  { id: 'py.gradio-html', kind: 'html', language: 'python', callees: ['gradio:HTML'], value: [{ position: 0, keyword: 'value' }], description: 'raw HTML (gr.HTML)', severity: 'high', cwe: ['CWE-79'] },
  { id: 'py.html-response', kind: 'html', language: 'python', callees: ['fastapi.responses:HTMLResponse', 'starlette.responses:HTMLResponse', 'fastapi:HTMLResponse'], value: [{ position: 0, keyword: 'content' }], description: 'an HTML response', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.document-write', kind: 'html', language: 'js', callees: ['document.write', 'document.writeln', 'window.document.write'], value: [{ position: 0, rest: true }], description: 'document.write', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.insert-adjacent-html', kind: 'html', language: 'js', callees: ['.insertAdjacentHTML'], value: [{ position: 1 }], description: 'insertAdjacentHTML', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.set-html-unsafe', kind: 'html', language: 'js', callees: ['.setHTMLUnsafe', '.createContextualFragment'], value: [{ position: 0 }], description: 'raw HTML (setHTMLUnsafe / createContextualFragment)', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.jquery-html', kind: 'html', language: 'js', callees: ['.html', '.append', '.prepend', '.after', '.before', '.replaceWith'], receiverFrom: ['$', 'jQuery', 'jquery:default'], value: [{ position: 0 }], description: 'jQuery .html()', severity: 'high', cwe: ['CWE-79'] },
  // JSX elements are calls whose argument 0 holds the attributes; React.createElement has them at 1.
  { id: 'js.dangerously-set-inner-html', kind: 'html', language: 'js', callees: ['*'], value: [{ position: 0, property: 'dangerouslySetInnerHTML.__html' }], description: 'dangerouslySetInnerHTML', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.create-element-inner-html', kind: 'html', language: 'js', callees: ['react:createElement', 'React.createElement'], value: [{ position: 1, property: 'dangerouslySetInnerHTML.__html' }], description: 'dangerouslySetInnerHTML', severity: 'high', cwe: ['CWE-79'] },

  // ---- markdown renderers (O5): configuration-level, ordered most severe first ----
  {
    id: 'js.react-markdown-raw',
    kind: 'markdown',
    language: 'js',
    callees: ['react-markdown:default', 'react-markdown:Markdown', 'react-markdown:MarkdownHooks', 'react-markdown:MarkdownAsync'],
    when: [{ option: 'rehypePlugins', position: 0, test: { hasPlugin: 'rehype-raw', lacksPlugin: 'rehype-sanitize' } }],
    value: [{ position: 1, rest: true }, { position: 0, property: 'children' }],
    description: 'react-markdown with rehype-raw and no rehype-sanitize (raw HTML)',
    severity: 'high',
    cwe: ['CWE-79'],
  },
  {
    id: 'js.react-markdown-urls',
    kind: 'markdown',
    language: 'js',
    callees: ['react-markdown:default', 'react-markdown:Markdown', 'react-markdown:MarkdownHooks', 'react-markdown:MarkdownAsync'],
    when: ['urlTransform', 'transformImageUri', 'components.img', 'components.a', 'allowedElements', 'disallowedElements', 'skipHtml'].map(
      (option): SinkCondition => ({ option, position: 0, test: 'absent' }),
    ),
    value: [{ position: 1, rest: true }, { position: 0, property: 'children' }],
    description: 'react-markdown with no image/link URL allowlist (data can leave through image URLs)',
    severity: 'medium',
    cwe: ['CWE-200', 'CWE-79'],
  },
];

/** Assignment sinks: `el.innerHTML = x`. */
export const ASSIGNMENT_SINKS: AssignmentSinkModel[] = [
  { id: 'js.inner-html', kind: 'html', language: 'js', members: ['innerHTML', 'outerHTML'], description: 'innerHTML', severity: 'high', cwe: ['CWE-79'] },
  { id: 'js.srcdoc', kind: 'html', language: 'js', members: ['srcdoc'], description: 'an iframe srcdoc', severity: 'high', cwe: ['CWE-79'] },
];

/**
 * Markdown renderers whose HTML output is dangerous when it reaches an HTML sink (innerHTML,
 * dangerouslySetInnerHTML, Markup). `rawHtml` renderers pass HTML in the markdown through (script
 * injection: high); the others still render model-chosen image and link URLs (exfiltration: medium).
 */
export interface MarkdownRendererModel {
  language: 'python' | 'js';
  callees: string[];
  receiverFrom?: string[];
  /** Raw HTML passes through: always, or when this option of the receiver's constructor holds. */
  rawHtml: boolean | SinkCondition;
  name: string;
}

export const MARKDOWN_RENDERERS: MarkdownRendererModel[] = [
  { language: 'js', callees: ['marked:marked', 'marked:parse', 'marked:marked.parse', 'marked:default', 'marked:parseInline', 'marked:marked.parseInline'], rawHtml: true, name: 'marked' },
  { language: 'js', callees: ['.makeHtml'], rawHtml: true, name: 'showdown' },
  { language: 'js', callees: ['.render', '.renderInline'], receiverFrom: ['markdown-it:default', 'markdown-it:MarkdownIt'], rawHtml: { option: 'html', position: 0, test: 'truthy' }, name: 'markdown-it' },
  { language: 'js', callees: ['snarkdown:default'], rawHtml: true, name: 'snarkdown' },
  { language: 'python', callees: ['markdown:markdown', 'markdown2:markdown', 'mistune:html', 'mistune:markdown', 'commonmark:commonmark'], rawHtml: true, name: 'markdown' },
];

/** Deserializers (O8). JSON parsing of model output is low (CWE-20); object deserializers are high. */
export const DESERIALIZE_SINKS: SinkModel[] = [
  { id: 'py.pickle', kind: 'deserialize', language: 'python', callees: ['pickle:loads', 'pickle:load', 'dill:loads', 'cloudpickle:loads', 'marshal:loads', 'jsonpickle:decode'], value: [{ position: 0 }], description: 'an object deserializer (pickle)', severity: 'high', cwe: ['CWE-502'] },
  { id: 'py.yaml-unsafe', kind: 'deserialize', language: 'python', callees: ['yaml:unsafe_load', 'yaml:unsafe_load_all'], value: [{ position: 0, keyword: 'stream' }], description: 'yaml.unsafe_load', severity: 'high', cwe: ['CWE-502'] },
  {
    id: 'py.yaml-load',
    kind: 'deserialize',
    language: 'python',
    callees: ['yaml:load', 'yaml:load_all'],
    when: [{ option: 'Loader', position: 1, test: { notIn: ['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader'] } }],
    value: [{ position: 0, keyword: 'stream' }],
    description: 'yaml.load with an unsafe Loader',
    severity: 'high',
    cwe: ['CWE-502'],
  },
  { id: 'js.node-serialize', kind: 'deserialize', language: 'js', callees: ['node-serialize:unserialize', 'serialize-javascript:deserialize', 'funcster:deepDeserialize'], value: [{ position: 0 }], description: 'an object deserializer that runs functions (node-serialize)', severity: 'high', cwe: ['CWE-502'] },
  { id: 'py.json', kind: 'deserialize', language: 'python', callees: ['json:loads', 'orjson:loads', 'ujson:loads'], value: [{ position: 0, keyword: 's' }], description: 'json.loads with no schema check', severity: 'low', cwe: ['CWE-20'] },
  { id: 'js.json', kind: 'deserialize', language: 'js', callees: ['JSON.parse'], value: [{ position: 0 }], description: 'JSON.parse with no schema check', severity: 'low', cwe: ['CWE-20'] },
];

/** File-system sinks (O6): writes and deletes are high, reads medium. */
export const FILE_SINKS: SinkModel[] = [
  { id: 'py.open-write', kind: 'file-path', language: 'python', callees: ['open', 'builtins:open', 'io:open', 'codecs:open', 'aiofiles:open'], when: [PY_OPEN_WRITE], value: [{ position: 0, keyword: 'file' }], description: 'a file opened for writing', severity: 'high', cwe: ['CWE-22', 'CWE-73'], access: 'write' },
  { id: 'py.open-read', kind: 'file-path', language: 'python', callees: ['open', 'builtins:open', 'io:open', 'codecs:open', 'aiofiles:open'], when: [PY_OPEN_READ], value: [{ position: 0, keyword: 'file' }], description: 'a file opened for reading', severity: 'medium', cwe: ['CWE-22', 'CWE-73'], access: 'read' },
  {
    id: 'py.os-fs-write',
    kind: 'file-path',
    language: 'python',
    callees: ['os:remove', 'os:unlink', 'os:rmdir', 'os:removedirs', 'os:makedirs', 'os:mkdir', 'os:chmod', 'shutil:rmtree'],
    value: [{ position: 0, keyword: 'path' }],
    description: 'a file-system change',
    severity: 'high',
    cwe: ['CWE-22', 'CWE-73'],
    access: 'write',
  },
  {
    id: 'py.os-fs-two-paths',
    kind: 'file-path',
    language: 'python',
    callees: ['os:rename', 'os:replace', 'os:symlink', 'os:link', 'shutil:move', 'shutil:copy', 'shutil:copyfile', 'shutil:copy2', 'shutil:copytree'],
    value: [{ position: 0, keyword: 'src' }, { position: 1, keyword: 'dst' }],
    description: 'a file-system change',
    severity: 'high',
    cwe: ['CWE-22', 'CWE-73'],
    access: 'write',
  },
  { id: 'py.path-write', kind: 'file-path', language: 'python', callees: ['.write_text', '.write_bytes', '.unlink', '.rmdir', '.touch'], value: [{ receiver: true }], description: 'a file-system change (pathlib)', severity: 'high', cwe: ['CWE-22', 'CWE-73'], access: 'write' },
  { id: 'py.path-read', kind: 'file-path', language: 'python', callees: ['.read_text', '.read_bytes'], value: [{ receiver: true }], description: 'a file read (pathlib)', severity: 'medium', cwe: ['CWE-22', 'CWE-73'], access: 'read' },
  { id: 'py.send-file', kind: 'file-path', language: 'python', callees: ['flask:send_file', 'fastapi.responses:FileResponse', 'starlette.responses:FileResponse'], value: [{ position: 0, keyword: 'path' }], description: 'a file sent to the client', severity: 'medium', cwe: ['CWE-22', 'CWE-73'], access: 'read' },
  {
    id: 'js.fs-write',
    kind: 'file-path',
    language: 'js',
    callees: ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'createWriteStream', 'chmod', 'chmodSync', 'outputFile', 'outputFileSync', 'remove', 'removeSync']
      .flatMap((f) => [`fs:${f}`, `fs:promises.${f}`]),
    // The path only: writing model text *into* a file is not a path problem.
    value: [{ position: 0, scalar: true }],
    description: 'a file-system change',
    severity: 'high',
    cwe: ['CWE-22', 'CWE-73'],
    access: 'write',
  },
  {
    id: 'js.fs-two-paths',
    kind: 'file-path',
    language: 'js',
    callees: ['rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'move', 'moveSync', 'copy', 'copySync'].flatMap((f) => [`fs:${f}`, `fs:promises.${f}`]),
    value: [{ position: 0, scalar: true }, { position: 1, scalar: true }],
    description: 'a file-system change',
    severity: 'high',
    cwe: ['CWE-22', 'CWE-73'],
    access: 'write',
  },
  {
    id: 'js.fs-read',
    kind: 'file-path',
    language: 'js',
    callees: ['readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'open', 'openSync'].flatMap((f) => [`fs:${f}`, `fs:promises.${f}`]),
    value: [{ position: 0 }],
    description: 'a file read',
    severity: 'medium',
    cwe: ['CWE-22', 'CWE-73'],
    access: 'read',
  },
  { id: 'js.send-file', kind: 'file-path', language: 'js', callees: ['.sendFile', '.download'], receiver: /^res$|^response$/, value: [{ position: 0 }], description: 'a file sent to the client', severity: 'medium', cwe: ['CWE-22', 'CWE-73'], access: 'read' },
];

const PY_HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'stream'];
const JS_HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'request'];

/** Outbound requests (O7): the URL argument. */
export const URL_SINKS: SinkModel[] = [
  { id: 'py.requests', kind: 'outbound-url', language: 'python', callees: [...PY_HTTP_VERBS.map((v) => `requests:${v}`), ...PY_HTTP_VERBS.map((v) => `httpx:${v}`)], value: [{ position: 0, keyword: 'url' }], description: 'an outbound request URL', severity: 'medium', cwe: ['CWE-918'] },
  { id: 'py.requests-request', kind: 'outbound-url', language: 'python', callees: ['requests:request', 'httpx:request'], value: [{ position: 1, keyword: 'url' }], description: 'an outbound request URL', severity: 'medium', cwe: ['CWE-918'] },
  { id: 'py.urlopen', kind: 'outbound-url', language: 'python', callees: ['urllib:request.urlopen', 'urllib.request:urlopen', 'urllib:request.Request', 'urllib.request:Request'], value: [{ position: 0, keyword: 'url' }], description: 'an outbound request URL (urlopen)', severity: 'medium', cwe: ['CWE-918'] },
  {
    id: 'py.http-session',
    kind: 'outbound-url',
    language: 'python',
    callees: PY_HTTP_VERBS.map((v) => `.${v}`),
    receiverFrom: ['requests:Session', 'requests:session', 'httpx:Client', 'httpx:AsyncClient', 'aiohttp:ClientSession'],
    value: [{ position: 0, keyword: 'url' }],
    description: 'an outbound request URL',
    severity: 'medium',
    cwe: ['CWE-918'],
  },
  { id: 'js.fetch', kind: 'outbound-url', language: 'js', callees: ['fetch', 'window.fetch', 'globalThis.fetch', 'undici:fetch', 'undici:request', 'node-fetch:default', 'got:default', 'ky:default'], value: [{ position: 0, scalar: true }], description: 'an outbound request URL (fetch)', severity: 'medium', cwe: ['CWE-918'] },
  { id: 'js.axios', kind: 'outbound-url', language: 'js', callees: ['axios:default', ...JS_HTTP_VERBS.map((v) => `axios:${v}`), ...JS_HTTP_VERBS.map((v) => `got:${v}`), ...JS_HTTP_VERBS.map((v) => `ky:${v}`)], value: [{ position: 0, scalar: true }, { position: 0, property: 'url' }, { position: 0, property: 'baseURL' }], description: 'an outbound request URL (axios)', severity: 'medium', cwe: ['CWE-918'] },
  { id: 'js.http-request', kind: 'outbound-url', language: 'js', callees: ['http:request', 'http:get', 'https:request', 'https:get'], value: [{ position: 0, scalar: true }, { position: 0, property: 'hostname' }, { position: 0, property: 'host' }], description: 'an outbound request URL (http.request)', severity: 'medium', cwe: ['CWE-918'] },
];

/** Every call sink, in match order (first match per call and kind wins). */
export const CALL_SINKS: SinkModel[] = [...SINKS, ...DESERIALIZE_SINKS, ...FILE_SINKS, ...URL_SINKS];

/**
 * Sanitizer kinds that clean each sink kind (besides `cast` and `allowlist`, which clean every kind).
 * `schema` cleans nothing here: a validated `{ cmd: string }` is still any command. `shell` (shlex.quote)
 * cleans only when the command starts with a fixed program; analysis/sinks.ts decides that.
 */
export const CLEANED_BY: Record<SinkKind, SanitizerKind[]> = {
  'code-exec': ['cast', 'allowlist'],
  shell: ['cast', 'allowlist'],
  sql: ['cast', 'allowlist', 'sql'],
  html: ['cast', 'allowlist', 'html'],
  markdown: ['cast', 'allowlist', 'html'],
  'file-path': ['cast', 'allowlist', 'path'],
  'outbound-url': ['cast', 'allowlist', 'url'],
  deserialize: ['cast', 'allowlist'],
};

/** Partial defences: they lower a finding's severity one step and never hide it. */
export const PARTIAL_DEFENCES: SanitizerKind[] = ['denylist'];

/** Calls that ask a human before going on: a check of their answer guarding a sink lowers severity one step. */
export const CONFIRMATION_CALLS = ['input', 'click.confirm', 'typer.confirm', 'Confirm.ask', 'rich.prompt.Confirm.ask', 'questionary.confirm', 'confirm', 'window.confirm', 'rl.question', 'readline.question', 'prompts', 'inquirer.prompt', '.question'];
/** Tool options that require human approval before `execute` runs (AI SDK `needsApproval`). */
export const APPROVAL_OPTIONS = ['needsApproval', 'requireApproval', 'requiresApproval', 'needs_approval', 'require_approval'];

/**
 * Checks before a file or URL sink that confine the value: path confinement (`resolve()` +
 * `is_relative_to(base)`, `startsWith(base)`, `commonpath`) and host allowlists (`hostname in ALLOWED`).
 * Methods and functions named here count when the test mentions the sink's value (or a value derived from it).
 */
export const CONFINEMENT_CHECKS = {
  'file-path': {
    methods: ['is_relative_to', 'startswith', 'startsWith', 'relative_to'],
    functions: ['os.path.commonpath', 'os.path.commonprefix', 'path.relative', 'isInside', 'isPathInside', 'is_safe_path', 'isSafePath', 'safe_join'],
  },
  'outbound-url': {
    methods: ['startswith', 'startsWith', 'includes', 'has', 'test', 'match', 'fullmatch', 'endswith', 'endsWith'],
    functions: ['re.match', 're.fullmatch', 'isAllowedUrl', 'is_allowed_url', 'isAllowedHost', 'is_allowed_host', 'validate_url', 'validateUrl'],
  },
} as const;

/**
 * Tool-argument schemas that leave no free text (argument schemas with enums, literals, numbers or regexes):
 * the AI SDK / MCP zod shape of a parameter, matched against its source text.
 */
export const CONSTRAINED_TOOL_SCHEMA = /\b(?:z\.)?(?:enum|literal|nativeEnum|number|boolean|bigint|date|uuid)\s*\(|\.(?:regex|int|uuid|cuid|ulid|ip|emoji)\s*\(|\bLiteral\[/;

/** JSON-schema keywords that leave a property no free text (`enum: [...]`, `"const": ...`, `pattern: "..."`),
 * with the key quoted or not. */
export const CONSTRAINED_JSON_SCHEMA = /(?:^|[^\w$])["']?(?:enum|const|pattern)["']?\s*:/;

/** Python tool-parameter annotations that leave no free text (`Literal[...]`, numbers, booleans, UUIDs). */
export const CONSTRAINED_PY_ANNOTATION = /^(?:Optional\[)?(?:typing\.)?(?:Literal\[|(?:int|float|bool|UUID|uuid\.UUID|Decimal)\b)/;

/** Calls that validate parsed JSON against a schema (the result of json.loads / JSON.parse passed to them). */
export const JSON_VALIDATORS = [
  '.parse', '.safeParse', '.parseAsync', '.safeParseAsync', 'v.parse', 'v.safeParse', 'typia.assert', 'typia.validate', 'ajv.validate', 'validate', '.validate',
  '.model_validate', '.parse_obj', '.validate_python', 'jsonschema.validate', 'TypeAdapter', 'parse_obj_as',
];
/** Receivers whose `.parse` is not schema validation. */
export const NOT_JSON_VALIDATORS = ['JSON', 'JSON5', 'marked', 'yaml', 'YAML', 'path', 'url', 'Date'];

/**
 * Options of an LLM call that constrain its output to a schema (structured outputs): JSON parsed from such a
 * response is not "unvalidated". `response_format={"type": "json_object"}` (JSON mode) has no schema.
 */
export const STRUCTURED_OUTPUT_OPTIONS = ['response_format', 'responseFormat', 'output_format', 'output_config', 'text', 'response_schema', 'responseSchema', 'config', 'schema', 'output', 'experimental_output', 'generationConfig'];
export const STRUCTURED_OUTPUT_VALUE = /json_schema|[sS]chema|Output\.object|zod(?:Response|Text)Format|type_to_response_format_param/;

/**
 * Files that render chat: a configuration-level markdown finding (rehype-raw without rehype-sanitize) is reported
 * in them even when the rendered text comes in through props, where no flow from the model is visible.
 */
export const CHAT_COMPONENT_PATH = /chat|message|assistant|answer|completion|conversation|copilot|(?:^|[/_.-])(?:ai|bot|llm|gpt)(?:[/_.-]|$)/i;
export const CHAT_UI_MODULES = ['@ai-sdk/react', 'ai/react', '@ai-sdk/vue', '@ai-sdk/svelte', '@assistant-ui/react', '@copilotkit/react-ui'];
