// Hand-written retry loops, shared by cost-retry-timeout (which reports them) and cost-unbounded-loop (which
// leaves them to it): an infinite loop whose try around an LLM call swallows the error with no way out.
import type { LlmCall, LlmIndex } from '../analysis/bind.js';
import type { FileModel, Loop, Span } from '../analysis/model.js';
import { spanContains } from '../analysis/model.js';
import { codeText, innermostLoop } from '../analysis/values.js';
import { RETRY_EXIT_WORDS } from '../knowledge/agent-loops.js';

/**
 * `while True: try: <LLM call> except: sleep` with no way out but success: the loop's body has a try around an
 * LLM call, where some handler neither raises, returns nor breaks, and nothing else in the loop body exits (no
 * attempt counter). Returns that call and the first handler that never gives up. cost-retry-timeout reports
 * such loops; cost-unbounded-loop leaves them to it.
 */
export function swallowingRetry(model: FileModel, llm: LlmIndex, loop: Loop): { llmCall: LlmCall; handler: Span } | undefined {
  for (const attempt of model.tries) {
    if (attempt.functionIndex !== loop.functionIndex || !spanContains(loop.bodySpan, attempt.span)) continue;
    if (innermostLoop(model, attempt.span, loop.functionIndex) !== loop) continue;
    const llmCall = llm.calls.find((c) => c.call.functionIndex === loop.functionIndex && spanContains(attempt.bodySpan, c.call.span));
    if (!llmCall) continue;
    const swallowing = attempt.handlers.find((h) => !handlerExits(model, loop, h.span));
    if (!swallowing) continue;
    if (exitsOutside(model, loop, attempt.span)) continue;
    return { llmCall, handler: swallowing.span };
  }
  return undefined;
}

/** A handler that leaves the loop. Comments are blanked, so one saying "raise" does not count as an exit. */
function handlerExits(model: FileModel, loop: Loop, handler: Span): boolean {
  if (loop.breaks.some((b) => spanContains(handler, b))) return true;
  if (model.returns.some((r) => r.functionIndex === loop.functionIndex && spanContains(handler, r.span))) return true;
  return RETRY_EXIT_WORDS.test(codeText(model, handler));
}

/** An exit anywhere in the loop body outside the try (an attempt counter checked before the call). */
function exitsOutside(model: FileModel, loop: Loop, trySpan: Span): boolean {
  if (loop.breaks.some((b) => !spanContains(trySpan, b))) return true;
  if (model.returns.some((r) => r.functionIndex === loop.functionIndex && spanContains(loop.bodySpan, r.span) && !spanContains(trySpan, r.span))) return true;
  return RETRY_EXIT_WORDS.test(codeText(model, loop.bodySpan).replace(codeText(model, trySpan), ' '));
}
