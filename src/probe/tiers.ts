// Hard limits per tier (reference/live-probe.md §d). A user may lower the request budget, never raise it.
import type { Tier } from './types.js';

export interface TierLimits {
  maxRequests: number;
  /** Ordinary requests in flight at once (the rate-limit burst has its own size). */
  concurrency: number;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Longest silence between two chunks of a response body (stream idle). */
  idleTimeoutMs: number;
  maxBodyBytes: number;
  deadlineMs: number;
  /** Request shapes tried before giving up on calibration. */
  calibrationAttempts: number;
  /** Each prompt of a model-behaviour probe is sent this many times (fresh tokens each time). */
  repeats: number;
  /** Characters of filler for the input-limit probe (0: probe not in the tier). */
  longInputChars: number;
}

export const TIER_LIMITS: Record<Tier, TierLimits> = {
  quick: {
    maxRequests: 25,
    concurrency: 4,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 15_000,
    idleTimeoutMs: 8_000,
    maxBodyBytes: 256 * 1024,
    deadlineMs: 30_000,
    calibrationAttempts: 5,
    repeats: 1,
    longInputChars: 0,
  },
  standard: {
    maxRequests: 70,
    concurrency: 4,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 20_000,
    idleTimeoutMs: 10_000,
    maxBodyBytes: 256 * 1024,
    deadlineMs: 90_000,
    calibrationAttempts: 6,
    repeats: 1,
    longInputChars: 24_000,
  },
  deep: {
    maxRequests: 160,
    concurrency: 4,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 30_000,
    idleTimeoutMs: 15_000,
    maxBodyBytes: 512 * 1024,
    deadlineMs: 300_000,
    calibrationAttempts: 8,
    repeats: 3,
    longInputChars: 48_000,
  },
};

export const TIER_ORDER: Record<Tier, number> = { quick: 0, standard: 1, deep: 2 };

/** Scheduling stops at this share of the deadline; what is left is reported as skipped. */
export const SCHEDULING_CUTOFF = 0.8;

/** A rate-limit burst smaller than this proves nothing, so the probe is skipped instead. */
export const MIN_BURST = 5;
