/** Names calibrate derives (from the output file, from the logs) are valid scenario names. */
import { describe, expect, it } from 'vitest';
import { functionNameOf, scenarioNameOf } from '../../src/calibrate/names.ts';

describe('derived names', () => {
  it('a function name keeps letters, digits, - and _; anything else becomes -', () => {
    expect(functionNameOf('orders-api')).toBe('orders-api');
    expect(functionNameOf('tail.txt')).toBe('tail-txt');
    expect(functionNameOf('us-east-1.edge-fn')).toBe('us-east-1-edge-fn'); // Lambda@Edge log groups
    expect(functionNameOf('x'.repeat(70))).toHaveLength(64);
    expect(functionNameOf('')).toBe('function');
  });

  it('a scenario name may keep its dots, not a leading one', () => {
    expect(scenarioNameOf('orders.v2')).toBe('orders.v2');
    expect(scenarioNameOf('orders v2')).toBe('orders-v2');
    expect(scenarioNameOf('.hidden')).toBe('hidden');
    expect(scenarioNameOf('...')).toBe('calibrated');
  });
});
