/**
 * AWS's published worked examples (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/, its worked examples), reproduced to the cent through the
 * calculator, and through billWindow / billMonthly on a hand-built Usage. Each expected number is
 * AWS's own arithmetic (quantity × published rate); the cents are what AWS prints.
 */
import { describe, expect, it } from 'vitest';
import {
  billedDurationMs,
  billMonthly,
  billWindow,
  type CostBreakdown,
  calculateCost,
  MONTH_MS,
  scaleUsage,
} from '../../src/billing/index.ts';
import { formatUsd } from '../../src/report/index.ts';
import { billing, fn, HOUR_MS, items, line, usage } from './helpers.ts';

const MIB = 1024 * 1024;
const OLD_RATE = { 'lambda.duration.x86_64.tier1': 0.00001667 };

/** Every line's quantity and usd, and the total, to within float noise; plus the cents AWS prints. */
function expectLine(
  bill: CostBreakdown,
  service: string,
  item: string,
  quantity: number,
  usd: number,
  cents: string,
) {
  const l = line(bill, service, item);
  expect(l.quantity).toBeCloseTo(quantity, 6);
  expect(l.usd).toBeCloseTo(usd, 10);
  expect(formatUsd(l.usd)).toBe(cents);
}

describe('mobile backend: 3M requests, 120 ms, 1536 MB, free tier -> $2.73', () => {
  const check = (bill: CostBreakdown) => {
    expect(items(bill)).toEqual([
      'lambda/requests (free tier)',
      'lambda/requests',
      'lambda/duration x86_64 (free tier)',
      'lambda/duration x86_64 tier 1',
    ]);
    expectLine(bill, 'lambda', 'requests (free tier)', 1_000_000, 0, '$0.00');
    expectLine(bill, 'lambda', 'requests', 2_000_000, 0.4, '$0.40');
    expectLine(bill, 'lambda', 'duration x86_64 (free tier)', 400_000, 0, '$0.00');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 140_000, 2.333338, '$2.33');
    expect(bill.totalUsd).toBeCloseTo(2.733338, 10);
    expect(formatUsd(bill.totalUsd)).toBe('$2.73');
  };
  it('through the calculator', () => {
    check(calculateCost({ requests: 3_000_000, durationMs: 120, memoryMb: 1536, freeTier: true }));
  });
  const month = usage([fn({ memoryMb: 1536, requests: 3_000_000, onDemandBilledMs: 3_000_000 * 120 })]);
  it('through billWindow and billMonthly of a 730-hour window', () => {
    check(billWindow(month, billing({ freeTier: true })));
    check(billMonthly(month, billing({ freeTier: true })));
  });
  it('through billMonthly of a 73-hour window (a tenth of the traffic, projected ×10)', () => {
    const tenth = usage([fn({ memoryMb: 1536, requests: 300_000, onDemandBilledMs: 300_000 * 120 })], {
      windowMs: 73 * HOUR_MS,
    });
    check(billMonthly(tenth, billing({ freeTier: true })));
    // the same window billed as its own month: 36,000 s × 1.5 GB = 54,000 GB-s, all free
    expect(billWindow(tenth, billing({ freeTier: true })).totalUsd).toBe(0);
  });
});

describe('streaming telemetry: 7.44M messages, 2 s, 1 GB, no free tier -> $249.49', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda', 'requests', 7_440_000, 1.488, '$1.49');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 14_880_000, 248.000496, '$248.00');
    expect(formatUsd(bill.totalUsd)).toBe('$249.49');
  };
  it('through the calculator', () => {
    check(calculateCost({ requests: 7_440_000, durationMs: 2000, memoryMb: 1024 }));
  });
  it('through billWindow of the 31-day month (744 hours)', () => {
    const u = usage([fn({ requests: 7_440_000, onDemandBilledMs: 7_440_000 * 2000 })], {
      windowMs: 744 * HOUR_MS,
    });
    check(billWindow(u, billing()));
    // projected onto lamsim's 730-hour month: 730/744 of everything
    expect(billMonthly(u, billing()).totalUsd).toBeCloseTo((249.488496 * 730) / 744, 9);
  });
});

