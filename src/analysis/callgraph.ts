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
  const callees = localCallees(model);
  // A call of the model (the usual case) has its callee cached; any other is looked up.
  return model.calls[call.index] === call ? callees[call.index] : findLocalCallee(model, call, functionsByName(model));
}

/** Per file, the local callee of each call, by position in model.calls: `llmReach` asks for every call in every round. */
const fileLocalCallees = new WeakMap<FileModel, Array<FunctionInfo | undefined>>();

function localCallees(model: FileModel): Array<FunctionInfo | undefined> {
  let callees = fileLocalCallees.get(model);
  if (callees) return callees;
  const byName = functionsByName(model);
  callees = new Array<FunctionInfo | undefined>(model.calls.length);
  for (let i = 0; i < model.calls.length; i++) callees[i] = findLocalCallee(model, model.calls[i]!, byName);
  fileLocalCallees.set(model, callees);
  return callees;
}

/** Functions by name, in source order: the first one that fits wins, as a search of model.functions would. */
function functionsByName(model: FileModel): Map<string, FunctionInfo[]> {
  const byName = new Map<string, FunctionInfo[]>();
  for (const fn of model.functions) {
    if (fn.name === undefined) continue;
    const named = byName.get(fn.name);
    if (named) named.push(fn);
    else byName.set(fn.name, [fn]);
  }
  return byName;
}

function findLocalCallee(model: FileModel, call: Call, byName: ReadonlyMap<string, FunctionInfo[]>): FunctionInfo | undefined {
  const path = call.calleePath;
  if (!path) return undefined;
  const name = path.replace(/^(self|this|cls)\./, '');
  if (name.includes('.')) return undefined;
  const method = name !== path;
  return byName.get(name)?.find((f) => (method ? f.className !== undefined : f.className === undefined || model.language !== 'python'));
}
