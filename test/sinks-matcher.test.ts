// The sink table and matcher: import-bound callees, receivers, conditions, value slots, JSX and assignment
// sinks, markdown renderers in front of HTML sinks, and the confinement / confirmation checks around a sink.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileModel } from '../src/analysis/model.js';
import { initPython, parsePython } from '../src/analysis/python/index.js';
import { confinedBefore, confirmedBefore, findSinks, normalizeCallee, type SinkSite } from '../src/analysis/sinks.js';
import { parseTypeScript } from '../src/analysis/typescript/index.js';
import { exprSpanText } from '../src/analysis/values.js';
import { ASSIGNMENT_SINKS, CALL_SINKS, MARKDOWN_RENDERERS } from '../src/knowledge/sinks.js';

beforeAll(() => initPython());

const py = (code: string) => parsePython('app.py', code);
const ts = (code: string, path = 'app.ts') => parseTypeScript(path, code);

/** `sinkId value-text` per site, in source order. */
function sites(model: FileModel, kinds?: Parameters<typeof findSinks>[1]): string[] {
  return findSinks(model, kinds).map((s) => `${s.sinkId} ${exprSpanText(model, s.value.span)}`);
}

describe('sink table', () => {
  it('has unique ids, callees, value slots, CWE ids and a severity on every entry', () => {
    const ids = [...CALL_SINKS.map((s) => s.id), ...ASSIGNMENT_SINKS.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const sink of CALL_SINKS) {
      expect(sink.callees.length, sink.id).toBeGreaterThan(0);
      expect(sink.value.length, sink.id).toBeGreaterThan(0);
      expect(sink.cwe.every((c) => /^CWE-\d+$/.test(c)), sink.id).toBe(true);
      expect(sink.id.startsWith(sink.language === 'python' ? 'py.' : 'js.'), sink.id).toBe(true);
    }
    for (const renderer of MARKDOWN_RENDERERS) expect(renderer.callees.length).toBeGreaterThan(0);
  });

  it('normalizes module notation: Python submodules fold to the top package, fs/promises is fs.promises', () => {
    expect(normalizeCallee('urllib.request:urlopen', 'python')).toBe('urllib:request.urlopen');
    expect(normalizeCallee('streamlit.components.v1:html', 'python')).toBe('streamlit:components.v1.html');
    expect(normalizeCallee('node:fs/promises:writeFile', 'js')).toBe('fs:promises.writeFile');
    expect(normalizeCallee('node:child_process:exec', 'js')).toBe('child_process:exec');
    expect(normalizeCallee('eval', 'js')).toBe('eval');
  });
});

describe('call sinks are import-bound', () => {
  it('matches child_process.exec however it is imported, and not a local function named exec', () => {
    expect(sites(ts(`
import { exec as run } from 'node:child_process';
import * as cp from 'child_process';
const { execSync } = require('child_process');
import { promisify } from 'node:util';
const execAsync = promisify(cp.exec);
run(a); cp.exec(b); execSync(c); execAsync(d);
`), ['shell'])).toEqual(['js.exec a', 'js.exec b', 'js.exec c', 'js.exec d']);
    expect(sites(ts(`
function exec(query: string) { return query; }
exec(a);
const re = /x/; re.exec(b);
`))).toEqual([]);
  });

  it('matches Python modules through aliases, from-imports and `import os.path`', () => {
    expect(sites(py(`
import os.path
import subprocess as sp
from subprocess import check_output
os.system(a)
sp.run(b, shell=True)
check_output(c, shell=True)
`), ['shell'])).toEqual(['py.os-system a', 'py.subprocess-shell b', 'py.subprocess-shell c']);
  });

  it('matches fs through default, namespace, promises and fs/promises imports', () => {
    expect(sites(ts(`
import fs from 'fs';
import { promises as fsp } from 'node:fs';
import { writeFile, readFile } from 'node:fs/promises';
fs.writeFileSync(a, x); fsp.unlink(b); writeFile(c, x); readFile(d);
`), ['file-path']).filter((s) => !s.endsWith(' x'))).toEqual(['js.fs-write a', 'js.fs-write b', 'js.fs-write c', 'js.fs-read d']);
  });

  it('needs a recognisable receiver for generic method names', () => {
    expect(sites(py(`
import sqlite3
conn = sqlite3.connect("x.db")
conn.execute(a)
conn.cursor().execute(b)
handle = open_db()
handle.execute(c)
self.db.execute(d)
planner.execute(e)
`), ['sql'])).toEqual(['py.dbapi-execute a', 'py.dbapi-execute b', 'py.dbapi-execute d']);
    expect(sites(ts(`
import { Pool } from 'pg';
const warehouse = new Pool();
warehouse.query(a);
pool.query(b);
c.req.query(q);
index.query({ vector });
`), ['sql'])).toEqual(['js.db-query a', 'js.db-query b']);
  });
});

