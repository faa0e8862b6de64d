import help from '../../docs/rules/cost-unbounded-loop.md?raw';
import { llmReach, localCallee, type ReachedCall } from '../analysis/callgraph.js';
import type { Expr, FileModel, Loop, Span } from '../analysis/model.js';
import { calleeLastName, spanContains } from '../analysis/model.js';
import { promptCalls } from '../analysis/prompts.js';
import { taintAnalysis, type TaintAnalysis } from '../analysis/taint.js';
import {
  assignmentsTo,
  codeText,
  dottedPath,
  enclosingFunctions,
  exprSpanText,
  importedName,
  resolveValue,
  unwrap,
} from '../analysis/values.js';
import { AGENT_LOOP_CAPS, AI_SDK_STEP_CAPS, MAX_AGENT_STEPS, type AgentLoopCap } from '../knowledge/agent-loops.js';
import { limitValue, resolvedLimit } from './limit-values.js';
import { swallowingRetry } from './retry-loops.js';
import { restOfLine } from './spans.js';
import type { CodeContext, Rule } from './types.js';

/**
 * Agent and tool loops with no iteration cap: a loop that calls a model and goes on for as long as the model's
 * answer says so (`while True` … `if resp.stop_reason == "end_turn": break`, `while resp.stop_reason ==
 * "tool_use"`) with no counter, and framework caps that are switched off or set very high.
 * Hand-written retry loops (`while True: try: <call> except: sleep`) belong to cost-retry-timeout.
 */
export const rule: Rule = {
  meta: {
    id: 'cost-unbounded-loop',
    family: 'cost',
    title: 'Agent or tool loop without an iteration cap',
    description:
      'A loop keeps calling an LLM for as long as the model asks for more (tool calls, no end_turn) with no counter-based exit, or an agent framework cap (AgentExecutor max_iterations, LangGraph recursion_limit, max_turns, AI SDK stopWhen / maxSteps) is disabled or very high: a looping or prompt-injected model runs up cost and tool side effects without end.',
    severity: 'medium',
    cwe: ['CWE-834', 'CWE-835'],
    owasp: ['LLM10:2025', 'LLM06:2025'],
    precision: 'high',
    help,
  },
  checkCode(ctx) {
    const report = (span: Span, message: string) => ctx.report({ span, message });
    checkLoops(ctx, report);
    checkFrameworkCaps(ctx, report);
    checkAiSdk(ctx, report);
  },
};

type Reporter = (span: Span, message: string) => void;

const FIX = 'Count the turns and stop after a fixed maximum (for example 10–25), and add a token or time budget.';

// ---- Hand-written loops ---------------------------------------------------------------------------------

function checkLoops(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  const candidates = model.loops.filter((l) => l.kind !== 'for-in' && (l.infinite || l.condition !== undefined));
  if (candidates.length === 0) return;
  const calls = promptCalls(model, ctx.llm);
  if (calls.length === 0) return;
  const direct = new Map<number, ReachedCall>(calls.map((c) => [c.call.index, { call: c.call, api: c.api }]));
  const reach = llmReach(model, [...direct.values()]);
  const loops = new LoopFacts(ctx, taintAnalysis(model, ctx.llm, ctx.config));
  for (const loop of candidates) {
    const reached = modelCallIn(model, loop, direct, reach);
    if (!reached || humanPaced(model, loop)) continue;
    const decider = loop.infinite ? loops.modelDecidedExit(loop) : loop.condition && loops.modelDerived(loop.condition, loop, 0) ? loop.condition : undefined;
    if (!decider) continue;
    if (loop.infinite && swallowingRetry(model, ctx.llm, loop)) continue; // cost-retry-timeout's finding
    if (loops.hasCounterExit(loop)) continue;
    report(
      restOfLine(model, loop.span.line, loop.span.column),
      `This loop calls ${reached.api} (line ${reached.call.span.line}) and goes on for as long as the model's answer says so (line ${decider.span.line}: \`${exprSpanText(model, decider.span, 60)}\`), with no iteration cap: a model that keeps calling tools, or one steered by injected text, runs up cost and tool side effects without end. ${FIX}`,
    );
  }
}

/** The first LLM call made inside the loop, directly, in a callback, or through a function of this file. */
function modelCallIn(model: FileModel, loop: Loop, direct: Map<number, ReachedCall>, reach: Map<number, ReachedCall>): ReachedCall | undefined {
  for (const call of model.calls) {
    if (!spanContains(loop.span, call.span) || !enclosingFunctions(model, call.functionIndex).includes(loop.functionIndex)) continue;
    const hit = direct.get(call.index);
    if (hit) return hit;
    const local = localCallee(model, call);
    const reached = local && reach.get(local.index);
    if (reached) return reached;
  }
  return undefined;
}

