/**
 * `stopYoungGenerationGrowth` (src/io/youngGeneration.ts) keeps V8's new space at its size: in a
 * node of its own, a loop that keeps a quarter of 2 M small objects alive grows the new space from
 * 1 MB to 32 MB by default, and leaves it at most twice its size once growth is stopped (directly,
 * or by the CLI's way: drawing a chart with nodeReportAssets' `stopYoungGenerationGrowth`). The child
 * must print nothing on stderr: a Node whose V8 dropped the flag would say "unrecognized flag".
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const module = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);

/** How growth is stopped first: not at all, by the function, or by drawing a chart with nodeReportAssets. */
type Stop = 'no' | 'function' | 'chart';

const STOPS: Record<Stop, string> = {
  no: '',
  function: `const { stopYoungGenerationGrowth } = await import(${module('src/io/youngGeneration.ts')});
stopYoungGenerationGrowth(); stopYoungGenerationGrowth();`,
  chart: `const { nodeReportAssets } = await import(${module('src/io/reportAssets.ts')});
const { chartSpec } = await import(${module('src/report/charts/chartSpec.ts')});
await nodeReportAssets({ stopYoungGenerationGrowth: true }).renderPng(chartSpec('yg', 'yg', { type: 'line', data: { datasets: [{ label: 'a', data: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] }, options: { scales: { x: { type: 'linear' } } } }));`,
};

const script = (stop: Stop) => `
const { getHeapSpaceStatistics } = await import('node:v8');
${STOPS[stop]}
const newSpaceMb = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
const beforeMb = newSpaceMb();
const kept = [];
for (let i = 0; i < 2e6; i++) { const o = { a: i, b: [i] }; if (i % 4 === 0) kept.push(o); }
console.log(JSON.stringify({ beforeMb, afterMb: newSpaceMb(), kept: kept.length }));
`;

function newSpace(stop: Stop): { beforeMb: number; afterMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(stop)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { beforeMb: number; afterMb: number };
}

describe('young generation', () => {
  it('grows under surviving allocations by default', () => {
    const { beforeMb, afterMb } = newSpace('no');
    expect(afterMb).toBeGreaterThanOrEqual(8 * beforeMb);
  }, 60_000);

  it('stays within twice its size once growth is stopped', () => {
    const { beforeMb, afterMb } = newSpace('function');
    expect(afterMb).toBeLessThanOrEqual(2 * beforeMb);
  }, 60_000);

  it('stops growing once nodeReportAssets drew a chart with stopYoungGenerationGrowth', () => {
    const { beforeMb, afterMb } = newSpace('chart');
    expect(afterMb).toBeLessThanOrEqual(2 * beforeMb);
  }, 60_000);
});
