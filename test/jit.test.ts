import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, jitFlag } from '../src/jit.js';

describe('jitFlag (when the CLI raises V8 11\'s interrupt budget)', () => {
  const flag = `--interrupt-budget=${INTERRUPT_BUDGET}`;

  it('raises it on Node 20 (V8 11) with two cores or fewer, where the optimizing compiler competes with the scan', () => {
    expect(jitFlag({}, '11.3.244.8-node.33', 2)).toBe(flag);
    expect(jitFlag({}, '11.3.244.8-node.33', 1)).toBe(flag);
  });

  it('leaves it with more cores, where the compiler runs beside the scan', () => {
    expect(jitFlag({}, '11.3.244.8-node.33', 4)).toBeUndefined();
    expect(jitFlag({ PROMPTGATE_JIT_TUNING: '1' }, '11.3.244.8-node.33', 4)).toBe(flag);
  });

  it('leaves later V8s alone, which tier by invocation counts and have no such flag', () => {
    expect(jitFlag({}, '13.6.233.17-node.40', 2)).toBeUndefined();
    expect(jitFlag({ PROMPTGATE_JIT_TUNING: '1' }, '12.4.254.21-node.33', 2)).toBeUndefined();
  });

  it('is switched off by PROMPTGATE_JIT_TUNING=0', () => {
    expect(jitFlag({ PROMPTGATE_JIT_TUNING: '0' }, '11.3.244.8-node.33', 2)).toBeUndefined();
  });
});
