// Retired and deprecated model ids as dated data. model-retired reads it through `lookupModel`; nothing
// else in the rule knows a model name. Refreshing the table means editing rows and MODELS_AS_OF, not code.
//
// Source: /work/shared/reference/static-rules.md section (d) "Retired and deprecated model IDs" (as of
// 2026-11-28), which quotes the vendors' deprecation pages, some rows through secondary copies. `basis`
// says how firm a row is: 'vendor' (read from the vendor's page or a copy of it), 'secondary' (a
// secondary summary of the vendor's page: verify before relying on it), 'inference' (an alias of a
// retired snapshot, or a family the reference names without exact rows).
//
// Determinism: a scan compares dates against MODELS_AS_OF, never against the wall clock, so the same
// input gives the same findings on any day. The table date shows in every message.
import type { Severity } from '../core/types.js';

export const MODELS_AS_OF = '2026-11-28';

export type ModelProvider = 'anthropic' | 'openai' | 'google';
export type ModelStatus = 'retired' | 'deprecated';
export type RowBasis = 'vendor' | 'secondary' | 'inference';

export interface ModelRow {
  /** Exact model id (first-party spelling). One of `id` / `pattern` is set. */
  id?: string;
  /** For families and snapshot series; anchored. */
  pattern?: RegExp;
  provider: ModelProvider;
  /** Status as of MODELS_AS_OF (a unit test keeps it consistent with the dates). */
  status: ModelStatus;
  /** Date the deprecation was announced (YYYY-MM-DD), when the source gives it. */
  deprecated?: string;
  /** Retirement / shutdown date (YYYY-MM-DD). Left out only for retired rows whose exact date the
   * reference does not give. */
  retires?: string;
  /** Replacement model id named by the vendor. */
  replacement?: string;
  /** The vendor's deprecation page. */
  source: string;
  /** Where the row was read when not from the vendor page itself. */
  via?: string;
  basis: RowBasis;
  note?: string;
}

const ANTHROPIC_PAGE = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';
const OPENAI_PAGE = 'https://developers.openai.com/api/docs/deprecations';
const GEMINI_PAGE = 'https://ai.google.dev/gemini-api/docs/deprecations';

const ANTHROPIC_LATER =
  'ottto-ai/ai-provider-watch event 2026-06-15-anthropic-sonnet-4-opus-4-retirement (cites the Anthropic release notes); public model audits (2026-08)';

function anthropic(
  ids: string[],
  deprecated: string | undefined,
  retires: string,
  replacement: string | undefined,
  extra: Partial<ModelRow> = {},
): ModelRow[] {
  return ids.map((id) => ({
    id,
    provider: 'anthropic' as const,
    status: 'retired' as const,
    ...(deprecated ? { deprecated } : {}),
    retires,
    ...(replacement ? { replacement } : {}),
    source: ANTHROPIC_PAGE,
    basis: 'vendor' as const,
    ...extra,
  }));
}

function openai(ids: string[], status: ModelStatus, retires: string, via: string): ModelRow[] {
  return ids.map((id) => ({
    id,
    provider: 'openai' as const,
    status,
    retires,
    source: OPENAI_PAGE,
    via,
    basis: 'secondary' as const,
    note: 'Row from a secondary summary of the OpenAI deprecations page; verify.',
  }));
}

function gemini(ids: string[], retires: string): ModelRow[] {
  return ids.map((id) => ({
    id,
    provider: 'google' as const,
    status: 'retired' as const,
    retires,
    source: GEMINI_PAGE,
    basis: 'vendor' as const,
  }));
}

