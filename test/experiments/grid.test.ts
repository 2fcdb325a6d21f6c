import { describe, expect, it } from 'vitest';
import {
  POWER_TUNING_DEFAULT_SIZES,
  parseArchitectures,
  parseMemoryGrid,
} from '../../src/experiments/tune/index.ts';

const sizes = (text: string) => {
  const r = parseMemoryGrid(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const problem = (text: string) => {
  const r = parseMemoryGrid(text);
  return r.ok ? null : r.error;
};

describe('memory grid', () => {
  it("defaults to Power Tuning's sizes", () => {
    expect(POWER_TUNING_DEFAULT_SIZES).toEqual([128, 256, 512, 1024, 1536, 2048, 3008]);
  });

  it('reads lists, GB, and sorts without duplicates', () => {
    expect(sizes('1024, 128,256,1GB')).toEqual([128, 256, 1024]);
    expect(sizes('1.5GB')).toEqual([1536]);
  });

  it('reads ranges FROM..TO:STEP including both ends', () => {
    expect(sizes('128..512:128')).toEqual([128, 256, 384, 512]);
    const r = sizes('128..3008:128');
    expect(r[0]).toBe(128);
    expect(r.at(-2)).toBe(2944);
    expect(r.at(-1)).toBe(3008);
    expect(sizes('128..3008:64')).toHaveLength(46); // Power Tuning's allPowerValues
    expect(sizes('128..256:64,3008')).toEqual([128, 192, 256, 3008]);
  });

  it('rejects sizes outside Lambda limits and malformed input', () => {
    expect(problem('64')).toMatch(/from 128 to 10240 MB/);
    expect(problem('20GB')).toMatch(/from 128 to 10240 MB/);
    expect(problem('1000.5')).toMatch(/whole number/);
    expect(problem('128..3008')).toMatch(/needs a step/);
    expect(problem('512..128:64')).toMatch(/ends below/);
    expect(problem('128..512:0')).toMatch(/step/);
    expect(problem('fast')).toMatch(/not a memory size/);
    expect(problem('')).toMatch(/empty/);
  });

  it('reads architectures', () => {
    expect(parseArchitectures('x86_64,arm64')).toEqual({ ok: true, value: ['x86_64', 'arm64'] });
    expect(parseArchitectures('arm, x86, arm64')).toEqual({ ok: true, value: ['arm64', 'x86_64'] });
    expect(parseArchitectures('sparc').ok).toBe(false);
  });
});
