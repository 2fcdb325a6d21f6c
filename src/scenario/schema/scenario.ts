/**
 * The written scenario file (format 1), as a zod schema: strict mappings so typos are caught, regex
 * patterns for quantities so the JSON Schema gives editors completion and checks. No defaults and
 * no transforms here: ../normalize/ fills defaults once and converts units.
 */
import * as z from 'zod';
import { KNOWN_REGIONS } from '../defaults/regions.ts';
import { describeValue } from '../quantities.ts';
import { budgets } from './budgets.ts';
import { distribution } from './distribution.ts';
import { lambdaFunction } from './function.ts';
import {
  boolean,
  duration,
  durationOrSeconds,
  fraction,
  integer,
  list,
  mapping,
  name,
  number,
  oneOf,
  scenarioName,
  text,
} from './leaves.ts';
import { choice, doc, opt } from './registry.ts';
import { resource } from './resource.ts';
import { traffic } from './traffic.ts';

export const account = mapping(
  {
    concurrentExecutions: opt(integer(1), 'Account concurrency quota. Default 1000.'),
    unreservedMinimum: opt(integer(0), 'Concurrency that must stay unreserved. Default 100.'),
    scaling: opt(
      oneOf(['per-function-2023', 'account-burst-legacy', 'unlimited']),
      'per-function-2023 (default): +1000 environments per 10 s per function; account-burst-legacy: initial burst then +500/min; unlimited.',
    ),
    burstLimit: opt(integer(1), 'account-burst-legacy initial burst. Default by region: 3000, 1000 or 500.'),
  },
  'account settings',
);

export const platform = mapping(
  {
    idleTimeout: opt(
      distribution,
      'Idle environment reclaimed after this. Default: measured (Shilkov 2021), 3-7 min.',
    ),
    maxLifetime: opt(
      choice(
        [z.literal('off'), duration],
        (input) =>
          input === 'off'
            ? 0
            : typeof input === 'number' || (typeof input === 'string' && /^[-\d.]/.test(input))
              ? 1
              : undefined,
        'a duration (e.g. 2h) or off',
      ),
      'An environment is retired at this age (after its current request); off = never. Default 2h.',
    ),
    placement: opt(
      oneOf(['newest', 'mru', 'lru', 'random']),
      'Which idle environment takes a request. Default newest.',
    ),
  },
  'platform settings',
);

const GRANULARITIES = ['1ms', '100ms'] as const;

export const MONTH_WINDOWS = ['repeat', 'daily-profile', 'bursts'] as const;

export const billingMonth = mapping(
  {
    window: doc(
      oneOf(MONTH_WINDOWS, 'a month basis'),
      'repeat: the window repeated to fill 730 hours (default) | daily-profile: the window is one day of traffic, 30.42 days a month | bursts: `bursts` windows a month, the rest at `baseline`.',
    ),
    bursts: opt(number(0), 'With window: bursts, how many bursts like the window a month (required there).'),
    baseline: opt(
      number(0),
      'With window: bursts, requests per second of each traffic source for the rest of the month (simulated for an hour). Default 0 (idle).',
    ),
  },
  'a month basis { window, bursts, baseline }',
);

export const savingsPlan = mapping(
  {
    discount: doc(
      fraction,
      'Fraction off Lambda duration and provisioned concurrency (AWS: up to 17% for Compute Savings Plans).',
    ),
    commitment: opt(
      number(0),
      'Committed spend, USD per hour at savings-plan rates; unused commitment is billed. Default: sized to the usage.',
    ),
  },
  'a Compute Savings Plan { discount, commitment }',
);

export const billing = mapping(
  {
    freeTier: opt(
      boolean,
      'Apply the always-free tier (1M requests + 400,000 GB-s per month). Default false.',
    ),
    granularity: opt(
      oneOf(GRANULARITIES, 'a billing granularity'),
      '1ms (since Dec 2020, default) | 100ms (before).',
    ),
    initBilled: opt(boolean, 'INIT billed for on-demand functions (AWS since 2025-08-01). Default true.'),
    prices: opt(
      z.record(text, number(0), {
        error: (iss) =>
          iss.code === 'invalid_type'
            ? `expected a mapping of price id -> USD, got ${describeValue(iss.input)}`
            : undefined,
      }),
      'Price overrides in USD by price id.',
    ),
    month: opt(billingMonth, 'How the monthly bill makes a month of the window. Default { window: repeat }.'),
    savingsPlan: opt(savingsPlan, 'A Compute Savings Plan on Lambda compute. Default none.'),
  },
  'billing settings',
);

