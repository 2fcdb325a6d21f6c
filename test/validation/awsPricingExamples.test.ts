/**
 * AWS's worked pricing examples (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/, its worked examples) reproduced to the cent through a
 * simulated scenario: deterministic traffic (`mode: uniform`), constant handler time, no INIT,
 * no logs. A month of millions of invocations is simulated as a thousandth of a 730-hour month
 * with a thousandth of the requests: `cost.monthly` projects the window's usage by exactly ×1000
 * before it applies tiers and the free tier, so the month billed is the example's month. (The
 * same examples through the calculator and hand-built usage are in test/billing.)
 */
import { describe, expect, it } from 'vitest';
import type { CostBreakdown } from '../../src/billing/index.ts';
import { formatUsd } from '../../src/report/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

/** A thousandth of a 730-hour month, in seconds. */
const WINDOW_S = 2628;

interface Example {
  readonly invocationsPerMonth: number;
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly freeTier: boolean;
  readonly via?: string;
  readonly ephemeralStorageMb?: number;
  readonly granularity?: '1ms' | '100ms';
  readonly prices?: string;
  readonly provisioned?: number;
}

function simulatedMonth(e: Example): { monthly: CostBreakdown; invocations: number } {
  const invocations = e.invocationsPerMonth / 1000;
  const out = run(yaml`
    lamsim: 1
    name: pricing-example
    duration: ${WINDOW_S}
    account: { concurrentExecutions: 5000 }
    platform: { idleTimeout: 1d, maxLifetime: off }
    traffic:
      target: f
      via: ${e.via ?? 'direct'}
      mode: uniform
      phases: [{ duration: ${WINDOW_S}, arrivalRate: ${invocations / WINDOW_S} }]
    functions:
      f:
        runtime: nodejs22.x
        memorySize: ${e.memoryMb}
        ephemeralStorageSize: ${e.ephemeralStorageMb ?? 512}
        timeout: 30
        ${e.provisioned ? `reservedConcurrency: ${e.provisioned}\n        provisionedConcurrency: ${e.provisioned}` : ''}
        logSize: 0B
        model: { init: 0ms, compute: ${e.durationMs}ms, computeAt: ${e.memoryMb}MB }
    billing:
      freeTier: ${e.freeTier}
      granularity: ${e.granularity ?? '1ms'}
      ${e.prices ? `prices: ${e.prices}` : ''}
  `);
  return { monthly: out.cost.monthly, invocations: fn(out).invocations.succeeded };
}

const cents = (bill: CostBreakdown, item: string): string => {
  const line = bill.lines.find((l) => l.item === item);
  if (!line) throw new Error(`no line '${item}' in ${bill.lines.map((l) => l.item).join(', ')}`);
  return formatUsd(line.usd);
};