describe('BERT NLP with ephemeral storage: 6M requests, 280 ms, 4096 MB, 2048 MB /tmp, free tier -> $106.41', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 6_320_000, 105.333544, '$105.33');
    expectLine(bill, 'lambda', 'requests', 5_000_000, 1, '$1.00');
    expectLine(bill, 'lambda', 'ephemeral storage', 2_520_000, 0.077868, '$0.08');
    expect(bill.totalUsd).toBeCloseTo(106.411412, 10);
    expect(formatUsd(bill.totalUsd)).toBe('$106.41');
  };
  it('through the calculator', () => {
    check(
      calculateCost({
        requests: 6e6,
        durationMs: 280,
        memoryMb: 4096,
        ephemeralStorageMb: 2048,
        freeTier: true,
      }),
    );
  });
  it('through billMonthly', () => {
    const u = usage([
      fn({ memoryMb: 4096, ephemeralStorageMb: 2048, requests: 6e6, onDemandBilledMs: 6e6 * 280 }),
    ]);
    check(billMonthly(u, billing({ freeTier: true })));
  });
});

describe('provisioned concurrency #1: app launch, PC 100 for 8 h, 500k of 3M requests on PC -> $19.96', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda', 'provisioned concurrency x86_64', 4_320_000, 18.000144, '$18.00');
    expectLine(bill, 'lambda', 'requests', 2_000_000, 0.4, '$0.40');
    expectLine(bill, 'lambda', 'provisioned duration x86_64', 75_000, 0.729165, '$0.73');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 50_000, 0.833335, '$0.83');
    expect(bill.totalUsd).toBeCloseTo(19.962644, 10);
    expect(formatUsd(bill.totalUsd)).toBe('$19.96');
  };
  it('through the calculator (PC requests as a count, and as a share)', () => {
    const base = { requests: 3e6, durationMs: 120, memoryMb: 1536, freeTier: true } as const;
    check(
      calculateCost({
        ...base,
        provisioned: { concurrency: 100, hours: 8, requests: 500_000, durationMs: 100 },
      }),
    );
    check(
      calculateCost({
        ...base,
        provisioned: { concurrency: 100, hours: 8, requestShare: 1 / 6, durationMs: 100 },
      }),
    );
  });
  it('through billMonthly of a 73-hour window holding 48 minutes of PC', () => {
    const u = usage(
      [
        fn({
          memoryMb: 1536,
          requests: 300_000,
          onDemandBilledMs: 250_000 * 120,
          provisionedBilledMs: 50_000 * 100,
          provisionedIntervals: [{ concurrency: 100, durationMs: 48 * 60_000 }],
        }),
      ],
      { windowMs: 73 * HOUR_MS },
    );
    check(billMonthly(u, billing({ freeTier: true })));
  });
});

describe('provisioned concurrency #2: Cyber Monday, 2M requests in 24 h, 280 ms, 4096 MB, PC 7 -> $32.26', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda', 'provisioned concurrency x86_64', 2_419_200, 10.08008064, '$10.08');
    expectLine(bill, 'lambda', 'provisioned duration x86_64', 2_240_000, 21.777728, '$21.78');
    expectLine(bill, 'lambda', 'requests', 2_000_000, 0.4, '$0.40');
    expect(items(bill)).not.toContain('lambda/duration x86_64 tier 1');
    expect(formatUsd(bill.totalUsd)).toBe('$32.26');
  };
  it('through the calculator', () => {
    check(
      calculateCost({
        requests: 2e6,
        durationMs: 280,
        memoryMb: 4096,
        provisioned: { concurrency: 7, hours: 24 },
      }),
    );
  });
  const day = usage(
    [
      fn({
        memoryMb: 4096,
        requests: 2e6,
        provisionedBilledMs: 2e6 * 280,
        provisionedIntervals: [{ concurrency: 7, durationMs: 24 * HOUR_MS }],
        requestsWhileProvisioned: 2e6,
      }),
    ],
    { windowMs: 24 * HOUR_MS },
  );
  it('through billWindow of the 24-hour window billed as one month', () => {
    check(billWindow(day, billing()));
  });
  // "The Lambda free tier does not apply to functions that have Provisioned Concurrency enabled"
  // (aws-facts A3): every request ran while it was enabled, so the free tier changes nothing.
  it('with the free tier on: still $32.26 (no free requests while provisioned concurrency is enabled)', () => {
    check(billWindow(day, billing({ freeTier: true })));
    check(
      calculateCost({
        requests: 2e6,
        durationMs: 280,
        memoryMb: 4096,
        freeTier: true,
        provisioned: { concurrency: 7, hours: 24 },
      }),
    );
  });
});