export const slo = mapping(
  {
    p50: opt(duration, 'Objective: p50 latency (successful requests, as callers see them) at most this.'),
    p90: opt(duration, 'Objective: p90 latency at most this.'),
    p95: opt(duration, 'Objective: p95 latency at most this.'),
    p99: opt(duration, 'Objective: p99 latency at most this.'),
    max: opt(duration, 'Objective: maximum latency at most this.'),
    throttleRate: opt(
      fraction,
      'Objective: requests refused by throttling in the end (after SDK retries) / arrived requests at most this.',
    ),
    errorRate: opt(fraction, 'Objective: (failed + timed out) / arrived requests at most this.'),
    coldStartRate: opt(fraction, 'Objective: cold starts / started invocations at most this.'),
    timeoutRate: opt(
      fraction,
      'Objective: requests (or asynchronous events, each once) that timed out / arrived, at most this.',
    ),
    dbConnectionErrors: opt(
      integer(0),
      'Objective: database connection errors (refused connections, proxy borrow timeouts) at most this many.',
    ),
    queueAge: opt(duration, 'Objective: age of the oldest queued message at most this.'),
    backlogAtEnd: opt(
      fraction,
      "Objective: a queue's or stream's backlog still growing at the end of the window, as a share of the messages or records that arrived, at most this.",
    ),
    lostWriteRate: opt(
      fraction,
      "Objective: writes into a Kinesis stream lost to its shard write limit (refused on every attempt of the producer's SDK retries) / writes attempted, the worst stream's, at most this.",
    ),
  },
  'service-level objectives',
);

/**
 * `stack:`: the infrastructure templates this scenario starts from (read by src/stack, which merges
 * the scenario's own keys over what they describe; the merged data no longer holds `stack`).
 */
const stack = mapping(
  {
    template: doc(
      choice(
        [text, list(text, 'templates', 1)],
        (input) => (typeof input === 'string' ? 0 : Array.isArray(input) ? 1 : undefined),
        'a template path, or a list of them',
      ),
      'AWS SAM / CloudFormation (cdk synth) / serverless.yml template, relative to this file; or a list of the stacks of one system.',
    ),
    parameters: opt(
      z.record(text, z.union([z.string(), z.number(), z.boolean()])),
      'Template parameter values, as `lamsim import --parameter Name=Value`.',
    ),
  },
  'a stack { template, parameters }',
);

const nameRecord = <T extends z.ZodType>(value: T, what: string) =>
  z.record(name, value, {
    error: (iss) =>
      iss.code === 'invalid_type'
        ? `expected a mapping of ${what} by name${iss.input === undefined ? '' : `, got ${describeValue(iss.input)}`}`
        : undefined,
  });

export const scenarioSchema = mapping(
  {
    lamsim: doc(
      z.literal(1, {
        error: (iss) =>
          iss.input === undefined
            ? 'write `lamsim: 1` (the scenario format version) at the top of the file'
            : `unsupported format version ${describeValue(iss.input)}: this lamsim reads \`lamsim: 1\``,
      }),
      'Scenario format version: 1.',
    ),
    stack: opt(
      stack,
      'Start from infrastructure code: functions and resources come from the template(s); keys written in this file override theirs.',
    ),
    name: opt(scenarioName, 'Names the report folder. Default: the file name without extension.'),
    description: opt(text, 'Free text.'),
    seed: opt(
      integer(0, 4294967295),
      'Random seed: the same seed and lamsim version give identical results. Default 1.',
    ),
    region: opt(
      oneOf(KNOWN_REGIONS, 'an AWS region id'),
      'AWS region (price table, legacy burst limit). Default us-east-1.',
    ),
    duration: opt(durationOrSeconds, 'Simulated window. Default: the longest traffic source.', {
      examples: ['30m', 1800],
    }),
    account: opt(account, 'Account concurrency and scaling.'),
    platform: opt(platform, 'How AWS treats execution environments (measured defaults).'),
    traffic: opt(traffic, 'Traffic sources: one mapping or a list.'),
    functions: doc(nameRecord(lambdaFunction, 'functions'), 'Lambda functions by name.'),
    resources: opt(nameRecord(resource, 'resources'), 'Databases, RDS proxies and NAT gateways by name.'),
    billing: opt(billing, 'Billing options.'),
    slo: opt(slo, 'Service-level objectives checked by `lamsim plan` (and `lamsim tune` as constraints).'),
    budgets: opt(
      budgets,
      'Performance and cost budgets checked by `lamsim check` (absolute) and `lamsim diff` (absolute and relative, +N%).',
    ),
  },
  'a lamsim scenario',
);

export type WrittenScenario = z.output<typeof scenarioSchema>;
