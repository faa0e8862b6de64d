// The Action's inputs (DESIGN §3), parsed and validated. Every bad value is a one-line UsageError.
import { UsageError, type FailOn } from '../core/types.js';

export type Scope = 'auto' | 'changed' | 'all';
export type FailOnScope = 'new' | 'all';
export type ProbeTier = 'quick' | 'standard' | 'deep';

export interface ProbeInputs {
  url: string;
  headers: string[];
  bypassHeaders: string[];
  body: string | undefined;
  responsePath: string | undefined;
  canary: string | undefined;
  tier: ProbeTier;
  maxRequests: number | undefined;
  deadlineSeconds: number | undefined;
  allowPrivate: boolean;
}

export interface ActionInputs {
  token: string;
  scope: Scope;
  paths: string[];
  exclude: string[];
  config: string;
  configFromBase: boolean;
  failOn: FailOn;
  failOnScope: FailOnScope;
  sarifFile: string;
  uploadSarif: boolean;
  comment: boolean;
  annotations: boolean;
  probe: ProbeInputs | undefined;
}

/** Input names as declared in action.yml (the runner passes them as `INPUT_<NAME>`, hyphens kept). */
export const INPUT_NAMES = [
  'github-token',
  'scope',
  'paths',
  'exclude',
  'config',
  'config-from-base',
  'fail-on',
  'fail-on-scope',
  'sarif-file',
  'upload-sarif',
  'comment',
  'annotations',
  'probe-url',
  'probe-headers',
  'probe-bypass-headers',
  'probe-body',
  'probe-response-path',
  'probe-canary',
  'probe-tier',
  'probe-max-requests',
  'probe-deadline',
  'probe-allow-private',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Reads one input, trimmed, '' when unset (what `core.getInput` does). */
export type GetInput = (name: InputName) => string;

/** Reads inputs straight from `INPUT_*` variables: the runner's convention. */
export function inputsFromEnv(env: NodeJS.ProcessEnv): GetInput {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function oneOf<T extends string>(get: GetInput, name: InputName, allowed: readonly T[], fallback: T): T {
  const value = get(name).toLowerCase();
  if (!value) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Input "${name}" must be one of ${allowed.join(', ')} (got "${clip(get(name))}")`);
}

// YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts them.
function bool(get: GetInput, name: InputName, fallback: boolean): boolean {
  const value = get(name);
  if (!value) return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`Input "${name}" must be true or false (got "${clip(value)}")`);
}

function lines(get: GetInput, name: InputName): string[] {
  return get(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function positiveInt(get: GetInput, name: InputName): number | undefined {
  const value = get(name);
  if (!value) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`Input "${name}" must be a positive whole number (got "${clip(value)}")`);
  }
  return Number(value);
}

function optional(get: GetInput, name: InputName): string | undefined {
  return get(name) || undefined;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** `Name: value` lines; the value is a secret, so errors show only the line number. */
function headerLines(get: GetInput, name: InputName): string[] {
  const result = lines(get, name);
  result.forEach((line, index) => {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:/.test(line)) {
      throw new UsageError(`Input "${name}" line ${index + 1} must look like "Name: value"`);
    }
  });
  return result;
}

export function parseInputs(get: GetInput): ActionInputs {
  const probeUrl = get('probe-url');
  let probe: ProbeInputs | undefined;
  if (probeUrl) {
    if (!/^https?:\/\/[^\s]+$/i.test(probeUrl)) {
      throw new UsageError(`Input "probe-url" must be an http(s) URL (got "${clip(probeUrl)}")`);
    }
    probe = {
      url: probeUrl,
      headers: headerLines(get, 'probe-headers'),
      bypassHeaders: headerLines(get, 'probe-bypass-headers'),
      body: optional(get, 'probe-body'),
      responsePath: optional(get, 'probe-response-path'),
      canary: optional(get, 'probe-canary'),
      tier: oneOf(get, 'probe-tier', ['quick', 'standard', 'deep'] as const, 'quick'),
      maxRequests: positiveInt(get, 'probe-max-requests'),
      deadlineSeconds: positiveInt(get, 'probe-deadline'),
      allowPrivate: bool(get, 'probe-allow-private', false),
    };
  }
  return {
    token: get('github-token'),
    scope: oneOf(get, 'scope', ['auto', 'changed', 'all'] as const, 'auto'),
    paths: lines(get, 'paths'),
    exclude: lines(get, 'exclude'),
    config: get('config') || '.promptgate.yml',
    configFromBase: bool(get, 'config-from-base', false),
    failOn: oneOf(get, 'fail-on', ['critical', 'high', 'medium', 'low', 'none'] as const, 'high'),
    failOnScope: oneOf(get, 'fail-on-scope', ['new', 'all'] as const, 'new'),
    sarifFile: get('sarif-file') || 'promptgate.sarif',
    uploadSarif: bool(get, 'upload-sarif', true),
    comment: bool(get, 'comment', true),
    annotations: bool(get, 'annotations', true),
    probe,
  };
}

/** Values that must never reach a log, comment, annotation or SARIF (the canary is the owner's secret too). */
export function secretValues(inputs: ActionInputs): string[] {
  const values = [inputs.token];
  for (const line of [...(inputs.probe?.headers ?? []), ...(inputs.probe?.bypassHeaders ?? [])]) {
    values.push(line.slice(line.indexOf(':') + 1).trim());
  }
  if (inputs.probe?.canary) values.push(inputs.probe.canary);
  return values.filter((value) => value.length >= 4);
}
