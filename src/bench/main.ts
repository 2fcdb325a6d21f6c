/**
 * `npm run bench [-- [--repeats N] FILTER...]`: builds `dist/`, then runs every bench and speed
 * target whose name contains one of the filters (all by default).
 *
 * - Benches (engine, sampling, metrics, whole scenarios, retained memory): the fastest of 3 timed
 *   runs after a warm-up, and the live-heap growth across them.
 * - Targets (issue 14): min and median of N runs (5 by default) against each goal, and whether the
 *   median meets it.
 *
 * Speed lives here, never in tests. Results vary with the machine and with whatever else is running
 * (two busy processes on two cores run at about half speed each).
 */

import { loadavg } from 'node:os';
import type { BenchResult } from './bench.ts';
import { benches } from './benches.ts';
import { samplingSink } from './samplingBenches.ts';
import { measureTarget, nodeStartSeconds, targetLine, targets } from './targets.ts';

function fmtRate(r: BenchResult): string {
  return `${(r.ops / r.seconds / 1e6).toFixed(2)} M ${r.unit}/s`;
}

function fmtBytes(bytes: number): string {
  const kb = bytes / 1024;
  return `${kb >= 0 ? '+' : ''}${kb.toFixed(0)} KB`;
}

function parseArgs(argv: readonly string[]): { repeats: number; filters: string[] } {
  const filters: string[] = [];
  let repeats = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repeats') {
      repeats = Number(argv[++i]);
      if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats takes a whole number >= 1');
    } else {
      filters.push(argv[i]);
    }
  }
  return { repeats, filters };
}

const { repeats, filters } = parseArgs(process.argv.slice(2));
const wanted = (name: string): boolean => filters.length === 0 || filters.some((f) => name.includes(f));

const selected = benches.filter((b) => wanted(b.name));
if (selected.length > 0) {
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
}

const selectedTargets = targets.filter((t) => wanted(t.name) || wanted('targets'));
if (selectedTargets.length > 0) {
  const nameWidth = Math.max(...selectedTargets.map((t) => t.name.length));
  const load = () => loadavg()[0].toFixed(2);
  console.log(`\ntargets (issue 14): best and median of ${repeats} runs; met when the median meets the goal`);
  console.log(
    `machine: load average ${load()} at the start (other work slows every figure); ` +
      `\`node -e ''\` takes ${nodeStartSeconds(repeats).toFixed(3)} s here (median), the floor under each command`,
  );
  // Node parses every certificate of NODE_EXTRA_CA_CERTS before it runs any script (on this
  // project's machines: ~0.42 G of `node -e ''`s ~0.5 G instructions under callgrind). The
  // targets are timed in the environment as it is; this line says how much of the floor that is.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const { NODE_EXTRA_CA_CERTS: _certs, ...withoutCerts } = process.env;
    console.log(
      `NODE_EXTRA_CA_CERTS is set: Node reads its certificates at every start; without it \`node -e ''\` takes ${nodeStartSeconds(repeats, withoutCerts).toFixed(3)} s`,
    );
  }
  console.log(
    `${'target'.padEnd(nameWidth)}  ${'best'.padStart(16)}  ${'median'.padStart(16)}  ${'goal'.padStart(16)}  verdict`,
  );
  let met = 0;
  for (const target of selectedTargets) {
    const result = measureTarget(target, repeats);
    if (result.met) met++;
    console.log(targetLine(result, nameWidth));
  }
  console.log(`${met} of ${selectedTargets.length} targets met (load average ${load()} at the end)`);
}
