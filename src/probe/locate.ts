// Where a live finding goes in the repository: the route handler that serves the URL path (found by the
// static scan), else the config or workflow file. Fingerprints use the rule, method and path only, never
// the preview host, so an alert survives from one preview deployment to the next.
import { createHash } from 'node:crypto';
import type { RouteInfo } from './types.js';

type Segment = { kind: 'static'; value: string } | { kind: 'param' } | { kind: 'rest'; optional: boolean };

/** The URL path a file-system route serves: Next.js app and pages routers, SvelteKit, Nuxt/Nitro. */
export function routePathFromFile(file: string): string | undefined {
  const f = file.replace(/\\/g, '/');
  let m = /(?:^|\/)app\/(.*?)\/?route\.(?:[cm]?[jt]sx?)$/.exec(f);
  if (m) return `/${m[1]}`;
  m = /(?:^|\/)pages\/(api\/.*?)(?:\/index)?\.(?:[cm]?[jt]sx?)$/.exec(f);
  if (m) return `/${m[1]}`;
  m = /(?:^|\/)src\/routes\/(.*?)\/?\+server\.(?:[jt]s)$/.exec(f);
  if (m) return `/${m[1]}`;
  m = /(?:^|\/)server\/(api\/.*?)(?:\/index)?(?:\.(?:get|post|put|patch|delete))?\.(?:[jt]s)$/.exec(f);
  if (m) return `/${m[1]}`;
  return undefined;
}

function parseSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const raw of path.split(/[?#]/)[0]!.split('/')) {
    const s = raw.trim();
    if (!s) continue;
    // Next.js route groups `(marketing)` and parallel-route slots `@modal` are not part of the URL.
    if (/^\(.*\)$/.test(s) || s.startsWith('@')) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(s)) out.push({ kind: 'rest', optional: true });
    else if (/^\[\.\.\..+\]$/.test(s) || /^\{[^}]+:path\}$/.test(s) || /^<path:[^>]+>$/.test(s) || /^\*\w*$/.test(s) || /^:\w+[*+]$/.test(s)) {
      out.push({ kind: 'rest', optional: s.startsWith('*') || s.endsWith('*') });
    } else if (/^\[.+\]$/.test(s) || /^:\w+\??$/.test(s) || /^\{[^}]+\}$/.test(s) || /^<(?:\w+:)?\w+>$/.test(s) || /^\$\w+$/.test(s)) {
      out.push({ kind: 'param' });
    } else {
      out.push({ kind: 'static', value: decodeURIComponentSafe(s).toLowerCase() });
    }
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Score of a route pattern against URL segments; undefined when it does not match. */
function score(route: Segment[], url: string[]): number | undefined {
  let total = 0;
  let i = 0;
  for (let r = 0; r < route.length; r++) {
    const seg = route[r]!;
    if (seg.kind === 'rest') {
      if (r !== route.length - 1) return undefined;
      if (i >= url.length && !seg.optional) return undefined;
      return total + 0.5;
    }
    const part = url[i];
    if (part === undefined) return undefined;
    if (seg.kind === 'static') {
      if (seg.value !== part) return undefined;
      total += 3;
    } else {
      total += 1;
    }
    i++;
  }
  return i === url.length ? total : undefined;
}

export interface Location {
  file: string;
  line: number;
  route: RouteInfo | undefined;
}

/**
 * The route serving `urlPath`: an exact pattern match scores highest; a route mounted under a prefix
 * (an Express router at `/api`, a FastAPI `APIRouter(prefix=...)`) matches the end of the path and scores
 * lower. The method decides ties, then file and line (deterministic).
 */
export function locate(routes: readonly RouteInfo[], urlPath: string, method: string, fallback: string): Location {
  const url = parseSegments(urlPath).map((s) => (s.kind === 'static' ? s.value : ''));
  let best: { route: RouteInfo; score: number } | undefined;
  for (const route of routes) {
    const candidates = [route.path, routePathFromFile(route.file)].filter((p): p is string => !!p);
    let routeScore: number | undefined;
    for (const candidate of candidates) {
      const segs = parseSegments(candidate);
      let s = score(segs, url);
      if (s === undefined && segs.length > 0 && segs.length < url.length) {
        const suffix = score(segs, url.slice(url.length - segs.length));
        if (suffix !== undefined) s = suffix - 0.25 * (url.length - segs.length);
      }
      if (s !== undefined && (routeScore === undefined || s > routeScore)) routeScore = s;
    }
    if (routeScore === undefined) continue;
    if (!route.method || route.method.toUpperCase() === method || route.method === '*' || route.method.toUpperCase() === 'ALL') routeScore += 0.1;
    const better =
      !best ||
      routeScore > best.score ||
      (routeScore === best.score && (route.file < best.route.file || (route.file === best.route.file && route.line < best.route.line)));
    if (better) best = { route, score: routeScore };
  }
  if (best) return { file: best.route.file.replace(/\\/g, '/'), line: Math.max(1, best.route.line), route: best.route };
  return { file: fallback, line: 1, route: undefined };
}

/** `primaryLocationLineHash`-style fingerprint from the rule, method and URL path (no host, no query). */
export function probeFingerprint(ruleId: string, method: string, urlPath: string): string {
  const path = urlPath.split(/[?#]/)[0]!.replace(/\/+$/, '') || '/';
  return `${createHash('sha256').update(`${ruleId}\u0000${method.toUpperCase()}\u0000${path}`).digest('hex').slice(0, 16)}:1`;
}
