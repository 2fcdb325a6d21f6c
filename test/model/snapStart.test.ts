/**
 * SnapStart (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html; AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/): a cold start restores a snapshot
 * instead of running INIT, so a slow INIT leaves the latency; Java's SnapStart costs nothing extra;
 * Python and .NET pay for the cache (GB-s while the version is active) and per restore (per GB).
 */
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/report/text.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const sparse = (runtime: string, snapStart: boolean) => yaml`
  lamsim: 1
  name: snapstart
  duration: 2h
  platform: { idleTimeout: 5m, maxLifetime: off }
  traffic: { target: f, mode: uniform, phases: [{ duration: 2h, arrivalRate: 0.00277778 }] }
  functions:
    f:
      runtime: ${runtime}
      memorySize: 1024
      snapStart: ${snapStart}
      logSize: 0B
      model: { init: 6s, preInit: 0ms, restore: 400ms, compute: 50ms, computeAt: 1024MB }
`;

describe('SnapStart', () => {
  it('replaces a slow INIT by the restore on every cold start', () => {
    // One request every 6 minutes with a 5-minute idle timeout: every request is cold.
    const plain = fn(run(sparse('java21', false)));
    const snap = fn(run(sparse('java21', true)));
    expect(snap.coldStarts).toBe(snap.invocations.started);
    expect(snap.snapStartRestores).toBe(snap.coldStarts);
    expect(plain.snapStartRestores).toBe(0);
    expect(plain.latencyColdMs.p50).toBeCloseTo(6000 + 50, 0);
    expect(snap.latencyColdMs.p50).toBeCloseTo(400 + 50, 0);
  });

  it('Java: no SnapStart charge, and the restore is not billed as INIT', () => {
    const out = run(sparse('java21', true));
    const f = fn(out);
    expect(out.run.usage.lambda[0].onDemandBilledMs).toBe(f.invocations.started * 50);
    expect(out.cost.window.lines.some((l) => l.item.startsWith('snapstart'))).toBe(false);
  });

  it('Python: cache for the window and each restore per GB, at the published prices', () => {
    const out = run(sparse('python3.12', true));
    const f = fn(out);
    const line = (item: string) => out.cost.window.lines.find((l) => l.item === item)!;
    // 1 GB cached for the 2-hour window; one restore per cold start.
    expect(line('snapstart cache').quantity).toBeCloseTo(7200, 9);
    expect(line('snapstart cache').usd).toBeCloseTo(7200 * 0.0000015046, 12);
    expect(line('snapstart restore').quantity).toBe(f.snapStartRestores);
    expect(line('snapstart restore').usd).toBeCloseTo(f.snapStartRestores * 0.0001397998, 12);
  });

  it("says what the window's cache line covers: the window's share of a version that lives on (AWS: 3 h minimum per version)", () => {
    const text = summaryText(run(sparse('python3.12', true)).summary);
    expect(text).toContain(
      'SnapStart cache: 2 h per version, its active time in the window (the version lives on after it); ' +
        'AWS bills at least 3 h per version over its life, so a version published for this window alone bills 3 h.',
    );
    // Java's SnapStart bills no cache: no note.
    expect(summaryText(run(sparse('java21', true)).summary)).not.toContain('SnapStart cache');
  });
});
