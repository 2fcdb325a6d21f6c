/**
 * The bottleneck rules of a database behind the functions (bottleneck.ts): connections refused at
 * max_connections, an RDS Proxy's pool requests wait on, a busy database CPU. Pure.
 */
import type { DatabaseSummary, ProxySummary } from '../../results/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import type { BottleneckContext, BottleneckRule } from './bottleneck.ts';
import { fnMean, highest, latencyFails, mean } from './ruleEvidence.ts';

const databases = (ctx: BottleneckContext) =>
  Object.keys(ctx.evaluation.summaries[0]?.resources ?? {}).filter((name) => {
    const r = ctx.evaluation.summaries[0].resources[name];
    return 'connectionErrors' in r;
  });

const proxies = (ctx: BottleneckContext) =>
  Object.keys(ctx.evaluation.summaries[0]?.resources ?? {}).filter(
    (name) => ctx.evaluation.summaries[0].resources[name].type === 'rds-proxy',
  );

/** Functions whose handler calls `proxy`. */
const proxyCallers = (scenario: Scenario, proxy: string) =>
  scenario.functions.filter((fn) =>
    fn.model.calls.some((c) => c.kind === 'resource' && c.resource === proxy),
  );

/**
 * A borrow that waits this share of its caller's timeout, on average, is what times the callers
 * out: the wait is most of a timed-out request's time.
 */
const WAIT_SHARE_OF_TIMEOUT = 0.5;

/** A caller's findings that requests waiting for a pool cause: they run out their timeout and hold concurrency. */
const PILE_UP = ['timeout', 'reservedConcurrency', 'accountConcurrency'] as const;

const dbMean = (ctx: BottleneckContext, name: string, f: (d: DatabaseSummary) => number) =>
  mean(ctx.evaluation.summaries, (s) => f(s.resources[name] as DatabaseSummary));
const proxyMean = (ctx: BottleneckContext, name: string, f: (p: ProxySummary) => number) =>
  mean(ctx.evaluation.summaries, (s) => f(s.resources[name] as ProxySummary));

export const dbConnectionsRule: BottleneckRule = {
  id: 'dbConnections',
  find(ctx) {
    return databases(ctx).flatMap((db) => {
      const errors = dbMean(ctx, db, (d) => d.connectionErrors);
      if (!(errors > 0)) return [];
      const max = dbMean(ctx, db, (d) => d.maxConnections);
      const peak = highest(
        ctx.evaluation.summaries,
        (s) => (s.resources[db] as DatabaseSummary).peakConnections,
      );
      return [
        {
          bottleneck: 'dbConnections',
          severity: 'hard' as const,
          function: null,
          resource: db,
          affected: errors,
          facts: { refusedConnections: errors, maxConnections: max, peakConnections: peak },
        },
      ];
    });
  },
};

/**
 * A pool requests wait on. Hard when borrows give up after connectionBorrowTimeout, or when
 * the callers time out while a borrow that waits waits at least half their timeout: with a
 * function timeout below connectionBorrowTimeout (30 s against AWS's default 120 s), a request
 * waiting for a connection dies by the function's timeout and no borrow ever times out. Either
 * way the requests stuck waiting hold their concurrency, so the callers' timeouts and
 * concurrency throttles are its symptoms (`explains`), and more concurrency would only let
 * more requests wait. Soft: borrows wait while a latency objective fails.
 */
export const proxyPoolRule: BottleneckRule = {
  id: 'proxyPool',
  find(ctx) {
    return proxies(ctx).flatMap((proxy) => {
      const timeouts = proxyMean(ctx, proxy, (p) => p.borrowTimeouts);
      const waits = proxyMean(ctx, proxy, (p) => p.borrowWaits);
      const borrows = proxyMean(ctx, proxy, (p) => p.borrows);
      const wait = proxyMean(ctx, proxy, (p) => p.meanBorrowWaitMs);
      // meanBorrowWaitMs counts the borrows that did not wait as 0: per borrow that waited, over
      // every run's waits (a ratio of the means would mix runs that waited little and long).
      const runs = ctx.evaluation.summaries.map((s) => s.resources[proxy] as ProxySummary);
      const waitedCount = runs.reduce((sum, p) => sum + p.borrowWaits, 0);
      const waitedMs =
        waitedCount > 0 ? runs.reduce((sum, p) => sum + p.meanBorrowWaitMs * p.borrows, 0) / waitedCount : 0;
      const callers = proxyCallers(ctx.scenario, proxy);
      const callerTimeouts = callers.reduce(
        (sum, fn) => sum + fnMean(ctx, fn.name, (f) => f.invocations.timedOut),
        0,
      );
      const timeoutMs = Math.min(...callers.map((fn) => fn.timeoutMs));
      const waitsTimeOut = callerTimeouts > 0 && waitedMs >= WAIT_SHARE_OF_TIMEOUT * timeoutMs;
      const hard = timeouts > 0 || waitsTimeOut;
      if (!hard && !(waits > 0 && latencyFails(ctx))) return [];
      const throttled = callers.reduce(
        (sum, fn) =>
          sum +
          fnMean(ctx, fn.name, (f) => f.throttledBy.reservedConcurrency + f.throttledBy.accountConcurrency),
        0,
      );
      const pool = proxyMean(ctx, proxy, (p) => p.poolSize);
      return [
        {
          bottleneck: 'proxyPool',
          severity: hard ? ('hard' as const) : ('soft' as const),
          function: null,
          resource: proxy,
          affected: hard ? timeouts + (waitsTimeOut ? Math.min(callerTimeouts, waits) : 0) : waits,
          facts: {
            poolSize: pool,
            borrows,
            borrowWaits: waits,
            meanBorrowWaitMs: wait,
            meanWaitOfWaitingBorrowMs: waitedMs,
            borrowTimeouts: timeouts,
            callerTimeouts,
            callerTimeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : 0,
            callerThrottledAttempts: throttled,
          },
          ...(hard
            ? {
                explains: callers.flatMap((fn) =>
                  PILE_UP.map((bottleneck) => ({ bottleneck, function: fn.name, resource: null })),
                ),
              }
            : {}),
        },
      ];
    });
  },
};

export const databaseCpuRule: BottleneckRule = {
  id: 'databaseCpu',
  find(ctx) {
    if (!latencyFails(ctx)) return [];
    return databases(ctx).flatMap((db) => {
      const utilization = dbMean(ctx, db, (d) => d.cpuUtilization);
      if (!(utilization >= 0.8)) return [];
      return [
        {
          bottleneck: 'databaseCpu',
          severity: 'soft' as const,
          function: null,
          resource: db,
          affected: dbMean(ctx, db, (d) => d.queries),
          facts: { cpuUtilization: utilization },
        },
      ];
    });
  },
};
