// Public types of the live probe (DESIGN §5). The probe never imports the static engine: route files and
// system prompts found by the static scan arrive through `ProbeOptions.source`.
import type { FileError, Finding } from '../core/types.js';
import type { SarifRuleMeta } from '../report/sarif.js';

export const TIER_NAMES = ['quick', 'standard', 'deep'] as const;
export type Tier = (typeof TIER_NAMES)[number];

/** A route handler found by the static scan (e.g. `app/api/chat/route.ts`, `@app.post("/chat")`). */
export interface RouteInfo {
  /** Repository-relative path with forward slashes. */
  file: string;
  line: number;
  /** Upper-case HTTP method when known (`POST`), else undefined (any method). */
  method: string | undefined;
  /** URL path as written in the source: `/api/chat`, `/items/{id}`, `/users/:id`, `/api/[slug]`. */
  path: string;
}

/** `Name: value` lines (as the Action's multiline inputs give them) or a name → value map. */
export type HeaderInput = readonly string[] | Readonly<Record<string, string>>;

export interface ProbeOptions {
  /** The endpoint to probe, e.g. `https://my-app-git-feature.vercel.app/api/chat`. */
  url: string;
  /** App auth headers: sent only to the target, never printed, dropped by the auth probe. */
  headers?: HeaderInput;
  /** Platform headers (e.g. `x-vercel-protection-bypass`): always sent, never printed. */
  bypassHeaders?: HeaderInput;
  /** JSON body template containing `{{prompt}}`; default: detect the request shape. */
  body?: string;
  /** Where the answer text is in a JSON answer or JSON stream events, e.g. `choices[0].message.content`. */
  responsePath?: string;
  /** A secret planted in the system prompt: found in any answer means the prompt leaked. */
  canary?: string;
  tier?: Tier;
  /** Lowered to the tier's budget when larger. */
  maxRequests?: number;
  deadlineSeconds?: number;
  /** Allow loopback, private, link-local and metadata addresses (a local or self-hosted target). */
  allowPrivate?: boolean;
  /** What the static scan of `--source` found. */
  source?: { routes: RouteInfo[]; systemPrompts: string[] };
  /** Repository-relative file that findings point at when no route serves the URL path. */
  locationFallback?: string;
  /** Seeds the computed tokens and is sent as the run id header; random by default. */
  runId?: string;
}

/** Probe metadata for SARIF and docs. */
export type ProbeRuleMeta = SarifRuleMeta;

export interface ProbeResult {
  /** One finding per probe of the tier, each with a status; only `fail` counts as a problem. */
  findings: Finding[];
  rules: ProbeRuleMeta[];
  /** HTTP requests sent (redirect hops included). */
  requests: number;
  /** The request budget in force. */
  maxRequests: number;
  elapsedMs: number;
  /** The request shape that was locked by calibration (or the best guess), e.g. `ai-sdk-ui`. */
  shape: string | undefined;
  /** How answers were read, e.g. `ui-message-stream`, `json`, `sse`. */
  responseFormat: string | undefined;
  /** True when a calibration answer carried the computed token: only then can LLM probes pass. */
  calibrated: boolean;
  /** HTTP responses received (0: the target never answered). */
  responses: number;
  /** A platform wall in front of the app (Vercel Deployment Protection, a Cloudflare challenge, ...). */
  blockedBy: string | undefined;
  tier: Tier;
  /** Origin and path of the target (no query string, no credentials). */
  target: string;
  method: string;
  errors: FileError[];
}
