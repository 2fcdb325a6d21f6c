/**
 * `npm run bench [-- FILTER...]`: runs every bench whose name contains one of the filters (all by
 * default) and prints a table: the fastest of 3 timed runs after a warm-up, and the live-heap growth
 * across them. Speed lives here, never in tests. Results vary with the machine and with whatever else
 * is running (two busy processes on two cores run at about half speed each).
 */
import type { BenchResult } from './bench.ts';
import { benches } from './benches.ts';
import { samplingSink } from './samplingBenches.ts';

function fmtRate(r: BenchResult): string {
  return `${(r.ops / r.seconds / 1e6).toFixed(2)} M ${r.unit}/s`;
}

function fmtBytes(bytes: number): string {
  const kb = bytes / 1024;
  return `${kb >= 0 ? '+' : ''}${kb.toFixed(0)} KB`;
}

const filters = process.argv.slice(2);
const selected = benches.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
const nameWidth = Math.max(...selected.map((b) => b.name.length), 5);

console.log(`lamsim bench — node ${process.version}, ${process.arch}`);
console.log(
  `${'bench'.padEnd(nameWidth)}  ${'ops'.padStart(11)}  ${'time'.padStart(8)}  ${'rate'.padStart(20)}  heap growth`,
);
for (const bench of selected) {
  const r = bench.run();
  console.log(
    `${bench.name.padEnd(nameWidth)}  ${r.ops.toLocaleString('en-US').padStart(11)}  ` +
      `${`${r.seconds.toFixed(3)} s`.padStart(8)}  ${fmtRate(r).padStart(20)}  ${fmtBytes(r.heapGrowthBytes).padStart(11)}`,
  );
}
if (Number.isNaN(samplingSink())) console.log('(sink is NaN)');
