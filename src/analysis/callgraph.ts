// Which functions of a file reach an LLM call: directly, in a nested callback, or through functions of the
// same file that they call (`def chat(): return ask_model(q)`). Rules use it to ask "does this route handler
// (or this loop) call a model?" without following imports.
import type { Call, FileModel, FunctionInfo } from './model.js';
import { enclosingFunctions } from './values.js';

export interface ReachedCall {
  call: Call;
  /** Human name of the API: `anthropic messages.create`. */
  api: string;
}

const MAX_ROUNDS = 8;

/**
 * Function index → the first LLM call it reaches (in source order of the calls). A function contains the
 * calls of its nested functions; a call to a local function reaches what that function reaches.
 */
export function llmReach(model: FileModel, llmCalls: ReachedCall[]): Map<number, ReachedCall> {
  const reach = new Map<number, ReachedCall>();
  const sorted = [...llmCalls].sort((a, b) => a.call.index - b.call.index);
  for (const reached of sorted)
    for (const fn of enclosingFunctions(model, reached.call.functionIndex)) if (fn !== undefined && !reach.has(fn)) reach.set(fn, reached);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const call of model.calls) {
      if (call.functionIndex === undefined) continue;
      const target = localCallee(model, call);
      const reached = target && reach.get(target.index);
      if (!reached) continue;
      for (const fn of enclosingFunctions(model, call.functionIndex)) {
        if (fn === undefined || reach.has(fn)) continue;
        reach.set(fn, reached);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return reach;
}

/** The function of this file a call invokes by name: `helper(x)`, `self.helper(x)`, `this.helper(x)`. */
export function localCallee(model: FileModel, call: Call): FunctionInfo | undefined {
  const path = call.calleePath;
  if (!path) return undefined;
  const name = path.replace(/^(self|this|cls)\./, '');
  if (name.includes('.')) return undefined;
  const method = name !== path;
  return model.functions.find((f) => f.name === name && (method ? f.className !== undefined : f.className === undefined || model.language !== 'python'));
}
