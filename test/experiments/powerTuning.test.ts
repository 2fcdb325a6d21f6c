/**
 * Power Tuning's visualization link (lambda/utils.js buildVisualizationURL): `BASE#` + base64 of the
 * sizes as Int16, then of the mean durations and of the costs as Float32, joined by ';', points
 * sorted by memory. Checked both ways: our links decode back to the points, and links published
 * from real Power Tuning runs decode and re-encode to the same characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildVisualizationUrl,
  decodeVisualizationUrl,
  POWER_TUNING_VISUALIZATION_URL,
  powerTuningOutput,
  rankByStrategy,
} from '../../src/experiments/tune/index.ts';

/** Outputs of real Power Tuning executions, as published in their authors' write-ups. */
const REAL_LINKS = [
  // power 512, cost 0.0000509712, duration 6067.418333333332 (strategy cost)
  'https://lambda-power-tuning.show/#gAAAAQACAAQABgAIwAsAKA==;5njERiCGREZZm71F9rxARW12AkU66d5EDqzeRLFs30Q=;a4NdODSTXTjpyVU42k9ZOLixXDipans4V224ONx8nTk=',
  // power 128, cost 5.313e-7, duration 252.87833333333333 (strategy cost)
  'https://lambda-power-tuning.show/#gAAAAQACAAQACMAL;2uB8Q4WrCEOnTddCsWSZQnG9okLe3adC;qJ4ONTB1GjVPhnM1wp+tNfrlODa3GIs2',
];

const decoded = (url: string) => {
  const r = decodeVisualizationUrl(url);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('Power Tuning visualization link', () => {
  it('decodes back to the points (sizes exact, durations and costs at Float32 precision)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            power: fc.integer({ min: 128, max: 10240 }),
            duration: fc.double({ min: 0.01, max: 900_000, noNaN: true }),
            cost: fc.double({ min: 1e-12, max: 0.01, noNaN: true }),
          }),
          { minLength: 1, maxLength: 20, selector: (p) => p.power },
        ),
        (points) => {
          const url = buildVisualizationUrl(points);
          expect(url.startsWith(`${POWER_TUNING_VISUALIZATION_URL}#`)).toBe(true);
          const back = decoded(url);
          const sorted = [...points].sort((a, b) => a.power - b.power);
          expect(back.map((p) => p.power)).toEqual(sorted.map((p) => p.power));
          back.forEach((p, i) => {
            expect(p.duration).toBe(Math.fround(sorted[i].duration));
            expect(p.cost).toBe(Math.fround(sorted[i].cost));
          });
        },
      ),
    );
  });

  it('reproduces real Power Tuning links character for character', () => {
    for (const url of REAL_LINKS) expect(buildVisualizationUrl(decoded(url))).toBe(url);
  });

  it('reads a real run: sizes, the recommended point and its cost strategy', () => {
    const points = decoded(REAL_LINKS[0]);
    expect(points.map((p) => p.power)).toEqual([128, 256, 512, 1024, 1536, 2048, 3008, 10240]);
    const p512 = points[2];
    expect(p512.duration).toBeCloseTo(6067.418333333332, 2);
    expect(p512.cost).toBeCloseTo(0.0000509712, 10);
    expect(rankByStrategy(points, 'cost')[0].power).toBe(512);
    expect(rankByStrategy(decoded(REAL_LINKS[1]), 'cost')[0].power).toBe(128);
  });

  it('sorts by memory like Power Tuning, whatever the input order', () => {
    const a = [
      { power: 1024, duration: 10, cost: 2e-6 },
      { power: 128, duration: 80, cost: 1e-6 },
    ];
    expect(buildVisualizationUrl(a)).toBe(buildVisualizationUrl([...a].reverse()));
    expect(decoded(buildVisualizationUrl(a))[0].power).toBe(128);
  });

  it('rejects what is not a link', () => {
    expect(decodeVisualizationUrl('https://example.com/').ok).toBe(false);
    expect(decodeVisualizationUrl('https://x/#a;b').ok).toBe(false);
    expect(decodeVisualizationUrl('https://x/#gA==;AAAAAA==;AAAAAA==').ok).toBe(false); // odd byte count
    expect(decodeVisualizationUrl('https://x/#gAAAAQ==;AAAAAA==;AAAAAA==').ok).toBe(false); // lengths differ
  });

  it("has Power Tuning's output shape", () => {
    const stats = [
      { power: 128, duration: 100, cost: 1e-6 },
      { power: 256, duration: 50, cost: 1.1e-6 },
    ];
    const out = powerTuningOutput(stats, stats[0]);
    expect(Object.keys(out)).toEqual(['power', 'cost', 'duration', 'stateMachine', 'stats']);
    expect(Object.keys(out.stateMachine)).toEqual(['executionCost', 'lambdaCost', 'visualization']);
    expect(out).toMatchObject({ power: 128, cost: 1e-6, duration: 100 });
    expect(out.stats[1]).toEqual({ value: 256, averagePrice: 1.1e-6, averageDuration: 50 });
    expect(decoded(out.stateMachine.visualization).map((p) => p.power)).toEqual([128, 256]);
  });
});