export const MODEL_ROWS: readonly ModelRow[] = [
  // ---- Anthropic (Claude API) ----
  ...anthropic(['claude-1.0', 'claude-1.1', 'claude-1.2', 'claude-1.3'], '2024-09-04', '2024-11-06', 'claude-haiku-4-5-20251001'),
  ...anthropic(['claude-instant-1.0', 'claude-instant-1.1', 'claude-instant-1.2'], '2024-09-04', '2024-11-06', 'claude-haiku-4-5-20251001'),
  ...anthropic(['claude-2.0', 'claude-2.1'], '2025-01-21', '2025-07-21', 'claude-opus-4-6'),
  ...anthropic(['claude-3-sonnet-20240229'], '2025-01-21', '2025-07-21', 'claude-opus-4-6'),
  ...anthropic(['claude-3-opus-20240229'], '2025-06-30', '2026-01-05', 'claude-opus-4-6'),
  ...anthropic(['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022'], '2025-08-13', '2025-10-28', 'claude-opus-4-6', {
    note: 'Other sources cite claude-sonnet-4-6 as the replacement.',
  }),
  ...anthropic(['claude-3-7-sonnet-20250219'], '2025-10-28', '2026-02-19', 'claude-opus-4-6'),
  ...anthropic(['claude-3-5-haiku-20241022'], '2025-12-19', '2026-02-19', 'claude-haiku-4-5-20251001'),
  ...anthropic(['claude-3-haiku-20240307'], '2026-02-19', '2026-04-20', 'claude-haiku-4-5-20251001'),
  ...anthropic(['claude-opus-4-20250514'], '2026-04-14', '2026-06-15', undefined, {
    via: ANTHROPIC_LATER,
    basis: 'secondary',
    note: 'Replacement varies by source (Opus 4.7/4.8).',
  }),
  ...anthropic(['claude-sonnet-4-20250514'], '2026-04-14', '2026-06-15', 'claude-sonnet-4-6', {
    via: ANTHROPIC_LATER,
    basis: 'secondary',
  }),
  // The deprecation date is approximate (~2026-06-05) in the reference, so it is left out.
  ...anthropic(['claude-opus-4-1-20250805'], undefined, '2026-08-05', undefined, { via: ANTHROPIC_LATER, basis: 'secondary' }),
  // Aliases resolve to the snapshots above; once the snapshot is retired the alias is too.
  ...anthropic(['claude-opus-4-0'], undefined, '2026-06-15', undefined, {
    basis: 'inference',
    note: 'Alias of claude-opus-4-20250514 (inferred; verify).',
  }),
  ...anthropic(['claude-sonnet-4-0'], undefined, '2026-06-15', 'claude-sonnet-4-6', {
    basis: 'inference',
    note: 'Alias of claude-sonnet-4-20250514 (inferred; verify).',
  }),
  ...anthropic(['claude-opus-4-1'], undefined, '2026-08-05', undefined, {
    basis: 'inference',
    note: 'Alias of claude-opus-4-1-20250805 (inferred; verify).',
  }),
  ...anthropic(['claude-3-5-sonnet-latest'], undefined, '2025-10-28', 'claude-opus-4-6', {
    basis: 'inference',
    note: '-latest alias of a retired family: treated as retired (inference; verify).',
  }),
  ...anthropic(['claude-3-7-sonnet-latest'], undefined, '2026-02-19', 'claude-opus-4-6', {
    basis: 'inference',
    note: '-latest alias of a retired family: treated as retired (inference; verify).',
  }),
  ...anthropic(['claude-3-5-haiku-latest'], undefined, '2026-02-19', 'claude-haiku-4-5-20251001', {
    basis: 'inference',
    note: '-latest alias of a retired family: treated as retired (inference; verify).',
  }),
  ...anthropic(['claude-3-opus-latest'], undefined, '2026-01-05', 'claude-opus-4-6', {
    basis: 'inference',
    note: '-latest alias of a retired family: treated as retired (inference; verify).',
  }),
  // Text Completions era aliases (claude-2, claude-v1, claude-instant-1, ...): same families as above.
  {
    pattern: /^claude-(?:instant-)?v?1(?:\.\d)?(?:-100k)?$/,
    provider: 'anthropic',
    status: 'retired',
    retires: '2024-11-06',
    replacement: 'claude-haiku-4-5-20251001',
    source: ANTHROPIC_PAGE,
    basis: 'inference',
    note: 'Alias of the retired Claude 1 / Instant 1 family (inferred; verify).',
  },
  {
    pattern: /^claude-v?2(?:\.\d)?(?:-100k)?$/,
    provider: 'anthropic',
    status: 'retired',
    retires: '2025-07-21',
    replacement: 'claude-opus-4-6',
    source: ANTHROPIC_PAGE,
    basis: 'inference',
    note: 'Alias of the retired Claude 2 family (inferred; verify).',
  },

  // ---- OpenAI ----
  ...openai(
    ['text-ada-001', 'text-babbage-001', 'text-curie-001', 'text-davinci-001', 'text-davinci-002', 'text-davinci-003', 'ada', 'babbage', 'curie', 'davinci'],
    'retired',
    '2024-01-04',
    'OpenAI page as translated (cnblogs.com/jerryqm/p/17606462)',
  ),
  ...openai(['gpt-3.5-turbo-0613', 'gpt-3.5-turbo-16k-0613'], 'retired', '2024-06-13', 'developer.aliyun.com/article/1512953 (translation of the OpenAI page)'),
  ...openai(
    [
      'gpt-3.5-turbo',
      'gpt-3.5-turbo-0125',
      'gpt-4',
      'gpt-4-0613',
      'gpt-4-1106-preview',
      'gpt-4-turbo',
      'gpt-4-turbo-2024-04-09',
      'gpt-4o-2024-05-13',
      'o1',
      'o1-2024-12-17',
      'o1-pro',
      'o3-mini',
      'o3-mini-2025-01-31',
      'o4-mini',
      'gpt-4.1-nano',
    ],
    'retired',
    '2026-10-23',
    'dev.to/importstatic (quotes the OpenAI page as of 2026-10-15)',
  ),
  ...openai(
    ['gpt-5', 'gpt-5-2025-08-07', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-pro', 'o3', 'o3-pro'],
    'deprecated',
    '2026-12-11',
    'developers.openai.com deprecations excerpt; dev.to/max_bob',
  ),
  {
    pattern: /^(?:gpt-5(?:-mini|-nano|-pro)?|o3(?:-pro)?)-\d{4}-\d{2}-\d{2}$/,
    provider: 'openai',
    status: 'deprecated',
    retires: '2026-12-11',
    source: OPENAI_PAGE,
    via: 'developers.openai.com deprecations excerpt; dev.to/max_bob ("+ snapshots")',
    basis: 'secondary',
    note: 'Dated snapshots of the gpt-5 / o3 families shut down with them; verify.',
  },
  ...openai(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini'], 'deprecated', '2027-01-14', 'dev.to/max_bob'),

  // ---- Google Gemini ----
  ...gemini(['gemini-2.5-pro-preview-03-25', 'gemini-2.5-pro-preview-05-06', 'gemini-2.5-pro-preview-06-05'], '2025-12-02'),
  ...gemini(['gemini-2.5-pro', 'gemini-2.5-flash'], '2026-06-17'),
  ...gemini(['gemini-2.5-flash-lite'], '2026-07-22'),
  ...gemini(['gemini-2.5-flash-image'], '2026-10-02'),
  {
    pattern: /^(?:gemini-1\.[05]-[a-z0-9.-]+|gemini-pro|gemini-pro-vision)$/,
    provider: 'google',
    status: 'retired',
    source: GEMINI_PAGE,
    basis: 'inference',
    note: 'The Gemini 1.0 and 1.5 families are shut down; exact rows and dates not verified.',
  },
];

/**
 * Models whose "not sooner than" retirement dates (from the March 2026 table) have passed without a
 * confirmed retirement in the reference. They are NOT reported; listed so a refresh checks them first.
 */
export const MODELS_AT_RISK: readonly string[] = [
  'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5-20251101',
];

// ---- Partner platforms ------------------------------------------------------------------------------

export interface PartnerPlatform {
  id: 'bedrock' | 'vertex' | 'azure';
  name: string;
  /** Where the platform's own schedule is stated to differ. */
  source: string;
  note: string;
}

export const PARTNER_PLATFORMS: Record<PartnerPlatform['id'], PartnerPlatform> = {
  bedrock: {
    id: 'bedrock',
    name: 'Amazon Bedrock',
    source: ANTHROPIC_PAGE,
    note: 'Amazon Bedrock sets its own retirement schedule (stated on the Anthropic page); check its model lifecycle page.',
  },
  vertex: {
    id: 'vertex',
    name: 'Google Vertex AI',
    source: ANTHROPIC_PAGE,
    note: 'Google-managed Vertex AI sets its own retirement schedule (stated on the Anthropic page); check its model versions page.',
  },
  azure: {
    id: 'azure',
    name: 'Azure OpenAI',
    source: OPENAI_PAGE,
    note: 'On Azure OpenAI the model is a deployment name and Azure sets its own retirement schedule; check the deployment.',
  },
};

/** Bedrock's Text Completions era ids, which do not follow the dated `-vN:M` scheme. */
const BEDROCK_LEGACY: Record<string, string> = {
  'anthropic.claude-v1': 'claude-1.3',
  'anthropic.claude-v2': 'claude-2.0',
  'anthropic.claude-v2:1': 'claude-2.1',
  'anthropic.claude-instant-v1': 'claude-instant-1.2',
};

/** `us.anthropic.claude-3-haiku-20240307-v1:0` (cross-region inference prefixes: us, eu, apac, global, ...). */
const BEDROCK_ID = /^(?:[a-z]{2,6}(?:-[a-z]{2,4})?\.)?anthropic\.(claude-[a-z0-9.-]+?-\d{8})-v\d+(?::\d+)?$/;
/** `claude-3-haiku@20240307`, `claude-3-5-sonnet-v2@20241022`. */
const VERTEX_ID = /^(claude-[a-z0-9.-]+?)(?:-v\d+)?@(\d{8})$/;
/** Routing prefixes of gateways and wrappers (LiteLLM, OpenRouter, AI Gateway, Gemini `models/`). */
const ROUTE_PREFIX = /^(anthropic|openai|google|gemini|vertex_ai|bedrock|azure|openrouter|models|litellm_proxy)\//;

// ---- Lookup -----------------------------------------------------------------------------------------

export interface ModelVerdict {
  /** The id as written. */
  id: string;
  /** The first-party id it was matched as (routing prefix stripped, partner id mapped). */
  canonical: string;
  row: ModelRow;
  status: ModelStatus;
  severity: Severity;
  /** Days from `today` to the retirement date, for deprecated rows. */
  daysLeft: number | undefined;
  /** Set when the id is a partner platform's (lower severity: the partner's schedule applies). */
  partner: PartnerPlatform | undefined;
  today: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Deprecated models within this many days of retirement are reported at medium (M1). */
export const RETIREMENT_WARNING_DAYS = 30;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function findRow(id: string): ModelRow | undefined {
  return MODEL_ROWS.find((row) => row.id === id) ?? MODEL_ROWS.find((row) => row.pattern?.test(id));
}

/** Strips routing prefixes and maps partner ids to the first-party id. */
export function canonicalModelId(id: string): { canonical: string; partner: PartnerPlatform | undefined } {
  let canonical = id.trim();
  let partner: PartnerPlatform | undefined;
  for (let i = 0; i < 3; i++) {
    const prefix = ROUTE_PREFIX.exec(canonical);
    if (!prefix) break;
    if (prefix[1] === 'azure') partner = PARTNER_PLATFORMS.azure;
    canonical = canonical.slice(prefix[0].length);
  }
  const legacy = BEDROCK_LEGACY[canonical.replace(/^[a-z]{2,6}(?:-[a-z]{2,4})?\.(?=anthropic\.)/, '')];
  if (legacy) return { canonical: legacy, partner: PARTNER_PLATFORMS.bedrock };
  const bedrock = BEDROCK_ID.exec(canonical);
  if (bedrock) return { canonical: bedrock[1]!, partner: PARTNER_PLATFORMS.bedrock };
  const vertex = VERTEX_ID.exec(canonical);
  if (vertex) return { canonical: `${vertex[1]}-${vertex[2]}`, partner: PARTNER_PLATFORMS.vertex };
  return { canonical, partner };
}

/**
 * Status of a model id as of `today` (YYYY-MM-DD; default the table date, never the wall clock), or
 * undefined when the id is not retired or deprecated by then. A deprecated row whose retirement date has
 * passed counts as retired. Severity per M1: retired = medium; deprecated = low, medium within
 * RETIREMENT_WARNING_DAYS of retirement; partner platform ids = low.
 */
export function lookupModel(id: string, today: string = MODELS_AS_OF, platform?: PartnerPlatform): ModelVerdict | undefined {
  if (!DATE.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
    throw new Error(`lookupModel: today must be a YYYY-MM-DD date, got "${today}"`);
  if (id.length === 0 || id.length > 200) return undefined;
  const { canonical, partner: routed } = canonicalModelId(id);
  const row = findRow(canonical);
  if (!row) return undefined;
  const partner = routed ?? platform;

  let status: ModelStatus;
  let daysLeft: number | undefined;
  if (row.retires) {
    daysLeft = daysBetween(today, row.retires);
    if (daysLeft <= 0) status = 'retired';
    else if (row.deprecated && today < row.deprecated) return undefined;
    else status = 'deprecated';
  } else status = row.status;
  if (status === 'retired') daysLeft = undefined;

  let severity: Severity = status === 'retired' ? 'medium' : daysLeft !== undefined && daysLeft <= RETIREMENT_WARNING_DAYS ? 'medium' : 'low';
  if (partner) severity = 'low';
  return { id, canonical, row, status, severity, daysLeft, partner, today };
}

const PROVIDER_NAMES: Record<ModelProvider, string> = { anthropic: 'Anthropic', openai: 'OpenAI', google: 'Google' };

function basisText(row: ModelRow): string {
  switch (row.basis) {
    case 'vendor':
      return "per the vendor's deprecation page";
    case 'secondary':
      return "per secondary reports of the vendor's deprecation page; verify";
    case 'inference':
      return 'inferred from the retired family; verify';
  }
}

/**
 * One sentence for a finding, e.g. "claude-3-5-sonnet-20241022 was retired on 2025-10-28 (Anthropic);
 * use claude-opus-4-6 (per the vendor's deprecation page, table as of 2026-11-28)".
 */
export function describeModel(verdict: ModelVerdict): string {
  const { row, partner } = verdict;
  const vendor = PROVIDER_NAMES[row.provider];
  const asOf = `table as of ${MODELS_AS_OF}`;
  const alias = verdict.canonical !== verdict.id ? ` (${verdict.canonical})` : '';
  if (partner && partner.id !== 'azure') {
    const when = row.retires ? ` on ${row.retires}` : '';
    const state = verdict.status === 'retired' ? `was retired on the ${vendor} API${when}` : `is deprecated on the ${vendor} API and retires${when}`;
    return `${verdict.id} is ${partner.name}'s id for ${verdict.canonical}, which ${state}; ${partner.note.replace(/\.$/, '')} (${asOf})`;
  }
  let state: string;
  if (verdict.status === 'retired')
    state = row.retires ? `was retired on ${row.retires} (${vendor})` : `is retired (${vendor}; exact date not in the table)`;
  else {
    const left = verdict.daysLeft !== undefined ? `, ${verdict.daysLeft} day${verdict.daysLeft === 1 ? '' : 's'} after ${verdict.today}` : '';
    state = `is deprecated and shuts down on ${row.retires}${left} (${vendor})`;
  }
  const advice = row.replacement ? `use ${row.replacement}` : 'move to a current model';
  const azure = partner?.id === 'azure' ? `; ${partner.note.replace(/\.$/, '')}` : '';
  return `${verdict.id}${alias} ${state}; ${advice}${azure} (${basisText(row)}, ${asOf})`;
}
