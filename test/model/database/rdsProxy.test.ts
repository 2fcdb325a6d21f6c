/**
 * RDS Proxy (RDS user guide "RDS Proxy", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connections.html). With no pinning, a pool of c database connections serving
 * Poisson queries with exponential hold times is an M/M/c queue: the share of borrows that wait
 * is Erlang C and the mean wait is C / (cμ - λ). With 100% pinning every client session holds one
 * database connection for its lifetime, like direct environment-scoped connections.
 */
import { describe, expect, it } from 'vitest';
import { formatCount, formatMs, summaryText } from '../../../src/report/index.ts';
import type { DatabaseSummary, ProxySummary } from '../../../src/results/index.ts';
import { erlangC } from '../../helpers/queueing.ts';
import { fn, meanAndStandardError, run, yaml } from '../../helpers/run.ts';

const pooled = (rate: number, pinning: string, seed: number, borrowTimeout = '120s') => yaml`
  lamsim: 1
  name: proxy
  seed: ${seed}
  duration: 10m
  platform: { idleTimeout: 1h, maxLifetime: off }
  traffic: { target: api, phases: [{ duration: 10m, arrivalRate: ${rate} }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 60
      model: { init: 0ms, compute: 0ms, calls: [{ resource: proxy }] }
  resources:
    db:
      type: aurora-postgresql
      instanceClass: db.r6g.2xlarge
      maxConnections: 10
      query: { dist: exponential, mean: 100ms }
      connect: 0ms
    proxy:
      type: rds-proxy
      target: db
      maxConnectionsPercent: 50
      maxIdleConnectionsPercent: 50
      pinning: ${pinning}
      connectionBorrowTimeout: ${borrowTimeout}
      overhead: 0ms
`;

describe('RDS Proxy', () => {
  it('waits like an M/M/c queue (Erlang C) with no pinning', () => {
    // λ = 40/s, 1/μ = 100 ms, c = 5 connections (50% of 10): a = 4 Erlangs.
    const c = 5;
    const expectedWaitShare = erlangC(c, 4); // 0.554
    const expectedMeanWaitMs = (expectedWaitShare / (c * 10 - 40)) * 1000; // 55.4 ms
    const outs = Array.from({ length: 6 }, (_, i) => run(pooled(40, '0%', 100 + i)));
    const proxies = outs.map((o) => o.summary.resources.proxy as ProxySummary);
    const share = meanAndStandardError(proxies.map((p) => p.borrowWaits / p.borrows));
    const wait = meanAndStandardError(proxies.map((p) => p.meanBorrowWaitMs));
    expect(proxies[0].poolSize).toBe(5);
    expect(share.se).toBeLessThan(0.01);
    expect(Math.abs(share.mean - expectedWaitShare)).toBeLessThan(4 * share.se);
    expect(wait.se / expectedMeanWaitMs).toBeLessThan(0.05);
    expect(Math.abs(wait.mean - expectedMeanWaitMs)).toBeLessThan(4 * wait.se);
    for (const o of outs) {
      expect((o.summary.resources.db as DatabaseSummary).peakConnections).toBeLessThanOrEqual(5);
      expect(fn(o).invocations.failed).toBe(0);
    }
  });

  it('multiplexes many clients on few connections; 100% pinning holds one per client like direct', () => {
    const free = run(pooled(20, '0%', 1));
    const pinned = run(pooled(20, '100%', 1));
    const freeProxy = free.summary.resources.proxy as ProxySummary;
    const pinnedProxy = pinned.summary.resources.proxy as ProxySummary;
    // Clients: one per environment in both.
    expect(freeProxy.peakClientConnections).toBe(fn(free).environments.created);
    expect(pinnedProxy.peakClientConnections).toBe(fn(pinned).environments.created);
    // Pinned: every environment (up to the pool) holds a database connection for good.
    const pinnedDb = pinned.summary.resources.db as DatabaseSummary;
    expect(pinnedDb.peakConnections).toBe(Math.min(fn(pinned).environments.created, pinnedProxy.poolSize));
    expect(pinnedDb.meanConnections).toBeGreaterThan(0.95 * pinnedDb.peakConnections);
  });

  it('fails a borrow after connectionBorrowTimeout when the pool stays exhausted', () => {
    const out = run(pooled(80, '0%', 3, '1s'));
    const p = out.summary.resources.proxy as ProxySummary;
    // 80 q/s on 5 connections of 10 q/s each: overloaded, the queue grows until borrows time out.
    expect(p.borrowTimeouts).toBeGreaterThan(0);
    expect(fn(out).invocations.failed).toBe(p.borrowTimeouts);
    // The borrows that waited waited at most the 1 s timeout, and at least 1 s for each that timed
    // out; over all borrows (most found a connection at once) the mean is that × borrowWaits / borrows.
    expect(p.borrowWaits).toBeLessThan(p.borrows);
    expect(p.meanWaitWhenWaitedMs).toBeLessThanOrEqual(1000);
    expect(p.meanWaitWhenWaitedMs).toBeGreaterThanOrEqual((p.borrowTimeouts * 1000) / p.borrowWaits);
    expect(p.meanBorrowWaitMs).toBeLessThanOrEqual(
      (p.meanWaitWhenWaitedMs * p.borrowWaits) / p.borrows + 0.001,
    );
    expect(p.meanBorrowWaitMs).toBeLessThan(p.meanWaitWhenWaitedMs);
    expect(summaryText(out.summary)).toContain(
      `${formatCount(p.borrowWaits)} waited (mean wait ${formatMs(p.meanWaitWhenWaitedMs)}; ${formatMs(p.meanBorrowWaitMs)} per borrow over all)`,
    );
  });
});