describe('conditions and value slots', () => {
  it('tells shell=True from the argument-list form, and reports only the program of an argv', () => {
    expect(sites(py(`
import subprocess
subprocess.run(a, shell=True)
subprocess.run(["git", "log", b])
subprocess.run([c, "--help"])
subprocess.run(d.split())
subprocess.run(["bash", "-c", e])
subprocess.run(["python", script])
subprocess.run(f, shell=flag)
`), ['shell'])).toEqual(['py.subprocess-shell a', 'py.subprocess-argv c', 'py.subprocess-argv d.split()', 'py.subprocess-argv e', 'py.subprocess-argv script']);
    expect(sites(ts(`
import { spawn } from 'node:child_process';
spawn('git', ['log', a]);
spawn(b, ['x']);
spawn('sh', ['-c', c]);
spawn('ls', [d], { shell: true });
`), ['shell'])).toEqual(['js.spawn-argv b', 'js.spawn-argv c', "js.spawn-shell 'ls'", 'js.spawn-shell [d]']);
  });

  it('splits open() by mode and yaml.load by Loader', () => {
    expect(sites(py(`
import yaml
open(a, "w")
open(b)
open(c, mode="rb")
open(d, "a+")
yaml.load(e, Loader=yaml.Loader)
yaml.load(f, Loader=yaml.SafeLoader)
yaml.load(g)
yaml.safe_load(h)
`), ['file-path', 'deserialize'])).toEqual(['py.open-write a', 'py.open-read b', 'py.open-read c', 'py.open-write d', 'py.yaml-load e', 'py.yaml-load g']);
  });

  it('marks a shell command that starts with a fixed program, and a URL with a fixed host', () => {
    const model = py(`
import os, requests
os.system("grep " + q + " log.txt")
os.system(q)
os.system(f"bash -c {q}")
requests.get(f"https://docs.python.org/3/{slug}")
requests.get(url)
`);
    const found = findSinks(model);
    expect(found.filter((s) => s.kind === 'shell').map((s) => s.fixedProgram)).toEqual([true, false, false]);
    expect(found.filter((s) => s.kind === 'outbound-url').map((s) => s.fixedHost)).toEqual([true, false]);
  });
});

describe('HTML and markdown sinks', () => {
  it('finds innerHTML assignments, JSX dangerouslySetInnerHTML (at the attribute) and document.write', () => {
    const model = ts(`
export function View({ html }: { html: string }) {
  el.innerHTML = a;
  document.getElementById('x').outerHTML += b;
  document.write(c);
  el.insertAdjacentHTML('beforeend', d);
  el.textContent = e;
  return <div
    dangerouslySetInnerHTML={{ __html: html }} />;
}
`, 'view.tsx');
    expect(sites(model, ['html'])).toEqual(['js.inner-html a', 'js.inner-html b', 'js.document-write c', 'js.insert-adjacent-html d', 'js.dangerously-set-inner-html html']);
    const jsx = findSinks(model, ['html']).find((s) => s.sinkId === 'js.dangerously-set-inner-html')!;
    expect(jsx.span.line).toBe(9);
  });

  it('hands an HTML sink fed by a markdown renderer to the markdown kind, with the renderer input as value', () => {
    const model = ts(`
import { marked } from 'marked';
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
const rich = new MarkdownIt({ html: true });
const plain = new MarkdownIt();
a.innerHTML = marked.parse(x);
b.innerHTML = rich.render(y);
c.innerHTML = '<p>' + plain.render(z) + '</p>';
d.innerHTML = DOMPurify.sanitize(marked.parse(w));
`);
    const found = findSinks(model, ['html', 'markdown']);
    expect(found.map((s) => `${s.kind} ${s.severity} ${exprSpanText(model, s.value.span)}`)).toEqual([
      'markdown high x',
      'markdown high y',
      'markdown medium z',
      'html high DOMPurify.sanitize(marked.parse(w))',
    ]);
  });

  it('recognises react-markdown with rehype-raw and without rehype-sanitize or a URL allowlist', () => {
    const model = ts(`
import Markdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
export const A = () => <Markdown rehypePlugins={[rehypeRaw]}>{a}</Markdown>;
export const B = () => <Markdown rehypePlugins={[rehypeRaw, rehypeSanitize]}>{b}</Markdown>;
export const C = () => <Markdown>{c}</Markdown>;
export const D = () => <Markdown urlTransform={safe}>{d}</Markdown>;
export const E = () => <Markdown {...props}>{e}</Markdown>;
`, 'md.tsx');
    expect(sites(model, ['markdown'])).toEqual(['js.react-markdown-raw a', 'js.react-markdown-urls b', 'js.react-markdown-urls c']);
  });

  it('finds Python HTML sinks, with the Streamlit flag as a condition', () => {
    expect(sites(py(`
import streamlit as st
from markupsafe import Markup
from flask import render_template_string
st.markdown(a, unsafe_allow_html=True)
st.markdown(b)
Markup(c)
render_template_string(d)
`), ['html'])).toEqual(['py.streamlit-unsafe a', 'py.markup c', 'py.render-template-string d']);
  });
});