describe("AWS's pricing examples, simulated", () => {
  it('mobile backend: 3M requests, 120 ms, 1536 MB, free tier = $2.73', () => {
    const { monthly, invocations } = simulatedMonth({
      invocationsPerMonth: 3_000_000,
      durationMs: 120,
      memoryMb: 1536,
      freeTier: true,
    });
    expect(invocations).toBe(3000);
    expect(cents(monthly, 'requests')).toBe('$0.40');
    expect(cents(monthly, 'duration x86_64 tier 1')).toBe('$2.33');
    expect(formatUsd(monthly.totalUsd)).toBe('$2.73');
  });

  it('streaming telemetry: 7.44M messages, 2 s, 1 GB, no free tier = $249.49', () => {
    const { monthly } = simulatedMonth({
      invocationsPerMonth: 7_440_000,
      durationMs: 2000,
      memoryMb: 1024,
      freeTier: false,
    });
    expect(cents(monthly, 'requests')).toBe('$1.49');
    expect(cents(monthly, 'duration x86_64 tier 1')).toBe('$248.00');
    expect(formatUsd(monthly.totalUsd)).toBe('$249.49');
  });

  it('BERT NLP with 2 GB of ephemeral storage: 6M requests, 280 ms, 4 GB, free tier = $106.41', () => {
    const { monthly } = simulatedMonth({
      invocationsPerMonth: 6_000_000,
      durationMs: 280,
      memoryMb: 4096,
      ephemeralStorageMb: 2048,
      freeTier: true,
    });
    expect(cents(monthly, 'requests')).toBe('$1.00');
    expect(cents(monthly, 'duration x86_64 tier 1')).toBe('$105.33');
    expect(cents(monthly, 'ephemeral storage')).toBe('$0.08');
    expect(formatUsd(monthly.totalUsd)).toBe('$106.41');
  });

  it('Lambda@Edge: 10M requests of 10 ms at 128 MB = $6.63', () => {
    const { monthly } = simulatedMonth({
      invocationsPerMonth: 10_000_000,
      durationMs: 10,
      memoryMb: 128,
      via: 'cloudfront-edge',
      freeTier: false,
    });
    const lambda = monthly.lines.filter((l) => l.service !== 'cloudfront');
    expect(formatUsd(lambda.reduce((s, l) => s + l.usd, 0))).toBe('$6.63');
  });

  it('1 ms billing (AWS News blog, Dec 2020): 60M requests of 27.4 ms at 1 GB bill $28 of compute, $100 at 100 ms', () => {
    const example = { invocationsPerMonth: 60_000_000, durationMs: 27.4, memoryMb: 1024, freeTier: false };
    const ms = simulatedMonth(example).monthly;
    expect(cents(ms, 'requests')).toBe('$12.00');
    expect(cents(ms, 'duration x86_64 tier 1')).toBe('$28.00');
    const hundred = simulatedMonth({ ...example, granularity: '100ms' }).monthly;
    expect(cents(hundred, 'duration x86_64 tier 1')).toBe('$100.00');
  });

  it('the old pricing page (100 ms, $0.00001667): 3M x 1 s at 512 MB = $18.74; 30M x 200 ms at 128 MB = $11.63', () => {
    const old = {
      freeTier: true,
      granularity: '100ms' as const,
      prices: "{ 'lambda.duration.x86_64.tier1': 0.00001667 }",
    };
    const one = simulatedMonth({
      ...old,
      invocationsPerMonth: 3_000_000,
      durationMs: 1000,
      memoryMb: 512,
    }).monthly;
    expect(cents(one, 'duration x86_64 tier 1')).toBe('$18.34');
    expect(formatUsd(one.totalUsd)).toBe('$18.74');
    const two = simulatedMonth({
      ...old,
      invocationsPerMonth: 30_000_000,
      durationMs: 200,
      memoryMb: 128,
    }).monthly;
    expect(cents(two, 'duration x86_64 tier 1')).toBe('$5.83');
    expect(cents(two, 'requests')).toBe('$5.80');
    expect(formatUsd(two.totalUsd)).toBe('$11.63');
  });
});

/** PC #1 as a scenario: a thousandth of a month, the free tier on; `rest` its traffic and functions. */
const appLaunch = (rest: string) =>
  `lamsim: 1\nname: app-launch\nduration: ${WINDOW_S}\nplatform: { idleTimeout: 1d, maxLifetime: off }\n` +
  `billing: { freeTier: true }\n${rest}`;

/** PC #1's launch function (flow style): 100 provisioned environments for the first 28.8 s. */
const launchFunction = (computeMs: number) =>
  '{ runtime: nodejs22.x, memorySize: 1536, logSize: 0B, ' +
  'provisionedConcurrency: { allocationTime: 0s, schedule: [{ start: 0s, end: 28.8s, concurrency: 100 }] }, ' +
  `model: { init: 0ms, compute: ${computeMs}ms, computeAt: 1536MB } }`;

/** AWS's PC #2 as a scenario: 2M requests of 280 ms in 24 h at 4 GB, on 7 provisioned environments. */
const cyberMonday = (freeTier: boolean) => yaml`
  lamsim: 1
  name: cyber-monday
  duration: 24h
  platform: { maxLifetime: off }
  traffic: { target: f, mode: uniform, phases: [{ duration: 24h, arrivalRate: ${2_000_000 / 86_400} }] }
  functions:
    f:
      runtime: java21
      memorySize: 4096
      reservedConcurrency: 7
      provisionedConcurrency: 7
      logSize: 0B
      model: { init: 0ms, compute: 280ms, computeAt: 4096MB }
  billing: { freeTier: ${freeTier} }
`;

