/**
 * What crosses a time shard's border (results/summary.ts ShardBorders): scenarios/s3-thumbnails.yaml
 * queues thousands of events behind its reserved concurrency after the burst, so at every border
 * of a 4-shard run a slice leaves events queued and attempts running, and the next slice starts
 * from its own warm-up's. With those terms every identity of the merged counts holds exactly;
 * without them it is off by what was left minus what was found, far more than "a few".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { summaryText } from '../../src/report/text.ts';
import { countIdentities } from '../../src/results/index.ts';
import { scenarioFrom } from '../helpers/run.ts';
import { sharded } from '../helpers/shards.ts';

const scenario = scenarioFrom(
  readFileSync(new URL('../../scenarios/s3-thumbnails.yaml', import.meta.url), 'utf8'),
);

describe('a merged run accounts for what crossed its borders', () => {
  const merged = sharded(scenario, 4);
  const f = merged.functions.thumbnailer;
  const b = f.borders!;
  const a = f.async!;

  it('the slices leave and find thousands of queued events at the borders', () => {
    expect(b.waitingAtEnds).toBeGreaterThan(1000);
    expect(b.waitingAtStarts).toBeGreaterThan(1000);
    expect(b.inFlightAtEnds + b.inFlightAtStarts).toBeGreaterThan(0);
  });

  it('every identity holds exactly with the border terms', () => {
    for (const [name, fn] of Object.entries(merged.functions))
      for (const c of countIdentities(fn)) expect(c.left, `${name}: ${c.identity}`).toBe(c.right);
  });

  it('without them the events identity is off by left minus found, at most the larger of the two', () => {
    const inv = f.invocations;
    const off =
      inv.arrived - (a.succeeded + inv.dropped + inv.throttled + a.waitingAtEnd + inv.inFlightAtEnd);
    const left = b.waitingAtEnds + b.inFlightAtEnds;
    const found = b.waitingAtStarts + b.inFlightAtStarts;
    expect(off).toBe(left - found);
    expect(off).not.toBe(0);
    expect(Math.abs(off)).toBeLessThanOrEqual(Math.max(left, found));
  });

  it('the printed summary writes the sums with them, and the merge line states the bound', () => {
    const text = summaryText(merged);
    expect(text).toMatch(
      /events +[\d,]+ arrived \+ [\d,]+ queued at slice starts \+ [\d,]+ running at slice starts = .* \+ [\d,]+ queued at slice ends \+ [\d,]+ running at slice ends\n/,
    );
    const left = (b.waitingAtEnds + b.inFlightAtEnds).toLocaleString('en-US');
    expect(text).toContain(`at the borders the slices left ${left} attempts running or events queued`);
  });

  it('a whole run has no borders', () => {
    expect(runScenario(scenario).summary.functions.thumbnailer.borders).toBeUndefined();
  });
});
