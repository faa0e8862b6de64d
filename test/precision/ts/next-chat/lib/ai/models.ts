// Model ids in one place. Upgrading a model is a one-line change here.
//
// History (for reviewers): we moved off claude-3-5-sonnet-20241022 and claude-3-7-sonnet-20250219 when
// Anthropic retired them, and off gpt-4-turbo when OpenAI shut it down.

export const CHAT_MODEL = 'claude-sonnet-4-6';
export const FAST_MODEL = 'claude-haiku-4-5-20251001';
export const REASONING_MODEL = 'claude-opus-4-6';
export const OPENAI_MODEL = 'gpt-5.1';

/** Old ids still found in saved user preferences, mapped to what we serve today. */
export const LEGACY_MODEL_ALIASES: Record<string, string> = {
  'claude-3-5-sonnet-20241022': CHAT_MODEL,
  'claude-3-7-sonnet-20250219': CHAT_MODEL,
  'claude-3-5-haiku-20241022': FAST_MODEL,
  'gpt-4-turbo': OPENAI_MODEL,
};

export const SELECTABLE_MODELS = [
  { id: CHAT_MODEL, label: 'Claude Sonnet 4.6' },
  { id: FAST_MODEL, label: 'Claude Haiku 4.5' },
  { id: REASONING_MODEL, label: 'Claude Opus 4.6' },
] as const;

export type SelectableModelId = (typeof SELECTABLE_MODELS)[number]['id'];

/** Maps a stored preference to a model we serve; anything unknown falls back to the default. */
export function resolveModelPreference(stored: string | null | undefined): SelectableModelId {
  const upgraded = stored ? (LEGACY_MODEL_ALIASES[stored] ?? stored) : CHAT_MODEL;
  return SELECTABLE_MODELS.some((m) => m.id === upgraded) ? (upgraded as SelectableModelId) : CHAT_MODEL;
}