describe('checks around a sink', () => {
  const first = (model: FileModel, kind: SinkSite['kind']) => findSinks(model, [kind])[0]!;

  it('sees path confinement and host allowlists that guard the sink, and ignores scheme-only checks', () => {
    const confined = py(`
import requests
from urllib.parse import urlparse
def save(name, body):
    target = (BASE / name).resolve()
    if not target.is_relative_to(BASE):
        raise ValueError()
    open(target, "w")
def fetch(url):
    host = urlparse(url).hostname
    if host not in ALLOWED:
        return None
    return requests.get(url)
def fetch_https(url):
    if not url.startswith("https://"):
        return None
    return requests.get(url)
`);
    expect(confinedBefore(confined, first(confined, 'file-path'), 'file-path')).toBe(true);
    const urls = findSinks(confined, ['outbound-url']);
    expect(urls.map((s) => confinedBefore(confined, s, 'outbound-url'))).toEqual([true, false]);
    const js = ts(`
import fs from 'node:fs';
export function save(name: string) {
  const full = path.resolve(BASE, name);
  if (!full.startsWith(BASE + path.sep)) throw new Error('escape');
  fs.writeFileSync(full, 'x');
}
export function later(name: string) {
  fs.writeFileSync(name, 'x');
  if (!name.startsWith(BASE)) throw new Error('too late');
}
`);
    expect(findSinks(js, ['file-path']).filter((s) => s.value.kind !== 'string').map((s) => confinedBefore(js, s, 'file-path'))).toEqual([true, false]);
  });

  it('sees a confirmation prompt before the sink, and does not mistake it for confinement', () => {
    const model = py(`
import os
def delete(path):
    if input(f"Delete {path}? ") != "y":
        return
    os.remove(path)
def quiet(path):
    os.remove(path)
`);
    const [guarded, unguarded] = findSinks(model, ['file-path']);
    expect(confirmedBefore(model, guarded!.functionIndex, guarded!.span)).toBe(true);
    expect(confinedBefore(model, guarded!, 'file-path')).toBe(false);
    expect(confirmedBefore(model, unguarded!.functionIndex, unguarded!.span)).toBe(false);
  });
});

describe('option bags and file contents are not values', () => {
  it('checks the path of a write, not the data, and the text of an options object, not its other fields', () => {
    expect(sites(ts(`
import fs from 'node:fs';
import axios from 'axios';
import { Pool } from 'pg';
const pool = new Pool();
fs.writeFileSync('/tmp/out.txt', answer);
fs.renameSync(a, b);
axios({ url: c, data: { text: answer } });
axios.post('https://api.example.com/x', { text: answer });
pool.query({ text: d, values: [answer] });
`), ['file-path', 'outbound-url', 'sql'])).toEqual([
      "js.fs-write '/tmp/out.txt'",
      'js.fs-two-paths a',
      'js.fs-two-paths b',
      'js.axios c',
      "js.axios 'https://api.example.com/x'",
      'js.db-query d',
    ]);
    expect(sites(py(`
import os, shutil
os.remove(a)
shutil.move(b, c)
os.makedirs(d, exist_ok=True)
`), ['file-path'])).toEqual(['py.os-fs-write a', 'py.os-fs-two-paths b', 'py.os-fs-two-paths c', 'py.os-fs-write d']);
  });
});
