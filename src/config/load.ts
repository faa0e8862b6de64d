// .promptgate.yml: parsed with `yaml`, validated by hand so every mistake gets a one-line message that says
// where it is and what to write instead.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SEVERITIES, UsageError, type Severity } from '../core/types.js';
import { defaultConfig, type ResolvedConfig, type RuleSetting } from './config.js';
import { ruleIds } from '../rules/index.js';
import { PROBES } from '../probe/probes.js';

/** Every id a config may name: static rules and live probes. */
export const CONFIGURABLE_IDS: readonly string[] = [...ruleIds, ...PROBES.map((probe) => probe.id)];

export const DEFAULT_CONFIG_FILE = '.promptgate.yml';

/** Top-level keys and what they hold; the single source for validation messages and docs. */
const TOP_LEVEL_KEYS = {
  rules: 'map of rule id to on/off, a severity, or { enabled, severity }',
  ignore: 'list of path globs',
  'llm-wrappers': 'list of function names that call an LLM',
  'trusted-sources': 'list of dotted names whose values are trusted',
  thresholds: 'map with max-output-tokens and max-retries',
  'max-file-size': 'number of bytes',
} as const;

type Yaml = typeof import('yaml');

/** The YAML parser is loaded only when there is a config file to parse: loading it cost every scan ~5 ms. */
let yaml: Promise<Yaml> | undefined;

function loadYaml(): Promise<Yaml> {
  // Bundled, the package (CommonJS) is a chunk whose only export is `default`.
  yaml ??= import('yaml').then((loaded) => (loaded as Yaml & { default?: Yaml }).default ?? loaded);
  return yaml;
}

/** Reads `configPath` (relative to root) or `.promptgate.yml` when present; defaults otherwise. */
export async function loadConfig(root: string, configPath?: string, knownRuleIds: readonly string[] = CONFIGURABLE_IDS): Promise<ResolvedConfig> {
  const file = path.resolve(root, configPath ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && configPath === undefined) return defaultConfig();
    throw new UsageError(`cannot read config ${configPath ?? DEFAULT_CONFIG_FILE}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseConfigText(text, configPath ?? DEFAULT_CONFIG_FILE, knownRuleIds);
}

export async function parseConfigText(
  text: string,
  sourceName: string,
  knownRuleIds: readonly string[] | undefined = CONFIGURABLE_IDS,
): Promise<ResolvedConfig> {
  const { parse: parseYaml, YAMLParseError } = await loadYaml();
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? `${error.message.split('\n')[0]}` : String(error);
    throw new UsageError(`${sourceName}: invalid YAML: ${detail}`);
  }
  const config = defaultConfig();
  if (raw === null || raw === undefined) return config;
  const fail = (where: string, problem: string): never => {
    throw new UsageError(`${sourceName}: ${where}: ${problem}`);
  };
  if (!isMap(raw)) fail('top level', 'expected a map of settings');
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(key in TOP_LEVEL_KEYS)) {
      fail(key, `unknown key; expected one of ${Object.keys(TOP_LEVEL_KEYS).join(', ')}`);
    }
    switch (key as keyof typeof TOP_LEVEL_KEYS) {
      case 'rules':
        if (!isMap(value)) fail('rules', `expected a ${TOP_LEVEL_KEYS.rules}`);
        for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
          if (knownRuleIds && !knownRuleIds.includes(id)) fail(`rules.${id}`, `unknown rule id${suggest(id, knownRuleIds)}`);
          config.rules[id] = parseRuleSetting(setting, `rules.${id}`, fail);
        }
        break;
      case 'ignore':
        config.ignorePaths = stringList(value, 'ignore', fail);
        break;
      case 'llm-wrappers':
        config.llmWrappers = stringList(value, 'llm-wrappers', fail);
        break;
      case 'trusted-sources':
        config.trustedSources = stringList(value, 'trusted-sources', fail);
        break;
      case 'thresholds': {
        if (!isMap(value)) fail('thresholds', `expected a ${TOP_LEVEL_KEYS.thresholds}`);
        for (const [name, limit] of Object.entries(value as Record<string, unknown>)) {
          if (name !== 'max-output-tokens' && name !== 'max-retries')
            fail(`thresholds.${name}`, 'unknown key; expected max-output-tokens or max-retries');
          if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
            fail(`thresholds.${name}`, 'expected a non-negative whole number');
          if (name === 'max-output-tokens') config.thresholds.maxOutputTokens = limit as number;
          else config.thresholds.maxRetries = limit as number;
        }
        break;
      }
      case 'max-file-size':
        if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
          fail('max-file-size', 'expected a positive whole number of bytes');
        config.maxFileBytes = value as number;
        break;
    }
  }
  return config;
}

function parseRuleSetting(value: unknown, where: string, fail: (where: string, problem: string) => never): RuleSetting {
  if (value === false || value === 'off') return { enabled: false, severity: undefined };
  if (value === true || value === 'on') return { enabled: true, severity: undefined };
  if (typeof value === 'string') {
    if (isSeverity(value)) return { enabled: true, severity: value };
    fail(where, `expected on, off or a severity (${SEVERITIES.join(', ')}), got "${value}"`);
  }
  if (isMap(value)) {
    const setting: RuleSetting = { enabled: true, severity: undefined };
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'enabled') {
        if (typeof item !== 'boolean') fail(`${where}.enabled`, 'expected true or false');
        setting.enabled = item as boolean;
      } else if (key === 'severity') {
        if (typeof item !== 'string' || !isSeverity(item)) fail(`${where}.severity`, `expected one of ${SEVERITIES.join(', ')}`);
        setting.severity = item as Severity;
      } else fail(`${where}.${key}`, 'unknown key; expected enabled or severity');
    }
    return setting;
  }
  return fail(where, `expected on, off, a severity or { enabled, severity }`);
}

function stringList(value: unknown, where: string, fail: (where: string, problem: string) => never): string[] {
  if (!Array.isArray(value)) fail(where, 'expected a list of strings');
  const list = value as unknown[];
  list.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`${where}[${i}]`, 'expected a non-empty string');
  });
  return list as string[];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

function suggest(id: string, known: readonly string[]): string {
  const close = known.find((k) => k.includes(id) || id.includes(k) || editDistance(k, id) <= 3);
  return close ? ` (did you mean ${close}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
