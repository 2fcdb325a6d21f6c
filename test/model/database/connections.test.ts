/**
 * Direct database connections (RDS user guide "Maximum number of database connections", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections): never more than max_connections open; an
 * attempt over the limit fails the invocation at once. With connectionScope `environment` every
 * environment that ran a query holds one connection until it dies, so errors appear exactly when
 * the number of environments exceeds max_connections.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatabaseSummary } from '../../../src/results/index.ts';
import { fn, run, yaml } from '../../helpers/run.ts';

const direct = (rate: number, maxConnections: number, scope: string, seed = 1) => yaml`
  lamsim: 1
  name: direct
  seed: ${seed}
  duration: 2m
  platform: { idleTimeout: 1h, maxLifetime: off }
  # Arrivals stop 10 s before the window ends, so every environment opens its connection inside it.
  traffic: { target: api, phases: [{ duration: 110s, arrivalRate: ${rate} }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 30
      model: { compute: { dist: exponential, mean: 200ms }, calls: [{ resource: db, count: 2 }] }
  resources:
    db:
      type: rds-postgres
      instanceClass: db.r6g.2xlarge
      maxConnections: ${maxConnections}
      query: { dist: exponential, mean: 5ms }
      connect: 20ms
      connectionScope: ${scope}
`;

const db = (out: ReturnType<typeof run>) => out.summary.resources.db as DatabaseSummary;

describe('direct database connections', () => {
  it('errors appear exactly when environments outnumber max_connections (environment scope)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 150 }),
        fc.integer({ min: 5, max: 80 }),
        fc.integer({ min: 0, max: 99 }),
        (rate, maxConnections, seed) => {
          const out = run(direct(rate, maxConnections, 'environment', seed));
          const f = fn(out);
          const d = db(out);
          expect(d.peakConnections).toBeLessThanOrEqual(maxConnections);
          expect(d.peakConnections).toBe(Math.min(f.environments.created, maxConnections));
          expect(d.connectionErrors > 0).toBe(f.environments.created > maxConnections);
          // Every refused connection fails its invocation, and nothing else fails here.
          expect(f.invocations.failed).toBe(d.connectionErrors);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("per-invocation connections are held from the first query to the end (Little's law)", () => {
    const out = run(direct(50, 400, 'invocation'));
    const f = fn(out);
    const d = db(out);
    expect(d.connectionErrors).toBe(0);
    // Compute (200 ms) comes first; the connection is held for connect (20 ms) + 2 queries (2 x 5 ms).
    const lambdaPerMs = f.invocations.started / 120_000;
    expect(d.meanConnections / (lambdaPerMs * 30)).toBeGreaterThan(0.97);
    expect(d.meanConnections / (lambdaPerMs * 30)).toBeLessThan(1.03);
    expect(d.meanConnections).toBeLessThan(f.concurrency.mean / 5);
  });

  it('a slow database slows every query once queries outnumber its vCPUs', () => {
    const busy = yaml`
      lamsim: 1
      name: cpu
      duration: 2m
      traffic: { target: api, phases: [{ duration: 2m, arrivalRate: 300 }] }
      functions:
        api: { runtime: nodejs22.x, memorySize: 1769, timeout: 30, model: { compute: 1ms, calls: [{ resource: db }] } }
      resources:
        db: { type: rds-mysql, instanceClass: db.t3.medium, maxConnections: 2000, query: { dist: exponential, mean: 6ms }, connect: 0ms }
    `;
    const d = db(run(busy));
    // 300 q/s x 6 ms = 1.8 busy vCPUs of 2 (ρ = 0.9): an M/M/2-PS mean sojourn is E[S]/(1-ρ^2) = 31.6 ms.
    expect(d.cpuUtilization).toBeGreaterThan(0.85);
    expect(d.queryMs.mean).toBeGreaterThan(4 * 6);
  });
});
