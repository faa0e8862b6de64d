import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, INTERRUPT_BUDGET, LARGE_TREE_FILES, scanFlags, startupFlags } from '../src/v8-tuning.js';

const NODE_20 = '11.3.244.8-node.33';
const NODE_24 = '13.6.233.17-node.40';

describe('startupFlags (V8 11\'s interrupt budget raised)', () => {
  const budget = [`--interrupt-budget=${INTERRUPT_BUDGET}`];

  it('raises it on Node 20 with two cores or fewer, where the optimizing compiler competes with the scan', () => {
    expect(startupFlags({}, NODE_20, 2)).toEqual(budget);
    expect(startupFlags({}, NODE_20, 1)).toEqual(budget);
  });

  it('leaves it with more cores, where the compiler runs beside the scan, unless forced', () => {
    expect(startupFlags({}, NODE_20, 4)).toEqual([]);
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '1' }, NODE_20, 4)).toEqual(budget);
  });

  it('leaves later V8s alone, which tier by invocation counts and have no such flag', () => {
    expect(startupFlags({}, NODE_24, 2)).toEqual([]);
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '1' }, '12.4.254.21-node.33', 2)).toEqual([]);
  });

  it('is switched off by PROMPTGATE_V8_TUNING=0', () => {
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '0' }, NODE_20, 2)).toEqual([]);
  });
});

describe('scanFlags (the old generation\'s growth limited on large trees)', () => {
  const growth = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];

  it('limits it from LARGE_TREE_FILES files on', () => {
    expect(scanFlags({}, LARGE_TREE_FILES)).toEqual(growth);
    expect(scanFlags({}, LARGE_TREE_FILES - 1)).toEqual([]);
  });

  it('is left to V8s it was measured on, which know the flag', () => {
    expect(scanFlags({}, 5000, NODE_20)).toEqual(growth);
    expect(scanFlags({}, 5000, NODE_24)).toEqual(growth);
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '1' }, 5000, '14.2.1')).toEqual([]);
  });

  it('follows PROMPTGATE_V8_TUNING', () => {
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '1' }, 10)).toEqual(growth);
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '0' }, 5000)).toEqual([]);
  });
});
