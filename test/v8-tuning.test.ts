import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, LARGE_TREE_FILES, OPTIMIZATION_DELAY, scanFlags, startupFlags } from '../src/v8-tuning.js';

const NODE_20 = '11.3.244.8-node.33';
const NODE_24 = '13.6.233.17-node.40';

describe('startupFlags (the optimizing compilers held back)', () => {
  it('holds them back on two cores or fewer, where they compete with the scan for the second core', () => {
    expect(startupFlags({}, NODE_20, 2)).toEqual(['--interrupt-budget=400000']);
    expect(startupFlags({}, NODE_20, 1)).toEqual(['--interrupt-budget=400000']);
    expect(startupFlags({}, NODE_24, 2)).toEqual(['--invocation-count-for-maglev=2000', '--invocation-count-for-turbofan=20000']);
  });

  it('leaves them with more cores, where they run beside the scan, unless forced', () => {
    expect(startupFlags({}, NODE_20, 4)).toEqual([]);
    expect(startupFlags({}, NODE_24, 4)).toEqual([]);
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '1' }, NODE_24, 4)).toEqual(OPTIMIZATION_DELAY['13']);
  });

  it('leaves V8 versions it was not measured on alone: each counts differently', () => {
    expect(startupFlags({}, '12.4.254.21-node.33', 2)).toEqual([]);
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '1' }, '14.2.1', 2)).toEqual([]);
  });

  it('is switched off by PROMPTGATE_V8_TUNING=0', () => {
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '0' }, NODE_20, 2)).toEqual([]);
    expect(startupFlags({ PROMPTGATE_V8_TUNING: '0' }, NODE_24, 1)).toEqual([]);
  });
});

describe('scanFlags (the old generation\'s growth limited on large trees)', () => {
  const growth = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];

  it('limits it from LARGE_TREE_FILES files on', () => {
    expect(scanFlags({}, LARGE_TREE_FILES, NODE_20)).toEqual(growth);
    expect(scanFlags({}, LARGE_TREE_FILES - 1, NODE_20)).toEqual([]);
  });

  it('is left to V8s it was measured on, which know the flag', () => {
    expect(scanFlags({}, 5000, NODE_20)).toEqual(growth);
    expect(scanFlags({}, 5000, NODE_24)).toEqual(growth);
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '1' }, 5000, '14.2.1')).toEqual([]);
  });

  it('follows PROMPTGATE_V8_TUNING', () => {
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '1' }, 10, NODE_20)).toEqual(growth);
    expect(scanFlags({ PROMPTGATE_V8_TUNING: '0' }, 5000)).toEqual([]);
  });
});
