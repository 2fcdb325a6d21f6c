/**
 * The classic hold model (Vaucher & Duval 1975; Jones 1986): keep n events pending, and repeatedly
 * remove the earliest and insert a new one at its time plus a random increment. Each hold is one
 * event processed. Increments are exponential (mean 1), pre-drawn so the RNG is not measured.
 */
import { EventQueue, Rng, Simulation } from '../engine/index.ts';
import { type Bench, type BenchResult, measure } from './bench.ts';

const INCREMENTS = 1 << 16;
const MASK = INCREMENTS - 1;

function increments(): Float64Array {
  const rng = Rng.fromSeed(1);
  const out = new Float64Array(INCREMENTS);
  for (let i = 0; i < INCREMENTS; i++) out[i] = -Math.log1p(-rng.next());
  return out;
}

function holdQueue(pending: number, holds: number): BenchResult {
  const inc = increments();
  const q = new EventQueue(pending);
  for (let i = 0; i < pending; i++) q.push(inc[i & MASK], 0, i, 0);
  const hold = (count: number, offset: number) => {
    for (let i = 0; i < count; i++) {
      q.pop();
      q.push(q.time + inc[(i + offset) & MASK], q.kind, q.a, q.b);
    }
  };
  hold(Math.min(holds, 200_000), 7); // warm-up: let the JIT settle and the heap mix
  let offset = 13;
  return measure('events', holds, () => hold(holds, offset++));
}

function holdSimulation(pending: number, holds: number): BenchResult {
  const inc = increments();
  const sim = new Simulation(pending);
  let remaining = 0;
  let j = 0;
  let kind = -1;
  kind = sim.on('hold', (a) => {
    sim.after(inc[j++ & MASK], kind, a);
    if (--remaining === 0) sim.stop();
  });
  for (let i = 0; i < pending; i++) sim.at(inc[i & MASK], kind, i);
  remaining = Math.min(holds, 200_000); // warm-up
  sim.runUntil(Number.POSITIVE_INFINITY);
  return measure('events', holds, () => {
    remaining = holds;
    sim.runUntil(Number.POSITIVE_INFINITY);
  });
}

export const holdBenches: Bench[] = [
  { name: 'hold: EventQueue, 1,000 pending', run: () => holdQueue(1_000, 5_000_000) },
  { name: 'hold: EventQueue, 100,000 pending', run: () => holdQueue(100_000, 2_000_000) },
  { name: 'hold: Simulation, 1,000 pending', run: () => holdSimulation(1_000, 5_000_000) },
  { name: 'hold: Simulation, 100,000 pending', run: () => holdSimulation(100_000, 2_000_000) },
];