describe('free tier and provisioned concurrency (aws-facts A3)', () => {
  it('spill-over while provisioned concurrency is enabled is not free; another function without it is', () => {
    const withPc = fn({
      function: 'pc',
      memoryMb: 1024,
      requests: 1_500_000,
      provisionedBilledMs: 1_000_000 * 100,
      onDemandBilledMs: 500_000 * 100,
      provisionedIntervals: [{ concurrency: 10, durationMs: 730 * HOUR_MS, stillEnabled: true }],
      requestsWhileProvisioned: 1_500_000,
      onDemandBilledMsWhileProvisioned: 500_000 * 100,
    });
    const plain = fn({
      function: 'plain',
      memoryMb: 1024,
      requests: 300_000,
      onDemandBilledMs: 300_000 * 1000,
    });
    const bill = billWindow(usage([withPc, plain]), billing({ freeTier: true }));
    // Free requests: only the 300,000 of the function without provisioned concurrency.
    expectLine(bill, 'lambda', 'requests (free tier)', 300_000, 0, '$0.00');
    expectLine(bill, 'lambda', 'requests', 1_500_000, 0.3, '$0.30');
    // Free GB-s: only its 300,000 GB-s; the 50,000 GB-s of spill-over are billed.
    expectLine(bill, 'lambda', 'duration x86_64 (free tier)', 300_000, 0, '$0.00');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 50_000, 0.833335, '$0.83');
  });
  it('the calculator: provisioned all month, half the requests spilling over, leaves nothing free', () => {
    const base = { requests: 3e6, durationMs: 120, memoryMb: 1536, freeTier: true } as const;
    const allMonth = calculateCost({ ...base, provisioned: { concurrency: 100, requestShare: 0.5 } });
    expect(items(allMonth)).not.toContain('lambda/requests (free tier)');
    expectLine(allMonth, 'lambda', 'requests', 3e6, 0.6, '$0.60');
    expectLine(allMonth, 'lambda', 'duration x86_64 tier 1', 270_000, 4.500009, '$4.50');
  });
});

describe('SnapStart (Python/.NET): 7.44M requests, 2 s, 1 GB, 1% restores, one version for 31 days -> $263.92', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda', 'snapstart cache', 2_678_400, 4.02992064, '$4.03');
    expectLine(bill, 'lambda', 'snapstart restore', 74_400, 10.40110512, '$10.40');
    expectLine(bill, 'lambda', 'requests', 7_440_000, 1.488, '$1.49');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 14_880_000, 248.000496, '$248.00');
    expect(formatUsd(bill.totalUsd)).toBe('$263.92');
  };
  it('through the calculator', () => {
    check(
      calculateCost({
        requests: 7_440_000,
        durationMs: 2000,
        memoryMb: 1024,
        snapStart: { restoreShare: 0.01, hours: 744 },
      }),
    );
  });
  it('through billWindow of the 744-hour month', () => {
    const u = usage(
      [
        fn({
          requests: 7_440_000,
          onDemandBilledMs: 7_440_000 * 2000,
          snapStartCacheMs: 744 * HOUR_MS,
          snapStartRestores: 74_400,
        }),
      ],
      { windowMs: 744 * HOUR_MS },
    );
    check(billWindow(u, billing()));
  });
  it('bills at least 3 hours of cache per version', () => {
    const bill = calculateCost({
      requests: 0,
      durationMs: 0,
      memoryMb: 2048,
      snapStart: { hours: 1, versions: 2 },
    });
    expect(line(bill, 'lambda', 'snapstart cache').quantity).toBe(2 * 3 * 3600 * 2);
  });
});

