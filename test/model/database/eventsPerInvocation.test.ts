/**
 * Events the engine handles per invocation of a function making three queries through RDS
 * Proxy (the shape of the bench's proxy workload, issue 14 item 2). Event counts are
 * deterministic, so this is a count, not a timing. What each invocation needs: its arrival, the
 * end of the handler's fixed part, and per query the database's completion and the proxy's
 * return (the proxy's overhead is drawn when the query completes, so the return is a second
 * instant): 2 + 2 x 3 = 8. Dead and superseded events (a completion moved earlier by a shorter
 * query, function timeouts, borrow timeouts of served waits) must not add to it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../../../src/engine/index.ts';
import type { DatabaseSummary, ProxySummary } from '../../../src/results/index.ts';
import { fn, run, yaml } from '../../helpers/run.ts';

const proxied = (vcpuClass: string, poolPercent: number, borrowTimeout: string) => yaml`
  lamsim: 1
  name: proxied
  seed: 5
  duration: 2m
  platform: { idleTimeout: 1h, maxLifetime: off }
  traffic: { target: api, phases: [{ duration: 2m, arrivalRate: 300 }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 10
      model:
        compute: { p50: 5ms, p99: 20ms }
        io: { p50: 30ms, p99: 120ms }
        calls: [{ resource: proxy, count: 3 }]
  resources:
    db:
      type: rds-postgres
      instanceClass: ${vcpuClass}
      query: { p50: 0.3ms, p99: 1ms }
      connect: { p50: 40ms, p99: 150ms }
    proxy:
      type: rds-proxy
      target: db
      maxConnectionsPercent: ${poolPercent}
      connectionBorrowTimeout: ${borrowTimeout}
`;

/** Runs `text` counting the events handled by kind (the name before ':'), through the registrations. */
function runCounting(text: string) {
  const byKind = new Map<string, number>();
  const count = (name: string) => {
    const kind = name.split(':')[0];
    byKind.set(kind, byKind.get(kind) ?? 0);
    return () => byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  };
  const on = Simulation.prototype.on;
  const timer = Simulation.prototype.timer;
  vi.spyOn(Simulation.prototype, 'on').mockImplementation(function (this: Simulation, name, handler) {
    const counted = count(name);
    return on.call(this, name, (a, b) => {
      counted();
      handler(a, b);
    });
  });
  vi.spyOn(Simulation.prototype, 'timer').mockImplementation(function (this: Simulation, name, handler) {
    const counted = count(name);
    return timer.call(this, name, () => {
      counted();
      handler();
    });
  });
  const out = run(text);
  const kinds = (name: string): number => byKind.get(name) ?? Number.NaN;
  return { out, kinds };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('events per invocation through RDS Proxy', () => {
  it('is the 8 instants an invocation has, plus its share of cold starts', () => {
    const { out, kinds } = runCounting(proxied('db.r6g.2xlarge', 100, '120s'));
    const f = fn(out);
    const db = out.summary.resources.db as DatabaseSummary;
    const n = f.invocations.arrived;
    expect(f.invocations.succeeded).toBe(n);
    expect(db.queries).toBe(3 * n);
    expect(kinds('arrival')).toBe(n);
    expect(kinds('step-done')).toBe(n);
    expect(kinds('proxy-returned')).toBe(3 * n);
    // Uncontended (8 vCPUs): one completion per query, none superseded by a shorter one.
    expect(kinds('db-completion')).toBe(db.queries);
    // A cold start adds its INIT's end and the proxy client connection.
    expect(kinds('init-done')).toBe(f.coldStarts);
    expect(kinds('proxy-client-connected')).toBe(f.coldStarts);
    // Function timeouts wait in a FIFO: none fired, at most one dead head per 10 s timeout.
    expect(f.invocations.timedOut).toBe(0);
    expect(kinds('request-timeout')).toBeLessThanOrEqual(120 / 10 + 1);
    expect(out.run.events / n).toBeLessThanOrEqual(8.01);
  });

  it('has no event for the borrow deadline of a wait that was served', () => {
    // A 1% pool of max_connections: borrowers queue for connections, none waits 120 s.
    const { out, kinds } = runCounting(proxied('db.t3.medium', 1, '120s'));
    const p = out.summary.resources.proxy as ProxySummary;
    expect(p.borrowWaits).toBeGreaterThan(1000);
    expect(p.borrowTimeouts).toBe(0);
    expect(kinds('proxy-borrow-timeout')).toBe(0);
  });
});