describe("AWS's provisioned-concurrency example, simulated", () => {
  it('PC #2 (Cyber Monday): 2M requests in 24 h, 280 ms, 4 GB, 7 provisioned = $32.26', () => {
    // The window is the day itself (cost.window bills it as one month): 2M invocations of 280 ms
    // evenly spaced need at most 7 concurrent executions, so every one runs on provisioned concurrency.
    const out = run(cyberMonday(false));
    const f = fn(out);
    expect(f.invocations.succeeded).toBe(2_000_000);
    expect(f.coldStarts).toBe(0);
    const window = out.cost.window;
    expect(cents(window, 'requests')).toBe('$0.40');
    expect(formatUsd(window.totalUsd)).toBe('$32.26');
  });

  it('PC #1 (app launch): 3M requests, 1536 MB, 100 provisioned for 8 hours = $19.96', () => {
    // A thousandth of the month, projected x1000: provisioned concurrency 100 for the first 28.8 s
    // (8 h once projected; a whole number of 5-minute PC billing periods) serving 500 requests of
    // 100 ms, and 2,500 more requests of 120 ms on demand. Two functions of one architecture bill
    // as one: tiers and the free tier aggregate across functions.
    const out = run(
      appLaunch(yaml`
      traffic:
        - { target: launch, mode: uniform, phases: [{ duration: 28.8, arrivalRate: ${500 / 28.8} }] }
        - { target: app, mode: uniform, phases: [{ duration: ${WINDOW_S}, arrivalRate: ${2500 / WINDOW_S} }] }
      functions:
        launch: ${launchFunction(100)}
        app:
          runtime: nodejs22.x
          memorySize: 1536
          logSize: 0B
          model: { init: 0ms, compute: 120ms, computeAt: 1536MB }
    `),
    );
    expect(fn(out, 'launch').coldStarts).toBe(0);
    const monthly = out.cost.monthly;
    expect(cents(monthly, 'requests')).toBe('$0.40');
    expect(formatUsd(monthly.totalUsd)).toBe('$19.96');
  });

  it('PC #1 as one function: the free tier covers what ran after provisioned concurrency was disabled', () => {
    // One function, provisioned concurrency 100 for the first 28.8 s (8 h once projected) serving
    // 500 requests, then 2,500 requests on demand once it is disabled, all of 120 ms (lamsim has
    // no handler time that changes at 28.8 s; AWS's PC requests take 100 ms). As in AWS's example,
    // the free tier comes off what ran outside the provisioned hours: requests 3M - 1M,
    // on-demand duration 450,000 - 400,000 GB-s.
    const afterS = WINDOW_S - 28.8;
    const out = run(
      appLaunch(yaml`
      traffic:
        target: launch
        mode: uniform
        phases:
          - { duration: 28.8, arrivalRate: ${500 / 28.8} }
          - { duration: ${afterS}, arrivalRate: ${2500 / afterS} }
      functions:
        launch: ${launchFunction(120)}
    `),
    );
    const monthly = out.cost.monthly;
    // One cold start (INIT 0 ms): the first on-demand environment once provisioned concurrency is off.
    expect(fn(out, 'launch').coldStarts).toBe(1);
    expect(cents(monthly, 'requests')).toBe('$0.40');
    expect(cents(monthly, 'duration x86_64 (free tier)')).toBe('$0.00');
    expect(cents(monthly, 'duration x86_64 tier 1')).toBe('$0.83');
    expect(cents(monthly, 'provisioned duration x86_64')).toBe('$0.87');
  });

  it('PC #2 with the free tier on: still $32.26 (the free tier does not apply while provisioned)', () => {
    const out = run(cyberMonday(true));
    expect(cents(out.cost.window, 'requests')).toBe('$0.40');
    expect(formatUsd(out.cost.window.totalUsd)).toBe('$32.26');
  });
});