describe('Lambda@Edge: 10M executions, 10 ms, 128 MB -> $6.63', () => {
  const check = (bill: CostBreakdown) => {
    expectLine(bill, 'lambda-edge', 'requests', 10_000_000, 6, '$6.00');
    // 100,000 s × $0.00000625125 per 128 MB-s = 12,500 GB-s × $0.00005001
    expectLine(bill, 'lambda-edge', 'duration', 12_500, 0.625125, '$0.63');
    expect(items(bill)).toEqual(['lambda-edge/requests', 'lambda-edge/duration']);
    expect(formatUsd(bill.totalUsd)).toBe('$6.63');
  };
  it('through the calculator, free tier on or off (edge has none)', () => {
    check(calculateCost({ requests: 10e6, durationMs: 10, memoryMb: 128, edge: true }));
    check(calculateCost({ requests: 10e6, durationMs: 10, memoryMb: 128, edge: true, freeTier: true }));
  });
  it('through billMonthly', () => {
    const u = usage([fn({ edge: true, memoryMb: 128, requests: 10e6, onDemandBilledMs: 10e6 * 10 })]);
    check(billMonthly(u, billing({ freeTier: true })));
  });
});

describe('response streaming: 3M requests, 500 ms, 1536 MB, 1M responses of 7 MB, free tier', () => {
  // AWS's example: $30.83 + $0.40 + 976.56 GB × $0.008 = $7.81 -> $39.04. It does not subtract the
  // 100 GiB of streaming the same page lists in the free tier; lamsim does, so its streaming line is
  // 876.5625 GB ($7.01). Every other line matches, and so does the example's streaming arithmetic.
  const bill = calculateCost({
    requests: 3e6,
    durationMs: 500,
    memoryMb: 1536,
    freeTier: true,
    responseStreaming: { requests: 1e6, bytesPerResponse: 7 * MIB },
  });
  it('bills compute and requests as AWS does', () => {
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 1_850_000, 30.833395, '$30.83');
    expectLine(bill, 'lambda', 'requests', 2_000_000, 0.4, '$0.40');
  });
  it('meters 976.5625 GB streamed beyond 6 MB per response, 100 GB of them free', () => {
    const free = line(bill, 'lambda', 'response streaming (free tier)');
    const paid = line(bill, 'lambda', 'response streaming');
    expect(free.quantity + paid.quantity).toBe(976.5625);
    expect(free.quantity).toBe(100);
    expect(paid.usd).toBeCloseTo(7.0125, 10);
    expect(formatUsd(976.5625 * 0.008)).toBe('$7.81'); // AWS's line, without the streaming allowance
    expect(formatUsd(bill.totalUsd)).toBe('$38.25');
  });
  it("reproduces AWS's $39.04 line by line when the streaming allowance is not applied", () => {
    const noStreamingAllowance = calculateCost({
      requests: 3e6,
      durationMs: 500,
      memoryMb: 1536,
      freeTier: true,
    });
    const aws = [
      line(noStreamingAllowance, 'lambda', 'duration x86_64 tier 1').usd,
      line(noStreamingAllowance, 'lambda', 'requests').usd,
      976.5625 * 0.008,
    ].map((usd) => Number(formatUsd(usd).slice(1)));
    expect(aws).toEqual([30.83, 0.4, 7.81]);
    expect(formatUsd(aws[0] + aws[1] + aws[2])).toBe('$39.04');
  });
});

describe('1 ms billing blog: 60M invocations, 28 ms, 1 GB, no free tier', () => {
  it('requests $12, compute $28 at 1 ms', () => {
    const bill = calculateCost({ requests: 60e6, durationMs: 28, memoryMb: 1024 });
    expectLine(bill, 'lambda', 'requests', 60e6, 12, '$12.00');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 1_680_000, 28.000056, '$28.00');
    expect(formatUsd(bill.totalUsd)).toBe('$40.00');
  });
  it('compute $100 at 100 ms', () => {
    const bill = calculateCost({ requests: 60e6, durationMs: 28, memoryMb: 1024, granularityMs: 100 });
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 6_000_000, 100.0002, '$100.00');
    expect(formatUsd(bill.totalUsd)).toBe('$112.00');
  });
  it('the REPORT lines: 27.40 ms billed 100 ms before, 27.55 ms billed 28 ms after', () => {
    expect(billedDurationMs(27.4, 100)).toBe(100);
    expect(billedDurationMs(27.55, 1)).toBe(28);
  });
  it('through billMonthly, with per-invocation rounding done by the producer', () => {
    const at = (g: 1 | 100) =>
      usage([fn({ requests: 60e6, onDemandBilledMs: 60e6 * billedDurationMs(28, g) })]);
    expect(formatUsd(billMonthly(at(1), billing()).totalUsd)).toBe('$40.00');
    expect(formatUsd(billMonthly(at(100), billing({ granularityMs: 100 })).totalUsd)).toBe('$112.00');
  });
});