/** Calls that wait for a person at a terminal: a chat REPL goes at the user's pace, not the model's. */
const HUMAN_INPUT = new Set(['input', 'raw_input', 'getpass', 'readline', 'question']);

function humanPaced(model: FileModel, loop: Loop): boolean {
  return model.calls.some((call) => {
    if (!spanContains(loop.bodySpan, call.span)) return false;
    const name = calleeLastName(call);
    return name !== undefined && HUMAN_INPUT.has(name);
  });
}

const ORDERING = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const EXIT_WORDS = /\b(raise|throw)\b|\bsys\.exit\s*\(|\bprocess\.exit\s*\(|\bos\._exit\s*\(/;

class LoopFacts {
  private readonly model: FileModel;

  constructor(
    private readonly ctx: CodeContext,
    private readonly taint: TaintAnalysis,
  ) {
    this.model = ctx.model;
  }

  /** In `while True`, a condition on the model's answer that leaves the loop: `if resp.stop_reason == "end_turn": break`. */
  modelDecidedExit(loop: Loop): Expr | undefined {
    for (const condition of this.model.conditions) {
      if (condition.functionIndex !== loop.functionIndex || !spanContains(loop.bodySpan, condition.span)) continue;
      if (!this.branchExits(loop, condition.consequentSpan) && !(condition.alternateSpan && this.branchExits(loop, condition.alternateSpan))) continue;
      if (this.modelDerived(condition.test, loop, 0)) return condition.test;
    }
    return undefined;
  }

  /** A counter, budget or clock compared in the loop condition or in a guard that leaves the loop. */
  hasCounterExit(loop: Loop): boolean {
    if (loop.condition && !loop.infinite && this.countsIn(loop.condition, loop, 0)) return true;
    return this.model.conditions.some(
      (c) =>
        c.functionIndex === loop.functionIndex &&
        spanContains(loop.bodySpan, c.span) &&
        (this.branchExits(loop, c.consequentSpan) || (c.alternateSpan !== undefined && this.branchExits(loop, c.alternateSpan))) &&
        this.countsIn(c.test, loop, 0),
    );
  }

  private branchExits(loop: Loop, branch: Span): boolean {
    if (loop.breaks.some((b) => spanContains(branch, b))) return true;
    if (this.model.returns.some((r) => r.functionIndex === loop.functionIndex && spanContains(branch, r.span))) return true;
    return EXIT_WORDS.test(codeText(this.model, branch));
  }

  /** `turns < MAX_TURNS`, `len(messages) > 40`, `time.monotonic() > deadline`, `steps === MAX_STEPS`. */
  private countsIn(test: Expr, loop: Loop, depth: number): boolean {
    if (depth > 8) return false;
    const e = unwrap(test);
    if (e.kind === 'binary') {
      if (['and', 'or', '&&', '||'].includes(e.op)) return this.countsIn(e.left, loop, depth + 1) || this.countsIn(e.right, loop, depth + 1);
      if (ORDERING.has(e.op)) return [e.left, e.right].some((side) => this.isCounter(side, loop));
      if (EQUALITY.has(e.op)) return [e.left, e.right].some((side) => this.growingNames(side, loop));
      return false;
    }
    if (e.kind === 'other') return e.children.some((child) => this.countsIn(child, loop, depth + 1));
    return false;
  }

  /** A non-literal value that does not come from the model's answer, or a name that grows in the loop. */
  private isCounter(side: Expr, loop: Loop): boolean {
    if (this.growingNames(side, loop)) return true;
    if (leaves(this.model, side).length === 0) return false;
    return !this.modelDerived(side, loop, 0);
  }

  /** The side mentions a name incremented in the loop (`turns += 1`, `steps++`, `total_tokens += usage`). */
  private growingNames(side: Expr, loop: Loop): boolean {
    const body = codeText(this.model, loop.span);
    return leaves(this.model, side).some((leaf) => {
      const name = dottedPath(leaf);
      if (!name) return false;
      if (assignmentsTo(this.model, name).some((a) => a.augmented && spanContains(loop.span, a.span))) return true;
      const escaped = name.replace(/[.$]/g, '\\$&');
      return new RegExp(`(\\+\\+|--)\\s*${escaped}\\b|\\b${escaped}\\s*(\\+\\+|--|\\+=|-=)`).test(body);
    });
  }

  /** The expression depends on an LLM answer: `resp.stop_reason`, `tool_calls`, `block.type` of `resp.content`. */
  modelDerived(expr: Expr, loop: Loop, depth: number, seen = new Set<string>()): boolean {
    if (depth > 6) return false;
    for (const leaf of leaves(this.model, expr)) {
      const e = unwrap(leaf);
      if (e.kind === 'call') {
        const call = this.model.calls[e.callIndex]!;
        if (this.ctx.llm.calls.some((c) => c.call.index === call.index)) return true;
        if (this.hasModelLabel(e, loop)) return true;
        continue;
      }
      if (e.kind !== 'name') continue;
      if (this.hasModelLabel(e, loop)) return true;
      // `done = resp.stop_reason == "end_turn"`: comparisons carry no taint, so follow the assignments.
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      for (const assignment of assignmentsTo(this.model, e.name)) {
        if (assignment.functionIndex !== loop.functionIndex) continue;
        if (this.modelDerived(assignment.value, loop, depth + 1, seen)) return true;
      }
    }
    return false;
  }

  private hasModelLabel(expr: Expr, loop: Loop): boolean {
    return this.taint.tracesOf(expr, loop.functionIndex).some((t) => t.label === 'llm' || t.label === 'tool');
  }
}

/** The names, member chains (and their roots) and calls an expression reads, with the arguments and receivers
 * of those calls: `len(resp.content)` → `len(…)`, `resp.content`, `resp`. */
function leaves(model: FileModel, expr: Expr, out: Expr[] = [], depth = 0): Expr[] {
  if (depth > 12) return out;
  const e = unwrap(expr);
  switch (e.kind) {
    case 'name':
      out.push(e);
      break;
    case 'member':
    case 'index': {
      // Metadata members (`stop_reason`, `finish_reason`) carry no text taint: look at the object they belong to.
      let root: Expr = e;
      while (root.kind === 'member' || root.kind === 'index') {
        if (root.kind === 'index') leaves(model, root.index, out, depth + 1);
        root = unwrap(root.object);
      }
      if (root.kind === 'name' && dottedPath(e) !== undefined) out.push(e);
      leaves(model, root, out, depth + 1);
      break;
    }
    case 'call': {
      out.push(e);
      const call = model.calls[e.callIndex];
      if (call?.callee.kind === 'member') leaves(model, call.callee.object, out, depth + 1);
      for (const arg of call?.args ?? []) leaves(model, arg.value, out, depth + 1);
      break;
    }
    case 'binary':
      leaves(model, e.left, out, depth + 1);
      leaves(model, e.right, out, depth + 1);
      break;
    case 'template':
      for (const part of e.parts) if (typeof part !== 'string') leaves(model, part, out, depth + 1);
      break;
    case 'other':
      for (const child of e.children) leaves(model, child, out, depth + 1);
      break;
    case 'object':
      for (const entry of e.entries) leaves(model, entry.value, out, depth + 1);
      break;
    case 'array':
      for (const element of e.elements) leaves(model, element, out, depth + 1);
      break;
    default:
      break;
  }
  return out;
}

// ---- Framework caps ---------------------------------------------------------------------------------------

/** `AgentExecutor(max_iterations=None)`, `{"recursion_limit": 500}`, `Runner.run(agent, q, max_turns=1000)`. */
function checkFrameworkCaps(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  const caps = AGENT_LOOP_CAPS.filter((cap) => model.imports.some((i) => !i.typeOnly && cap.modules.test(i.module)));
  if (caps.length === 0) return;
  const visit = (key: string | undefined, value: Expr, span: Span, functionIndex: number | undefined) => {
    const cap = key === undefined ? undefined : caps.find((c) => c.keys.includes(key));
    if (cap) checkCap(ctx, cap, key!, value, span, functionIndex, report);
  };
  for (const call of model.calls) {
    for (const arg of call.args) {
      if (arg.spread) continue;
      visit(arg.name, arg.value, arg.span, call.functionIndex);
      walkObjects(arg.value, (key, value, span) => visit(key, value, span, call.functionIndex));
    }
  }
  for (const assignment of model.assignments) walkObjects(assignment.value, (key, value, span) => visit(key, value, span, assignment.functionIndex));
}

function checkCap(ctx: CodeContext, cap: AgentLoopCap, key: string, value: Expr, span: Span, functionIndex: number | undefined, report: Reporter): void {
  const resolved = resolveValue(ctx.model, value, functionIndex);
  if (cap.noneIsUnbounded && resolved.kind === 'literal' && (resolved.value === 'null' || resolved.value === 'undefined') && unwrap(value).kind !== 'name') {
    report(span, `${key}=${exprSpanText(ctx.model, value.span, 20)} switches off ${cap.what}: the agent loops until the model decides to stop, so a confused or prompt-injected model runs up cost and tool calls without end. ${capitalize(cap.fix)}.`);
    return;
  }
  const n = limitValue(ctx.model, resolved);
  if (n === undefined || n <= MAX_AGENT_STEPS) return;
  report(span, `${key} of ${describeCount(n)} all but removes ${cap.what}: one request can run that many model calls, and their tool calls, before anything stops it. ${capitalize(cap.fix)}; caps above ${MAX_AGENT_STEPS} are reported.`);
}

/** Visits `key: value` entries of the object / dict literals inside an expression. */
function walkObjects(expr: Expr, visit: (key: string, value: Expr, span: Span) => void, depth = 0): void {
  if (depth > 8) return;
  const e = unwrap(expr);
  if (e.kind === 'object') {
    for (const entry of e.entries) {
      if (entry.spread) continue;
      if (entry.key !== undefined) visit(entry.key, entry.value, entry.span);
      walkObjects(entry.value, visit, depth + 1);
    }
  } else if (e.kind === 'array') for (const element of e.elements) walkObjects(element, visit, depth + 1);
}

// ---- Vercel AI SDK stopWhen / maxSteps --------------------------------------------------------------------

type StepCap = { kind: 'cap'; n: number; span: Span } | { kind: 'none' } | { kind: 'unknown' };

function checkAiSdk(ctx: CodeContext, report: Reporter): void {
  const { model } = ctx;
  if (model.language === 'python' || !model.imports.some((i) => AI_SDK_STEP_CAPS.modules.includes(i.module))) return;
  for (const call of model.calls) {
    const target = importedName(model, call.callee);
    if (!target || !AI_SDK_STEP_CAPS.modules.includes(target.module)) continue;
    const first = call.args[0];
    if (!first || first.spread) continue;
    const options = resolveValue(model, first.value, call.functionIndex);
    if (options.kind !== 'object') continue;
    for (const entry of options.entries) {
      if (entry.spread) continue;
      if (entry.key === 'maxSteps') {
        const n = resolvedLimit(model, entry.value, call.functionIndex);
        if (n !== undefined && n > MAX_AGENT_STEPS)
          report(entry.span, `maxSteps: ${describeCount(n)} lets ${target.name}() run that many model calls, and their tool calls, for one request. ${FIX_STEPS}`);
      }
      if (entry.key === 'stopWhen') {
        const cap = stepCap(model, entry.value, call.functionIndex, 0);
        if (cap.kind === 'none')
          report(entry.span, `stopWhen of ${target.name}() has no step-count condition: the tool loop ends only when the model calls the named tool, so a model that never does (or is told not to) loops without end. Add stepCountIs(n) to the conditions: stopWhen: [hasToolCall('done'), stepCountIs(10)].`);
        else if (cap.kind === 'cap' && cap.n > MAX_AGENT_STEPS)
          report(entry.span, `stopWhen of ${target.name}() allows ${describeCount(cap.n)} steps: one request can run that many model calls, and their tool calls. ${FIX_STEPS}`);
      }
    }
  }
}

const FIX_STEPS = `Keep the step count small (stepCountIs(5)–stepCountIs(20)); counts above ${MAX_AGENT_STEPS} are reported.`;

/** The smallest step count a stop condition guarantees: `stepCountIs(10)`, or any step count in an array of conditions. */
function stepCap(model: FileModel, expr: Expr, functionIndex: number | undefined, depth: number): StepCap {
  if (depth > 4) return { kind: 'unknown' };
  const value = resolveValue(model, expr, functionIndex);
  if (value.kind === 'call') {
    const call = model.calls[value.callIndex]!;
    const name = call.calleePath?.split('.').pop();
    if (name && AI_SDK_STEP_CAPS.stepCountConditions.includes(name)) {
      const arg = call.args[0];
      const n = arg && !arg.spread ? resolvedLimit(model, arg.value, functionIndex) : undefined;
      return n === undefined ? { kind: 'unknown' } : { kind: 'cap', n, span: call.span };
    }
    if (name && AI_SDK_STEP_CAPS.openConditions.includes(name)) return { kind: 'none' };
    return { kind: 'unknown' };
  }
  if (value.kind === 'array') {
    // Any condition stops the loop: the smallest step count wins.
    const caps = value.elements.map((element) => stepCap(model, element, functionIndex, depth + 1));
    const counted = caps.filter((c): c is Extract<StepCap, { kind: 'cap' }> => c.kind === 'cap').sort((a, b) => a.n - b.n);
    if (counted[0] && counted[0].n <= MAX_AGENT_STEPS) return counted[0];
    if (caps.some((c) => c.kind === 'unknown')) return { kind: 'unknown' };
    return counted[0] ?? { kind: 'none' };
  }
  return { kind: 'unknown' };
}

// ---- Values -------------------------------------------------------------------------------------------------

function describeCount(n: number): string {
  return n === Infinity ? 'infinity' : n >= Number.MAX_SAFE_INTEGER ? 'the largest integer' : n.toLocaleString('en-US');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
