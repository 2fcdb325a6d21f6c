/** The bottleneck rule table, on runs that hit one limit each, and its extension point. */
import { describe, expect, it } from 'vitest';
import { scaleTraffic } from '../../src/experiments/edits.ts';
import {
  BOTTLENECK_RULES,
  type BottleneckRule,
  Evaluator,
  findBottlenecks,
  knobsFor,
  plan,
} from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { findingEvidence } from '../../src/report/plan/index.ts';
import type { Scenario, SloObjective } from '../../src/scenario/types.ts';
import { sqsRamp } from '../model/sqsFixtures.ts';
import { scenarioFrom, yaml } from './helpers.ts';

const fn = (
  extra: string,
  model = '{ init: 0ms, compute: 5ms, io: { dist: exponential, mean: 200ms } }',
) => yaml`
  f:
    runtime: nodejs22.x
    memorySize: 1024
    timeout: 10
    ${extra}
    model: ${model}
`;

const scenario = (account: string, functions: string, rate = 40, extra = '') =>
  scenarioFrom(
    yaml`
    lamsim: 1
    name: bottleneck
    duration: 1m
    account: ${account}
    platform: { idleTimeout: 1h }
    traffic: { target: f, phases: [{ duration: 1m, arrivalRate: ${rate} }] }
    functions:
  ` +
      functions
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n') +
      extra,
  );

async function findingsOf(s: Scenario, objectives: SloObjective[], rules?: readonly BottleneckRule[]) {
  const e = await new Evaluator(inProcessRunner(), objectives, ['f']).evaluate(s, 1);
  return findBottlenecks({ scenario: s, evaluation: e }, rules);
}

const UNLIMITED = '{ concurrentExecutions: 1000, scaling: unlimited }';