describe('old pricing page (100 ms, $0.00001667 as a price override)', () => {
  it('example 1: 512 MB, 3M × 1 s, free tier -> $18.34 + $0.40 = $18.74', () => {
    const bill = calculateCost({
      requests: 3e6,
      durationMs: 1000,
      memoryMb: 512,
      freeTier: true,
      granularityMs: 100,
      prices: OLD_RATE,
    });
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 1_100_000, 18.337, '$18.34');
    expectLine(bill, 'lambda', 'requests', 2_000_000, 0.4, '$0.40');
    expect(formatUsd(bill.totalUsd)).toBe('$18.74');
  });
  it('example 2: 128 MB, 30M × 200 ms, free tier -> $5.83 + $5.80 = $11.63', () => {
    const bill = calculateCost({
      requests: 30e6,
      durationMs: 200,
      memoryMb: 128,
      freeTier: true,
      granularityMs: 100,
      prices: OLD_RATE,
    });
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 350_000, 5.8345, '$5.83');
    expectLine(bill, 'lambda', 'requests', 29_000_000, 5.8, '$5.80');
    expect(formatUsd(bill.totalUsd)).toBe('$11.63');
  });
  it('example 2 through billMonthly of a one-hour window', () => {
    const hour = usage([fn({ memoryMb: 128, requests: 30e6 / 730, onDemandBilledMs: (30e6 / 730) * 200 })], {
      windowMs: HOUR_MS,
    });
    const bill = billMonthly(hour, billing({ freeTier: true, granularityMs: 100, prices: OLD_RATE }));
    expect(formatUsd(bill.totalUsd)).toBe('$11.63');
    expect(line(bill, 'lambda', 'requests').quantity).toBeCloseTo(29e6, 6);
  });
});

describe('a 730-hour window', () => {
  it('is its own monthly projection', () => {
    const u = scaleUsage(usage([fn({ requests: 1e6, onDemandBilledMs: 1e6 * 120 })]), 1);
    expect(u.windowMs).toBe(MONTH_MS);
    expect(billMonthly(u, billing())).toEqual(billWindow(u, billing()));
  });
});

describe('provisioned mode for SQS event source mappings: 30M × 1 s × 1 GB, 8,000 EPU-hours -> $580', () => {
  // AWS Lambda pricing, provisioned mode example (aws-facts A10): compute $500, requests $6,
  // 8,000 EPU-hours x $0.00925 = $74; no free tier in the example.
  it('through billMonthly: the event pollers are one more Lambda line', () => {
    const bill = billMonthly(
      usage([fn({ requests: 30e6, onDemandBilledMs: 30e6 * 1000, eventPollerHours: 8000 })]),
      billing({ freeTier: false }),
    );
    expectLine(bill, 'lambda', 'sqs event pollers', 8000, 74, '$74.00');
    expectLine(bill, 'lambda', 'requests', 30e6, 6, '$6.00');
    expectLine(bill, 'lambda', 'duration x86_64 tier 1', 30e6, 500.001, '$500.00');
    expect(formatUsd(bill.totalUsd)).toBe('$580.00');
  });
  it('projects event poller hours with the window, not the traffic', () => {
    // A 73-hour window of 800 EPU-hours is 8,000 in a 730-hour month.
    const week = usage([fn({ requests: 3e6, onDemandBilledMs: 3e6 * 1000, eventPollerHours: 800 })], {
      windowMs: 73 * HOUR_MS,
    });
    expectLine(
      billMonthly(week, billing({ freeTier: false })),
      'lambda',
      'sqs event pollers',
      8000,
      74,
      '$74.00',
    );
  });
});
