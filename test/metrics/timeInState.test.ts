import { describe, expect, it } from 'vitest';
import { TimeInState } from '../../src/metrics/timeInState.ts';

describe('TimeInState', () => {
  it('adds up the stretches the condition held, the open one up to the end', () => {
    const t = new TimeInState(false);
    t.set(10, true);
    t.set(15, true); // still holding: the stretch goes on from 10
    t.set(30, false);
    t.set(40, false);
    t.set(50, true);
    expect(t.totalMs(45)).toBe(20); // 10..30; the stretch from 50 has not begun
    expect(t.totalMs(70)).toBe(40); // 10..30 and 50..70
  });

  it('holds from 0 when it held at the start, and a restart counts only from then', () => {
    const t = new TimeInState(true);
    t.set(25, false);
    expect(t.totalMs(100)).toBe(25);
    t.set(60, true);
    t.restartAt(80); // the stretch from 60 goes on from 80
    expect(t.totalMs(100)).toBe(20);
    t.set(90, false);
    t.restartAt(95);
    expect(t.totalMs(200)).toBe(0);
  });
});