describe('bottleneck rules', () => {
  it('name reserved concurrency when it throttles', async () => {
    const f = await findingsOf(scenario(UNLIMITED, fn('reservedConcurrency: 3')), [
      { metric: 'throttleRate', max: 0 },
    ]);
    expect(f[0]).toMatchObject({ bottleneck: 'reservedConcurrency', severity: 'hard', function: 'f' });
    expect(findingEvidence(f[0])).toMatch(
      /attempts to invoke f throttled by its reserved concurrency 3, [\d,]+ of [\d,]+ requests \([\d.]+%\) refused in the end; peak concurrency 3/,
    );
  });

  it('name the account quota when the unreserved pool runs out', async () => {
    const f = await findingsOf(
      // 12 req/s of ~205 ms requests offer 2.5 environments to 3 (Erlang B: a quarter refused),
      // and with the callers' retries the attempts stay well under the request-rate quota of
      // 10 x 3 = 30 per second, so the concurrency is what runs out (at 25 req/s the retries of
      // the refused requests would pass 30 attempts a second and the request rate would lead).
      scenario('{ concurrentExecutions: 3, unreservedMinimum: 0, scaling: unlimited }', fn(''), 12),
      [{ metric: 'throttleRate', max: 0 }],
    );
    expect(f[0].bottleneck).toBe('accountConcurrency');
    expect(findingEvidence(f[0])).toMatch(/the account's concurrency \(quota 3, 3 unreserved\)/);
  });

  it('report the highest peak of the runs, not a mean of peaks below the quota that throttled', async () => {
    const s = scenario('{ concurrentExecutions: 3, unreservedMinimum: 0, scaling: unlimited }', fn(''), 12);
    const e = await new Evaluator(inProcessRunner(), [{ metric: 'throttleRate', max: 0 }], ['f']).evaluate(
      s,
      1,
    );
    // One run that never reached the quota beside the ones that did (a load near a collapse).
    const [first, ...rest] = e.summaries;
    const calm = {
      ...first,
      functions: { f: { ...first.functions.f, concurrency: { ...first.functions.f.concurrency, peak: 1 } } },
    };
    const f = findBottlenecks({ scenario: s, evaluation: { ...e, summaries: [calm, ...rest] } });
    expect(f[0].bottleneck).toBe('accountConcurrency');
    expect(f[0].facts.peakConcurrency).toBe(3);
    expect(findingEvidence(f[0])).toMatch(/; peak concurrency 3 \(the highest of the runs\)$/);
  });

  it('name timeouts', async () => {
    const f = await findingsOf(
      scenario(
        UNLIMITED,
        fn('', '{ init: 0ms, compute: 0ms, io: { dist: exponential, mean: 5s } }').replace(
          'timeout: 10',
          'timeout: 3',
        ),
        2,
      ),
      [{ metric: 'errorRate', max: 0 }],
    );
    expect(f[0]).toMatchObject({ bottleneck: 'timeout', function: 'f' });
    expect(findingEvidence(f[0])).toMatch(/hit the 3.00 s timeout/);
  });

  it('name database connections when the database refuses them (and plan adds a proxy or a larger class)', async () => {
    // One connection per environment; db.t3.micro allows 87. ~25 environments at 40 req/s.
    const s = scenario(
      UNLIMITED,
      fn(
        'vpc: { subnetIds: [a, b], securityGroupIds: [sg] }',
        '{ init: 0ms, compute: 5ms, io: { dist: exponential, mean: 200ms }, calls: [{ resource: db, count: 2 }] }',
      ),
      40,
      yaml`

      resources:
        db: { type: rds-postgres, instanceClass: db.t3.micro, query: 2ms, connect: 20ms, connectionScope: environment }
      slo: { errorRate: 0.1% }
      `,
    );
    const f = await findingsOf(scaleTraffic(s, 8), [{ metric: 'errorRate', max: 0.001 }]);
    expect(f[0]).toMatchObject({ bottleneck: 'dbConnections', severity: 'hard', resource: 'db' });
    expect(findingEvidence(f[0])).toMatch(/connection attempts refused at max_connections 87/);

    const p = await plan(s, { targetScale: 8 });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.bottleneck?.bottleneck).toBe('dbConnections');
    const settings = p.value.alternatives.map((a) => a.changes[0].setting);
    expect(settings).toEqual(expect.arrayContaining(['resources.db-proxy', 'resources.db.instanceClass']));
    // The proxy is billed; the larger instance's price is not in lamsim's bill, so it ranks after.
    expect(p.value.recommendations[0].setting).toBe('resources.db-proxy');
    expect(p.value.alternatives.every((a) => a.meets)).toBe(true);
  });

  it('name a proxy pool whose waits run out the function timeout before connectionBorrowTimeout, not the concurrency pile-up it causes', async () => {
    // Every session is pinned and environments live on (idleTimeout 1h): the pool's 5 connections
    // stay with the first 5 environments, so a request on any other waits for a connection until
    // its 3 s timeout, well before the proxy's 120 s borrow timeout (AWS's default): no borrow
    // ever times out. Those requests hold concurrency for 3 s each, the account's 40 run out, and
    // requests are throttled: symptoms of the pool, which only more of the pool relieves.
    const s = scenarioFrom(yaml`
      lamsim: 1
      name: pinned
      seed: 3
      duration: 1m
      account: { concurrentExecutions: 40, unreservedMinimum: 0, scaling: unlimited }
      platform: { idleTimeout: 1h }
      traffic: { target: f, phases: [{ duration: 1m, arrivalRate: 40 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          timeout: 3
          vpc: { subnetIds: [a], securityGroupIds: [sg] }
          model: { init: 0ms, compute: 0ms, io: 200ms, calls: [{ resource: proxy }] }
      resources:
        db: { type: aurora-postgresql, instanceClass: db.r6g.large, maxConnections: 100, query: 2ms, connect: 0ms }
        proxy: { type: rds-proxy, target: db, maxConnectionsPercent: 5, pinning: 100%, overhead: 0ms }
    `);
    const objectives: SloObjective[] = [
      { metric: 'p99', max: 5000 },
      { metric: 'throttleRate', max: 0.01 },
      { metric: 'errorRate', max: 0.001 },
    ];
    const f = await findingsOf(s, objectives);
    expect(f[0]).toMatchObject({ bottleneck: 'proxyPool', severity: 'hard', resource: 'proxy' });
    const x = f[0].facts;
    expect(x).toMatchObject({ poolSize: 5, borrowTimeouts: 0, callerTimeoutMs: 3000 });
    // No pinned connection ever comes back: every borrow that waits ends with its request's timeout.
    expect(x.borrowWaits).toBeGreaterThan(0);
    expect(x.callerTimeouts).toBe(x.borrowWaits);
    expect(x.meanWaitOfWaitingBorrowMs).toBeGreaterThan(2000);
    expect(x.meanWaitOfWaitingBorrowMs).toBeLessThanOrEqual(3000);
    expect(x.callerThrottledAttempts).toBeGreaterThan(0);
    // The timeouts and the account's throttles it causes are not named beside it.
    expect(f.map((y) => y.bottleneck)).not.toContain('accountConcurrency');
    expect(f.map((y) => y.bottleneck)).not.toContain('timeout');
    expect(findingEvidence(f[0])).toMatch(
      /^proxy: pool of 5 database connections; [\d,.]+ of [\d,.]+ borrows waited, 2\.\d\d s on average \([\d.]+ (ms|s) per borrow\), 0 timed out; [\d,.]+ invocations of its callers ran out their 3\.00 s timeout, and the concurrency held by requests waiting throttled [\d,.]+ attempts$/,
    );
    expect(knobsFor(s, f[0]).map((k) => k.id)[0]).toBe('proxyMaxConnections');

    // At the target the pool is what the plan changes, and the change meets every SLO.
    const p = await plan(s, { targetScale: 1, slo: objectives });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.target.bottleneck?.bottleneck).toBe('proxyPool');
    expect(p.value.recommendations.map((r) => r.setting)).toEqual(['resources.proxy.maxConnectionsPercent']);
    expect(p.value.target.verified?.meets).toBe(true);
  });

  it("name a queue's in-flight quota when its consumer's failures fill it (and plan asks for a larger quota)", async () => {
    // Every message fails and stays in flight for its 10-minute visibility timeout: at a quota of
    // 500, the queue hands out 500 messages and then nothing; the rest age in the backlog.
    const s = scenarioFrom(yaml`
      lamsim: 1
      name: inflight
      duration: 2m
      traffic: { target: jobs, phases: [{ duration: 2m, arrivalRate: 20 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          timeout: 10
          model: { init: 0ms, compute: 50ms, errorRate: 1 }
          events: [{ sqs: { queue: jobs } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 10m, maxInFlightMessages: 500 }
    `);
    const f = await findingsOf(s, [{ metric: 'queueAge', max: 30_000 }]);
    expect(f[0]).toMatchObject({
      bottleneck: 'queueInFlightQuota',
      severity: 'soft',
      resource: 'jobs',
      function: 'f',
    });
    expect(f[0].facts).toMatchObject({ maxInFlightMessages: 500, peakInFlight: 500 });
    // At the quota from the 500th message (about 25 s in) to the end of the 2-minute window.
    expect(f[0].facts.atInFlightQuotaMs).toBeGreaterThan(90_000);
    // The backlog it causes is not named beside it (its remedies, more consumers, cannot help).
    expect(f.map((x) => x.bottleneck)).not.toContain('queueBacklog');
    expect(findingEvidence(f[0])).toMatch(
      /^jobs: at its in-flight quota of 500 messages \(received and not yet deleted, failed ones until their visibility timeout ends\) for 1 min 3\d s, when receives get nothing; backlog peaked at [\d,]+ messages$/,
    );
    expect(knobsFor(s, f[0]).map((k) => [k.id, k.domain])).toEqual([
      ['sqsInFlightQuota', { kind: 'list', values: [1000, 2000, 5000] }],
    ]);
  });

  it("plans provisioned mode for an SQS backlog the default mode's scale-up cannot drain in time", async () => {
    // 300 messages/s of 1 s each: the default mode's pollers add 300 a minute, so the oldest
    // message waits ~30 s; more reserved concurrency or memory cannot speed that up, provisioned
    // mode's 1,000 a minute can (test/model/sqsProvisionedMode.test.ts checks the backlogs).
    const s = scenarioFrom(sqsRamp(''));
    const f = await findingsOf(s, [{ metric: 'queueAge', max: 20_000 }]);
    expect(f[0]).toMatchObject({ bottleneck: 'queueBacklog', resource: 'jobs', function: 'worker' });
    expect(knobsFor(s, f[0]).map((k) => k.id)).toEqual([
      'reservedConcurrency',
      'memory',
      'sqsProvisionedPollers',
    ]);
    const p = await plan(s, { targetScale: 1, slo: [{ metric: 'queueAge', max: 20_000 }] });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.recommendations[0]).toMatchObject({
      setting: 'functions.worker.events[0].sqs.provisionedPollers.max',
      from: null,
      to: 200,
    });
    expect(p.value.failedRemedies.map((r) => r.knob)).toEqual(['reservedConcurrency', 'memory']);
  });

  it('name the visibility timeout failed messages wait out when queue age fails (and plan tries the shortest AWS advises)', async () => {
    // 2 % of messages fail (reported per message) and stay in flight 10 min before a retry: the
    // queue's oldest message ages past a 30 s objective whatever the consumers' capacity.
    const s = scenarioFrom(yaml`
      lamsim: 1
      name: retries
      duration: 2m
      traffic: { target: jobs, phases: [{ duration: 2m, arrivalRate: 20 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          timeout: 10
          model: { init: 0ms, compute: 50ms, errorRate: 2% }
          events: [{ sqs: { queue: jobs, functionResponseType: ReportBatchItemFailures } }]
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 10m }
    `);
    const f = await findingsOf(s, [{ metric: 'queueAge', max: 30_000 }]);
    expect(f[0]).toMatchObject({
      bottleneck: 'queueRetryWait',
      severity: 'soft',
      resource: 'jobs',
      function: 'f',
    });
    expect(f[0].facts).toMatchObject({ visibilityTimeoutMs: 600_000, queueAgeObjectiveMs: 30_000 });
    expect(f.map((x) => x.bottleneck)).not.toContain('queueBacklog');
    // About 2 % of the 2,400 messages sent.
    expect(f[0].facts.failedMessages).toBeGreaterThan(25);
    expect(f[0].facts.failedMessages).toBeLessThan(75);
    expect(findingEvidence(f[0])).toMatch(
      /^jobs: [\d.]+ messages failed per run and wait out the 10 min visibility timeout in flight before they are received again; their age counts in queue age \(ApproximateAgeOfOldestMessage\), so it cannot stay under 30\.00 s while messages fail \(oldest 1 min \d+ s\)$/,
    );
    // 6 x the consumer's 10 s timeout, the least AWS advises.
    expect(knobsFor(s, f[0]).map((k) => [k.id, k.domain])).toEqual([
      ['sqsVisibilityTimeout', { kind: 'list', values: [60_000] }],
    ]);
    // Not named when the timeout is shorter than the objective (a retry comes back in time), nor
    // when nothing fails.
    const shortTimeout = await findingsOf(s, [{ metric: 'queueAge', max: 700_000 }]);
    expect(shortTimeout.map((x) => x.bottleneck)).not.toContain('queueRetryWait');
  });

  it('rank refusals before slowness, and take new rules', async () => {
    const s = scenario(UNLIMITED, fn('reservedConcurrency: 3'));
    const objectives: SloObjective[] = [
      { metric: 'throttleRate', max: 0 },
      { metric: 'p50', max: 1 },
    ];
    const f = await findingsOf(s, objectives);
    expect(f.map((x) => x.severity)).toEqual([...f.map((x) => x.severity)].sort());
    expect(f[0].bottleneck).toBe('reservedConcurrency');
    expect(f.some((x) => x.bottleneck === 'latency')).toBe(true);
    const downstream: BottleneckRule = {
      id: 'downstreamApi',
      find: () => [
        {
          bottleneck: 'downstreamApi',
          severity: 'hard',
          function: 'f',
          resource: null,
          affected: 1e9,
          facts: { rateLimitedRequests: 1e9 },
        },
      ],
    };
    const extended = await findingsOf(s, objectives, [...BOTTLENECK_RULES, downstream]);
    expect(extended[0].bottleneck).toBe('downstreamApi');
  });
});
