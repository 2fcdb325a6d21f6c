import { describe, expect, it } from 'vitest';
import { lognormalFromQuantiles } from '../../src/engine/distributions.ts';
import { formatIssue, parseScenario } from '../../src/index.ts';
import { scenarioOf, yaml } from './helpers.ts';

describe('written values become canonical numbers', () => {
  const scenario = scenarioOf(yaml`
    lamsim: 1
    name: demo
    description: a demo
    seed: 4294967295
    region: ap-south-1
    duration: 90
    account: { concurrentExecutions: 3000, unreservedMinimum: 50, scaling: account-burst-legacy, burstLimit: 700 }
    platform: { idleTimeout: 10m, maxLifetime: off, placement: lru }
    traffic:
      - name: web
        target: "10"
        via: api-gateway-http
        mode: uniform
        payload: 20KB
        overhead: { p50: 2ms, p99: 5ms }
        phases:
          - { duration: 30, arrivalRate: 10, rampTo: 20 }
          - { pause: 15s }
          - { name: burst, duration: 20s, arrivalCount: 100 }
      - target: worker
        via: sns
        phases: [{ duration: 1m, arrivalRate: 1 }]
    functions:
      worker:
        runtime: python3.12
        architecture: arm64
        memorySize: 1.5GB
        timeout: 1m30s
        ephemeralStorageSize: 1GB
        packageType: image
        maximumRetryAttempts: 0
        maximumEventAge: 1h
        logSize: 2KB
        vpc: { subnetIds: [a, b], securityGroupIds: [sg] }
        model:
          compute: 25ms
          computeAt: 3538
          threads: 2
          io: { dist: exponential, mean: 10ms }
          calls:
            - { resource: internet, latency: 30ms }
            - { resource: internet, latency: 30ms, bytes: 1MB, count: 2 }
          errorRate: 0.5%
      "10":
        runtime: java21
        memorySize: 2048
        timeout: 28
        reservedConcurrency: 100
        provisionedConcurrency: 10
    resources:
      nat: { type: nat-gateway, azs: 3, latency: 2ms }
    billing: { freeTier: true, granularity: 100ms, initBilled: false, prices: { lambda.requests: 0.25 } }
  `);

  it('top level, account, platform, billing', () => {
    expect(scenario).toMatchObject({
      name: 'demo',
      description: 'a demo',
      seed: 4294967295,
      region: 'ap-south-1',
      durationMs: 90_000,
      account: {
        concurrentExecutions: 3000,
        unreservedMinimum: 50,
        scaling: 'account-burst-legacy',
        burstLimit: 700,
      },
      platform: {
        idleTimeoutMs: { kind: 'constant', value: 600_000 },
        maxLifetimeMs: Number.POSITIVE_INFINITY,
        placement: 'lru',
      },
      billing: { freeTier: true, granularityMs: 100, initBilled: false, prices: { 'lambda.requests': 0.25 } },
    });
  });

  it('functions keep their written order, even with integer-like names', () => {
    expect(scenario.functions.map((f) => f.name)).toEqual(['worker', '10']);
  });

  it('function settings', () => {
    const [worker, ten] = scenario.functions;
    expect(worker).toMatchObject({
      runtime: 'python3.12',
      architecture: 'arm64',
      memoryMb: 1536,
      timeoutMs: 90_000,
      ephemeralStorageMb: 1024,
      packageType: 'image',
      reservedConcurrency: null,
      provisionedConcurrency: 0,
      vpc: { subnetIds: ['a', 'b'], securityGroupIds: ['sg'], eniMode: 'hyperplane' },
      maximumRetryAttempts: 0,
      maximumEventAgeMs: 3_600_000,
      logBytesPerInvocation: 2048,
    });
    expect(worker.model).toMatchObject({
      computeMs: { kind: 'constant', value: 25 },
      computeAtMb: 3538,
      threads: 2,
      ioMs: { kind: 'exponential', mean: 10 },
      calls: [
        { kind: 'internet', count: 1, bytes: 0, latencyMs: { kind: 'constant', value: 30 } },
        { kind: 'internet', count: 2, bytes: 1024 ** 2, latencyMs: { kind: 'constant', value: 30 } },
      ],
      errorRate: 0.005,
    });
    expect(ten).toMatchObject({
      memoryMb: 2048,
      timeoutMs: 28_000,
      reservedConcurrency: 100,
      provisionedConcurrency: 10,
    });
  });

  it('traffic: phases back to back, ramps, counts spread evenly, pauses, overhead', () => {
    const [web, worker] = scenario.traffic;
    expect(web).toMatchObject({
      name: 'web',
      target: '10',
      targetKind: 'function',
      via: 'api-gateway-http',
      mode: 'uniform',
      payloadBytes: 20_480,
    });
    expect(web.overheadMs).toEqual({ kind: 'lognormal', ...lognormalFromQuantiles(2, 5) });
    expect(web.arrivals).toEqual({
      kind: 'phases',
      phases: [
        { name: 'phase-0', startMs: 0, durationMs: 30_000, arrivalsPerSecond: 10, rampToPerSecond: 20 },
        { name: 'phase-1', startMs: 30_000, durationMs: 15_000, arrivalsPerSecond: 0, rampToPerSecond: 0 },
        {
          name: 'burst',
          startMs: 45_000,
          durationMs: 20_000,
          arrivalsPerSecond: 5,
          rampToPerSecond: 5,
          exactCount: true,
        },
      ],
    });
    expect(worker).toMatchObject({ name: 'worker', via: 'sns', overheadMs: { kind: 'constant', value: 0 } });
  });

  it('resources', () => {
    expect(scenario.resources).toEqual([
      { type: 'nat-gateway', name: 'nat', azs: 3, latencyMs: { kind: 'constant', value: 2 } },
    ]);
  });
});

describe('front-door overhead defaults by via', () => {
  const overhead = (via: string) =>
    scenarioOf(yaml`
      lamsim: 1
      traffic: { target: api, via: ${via}, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        api: { runtime: nodejs22.x }
    `).traffic[0].overheadMs;

  it('direct is free, gateways add latency, async callers do not wait', () => {
    expect(overhead('direct')).toEqual({ kind: 'constant', value: 0 });
    expect(overhead('api-gateway-rest')).toEqual({ kind: 'lognormal', ...lognormalFromQuantiles(10, 25) });
    expect(overhead('api-gateway-http')).toEqual({ kind: 'lognormal', ...lognormalFromQuantiles(4, 10) });
    expect(overhead('eventbridge')).toEqual({ kind: 'constant', value: 0 });
  });
});

describe('the default name is the file base name', () => {
  it.each([
    ['scenarios/api-burst.yaml', 'api-burst'],
    ['C:\\work\\x.yml', 'x'],
    ['plain', 'plain'],
    ['dir/api.v2.yaml', 'api.v2'],
  ])('%s -> %s', (fileName, name) => {
    const result = parseScenario('lamsim: 1\nduration: 1m\nfunctions:\n  api: { runtime: nodejs22.x }\n', {
      fileName,
    });
    expect(result.ok && result.value.scenario.name).toBe(name);
  });

  // Issue 17: a scenario saved as `..yaml` wrote its bundle as reports/ itself; a file name
  // with markup became the scenario's name. A derived name must be a safe folder name too.
  it.each([
    ['dir/..yaml', "'.'"],
    ['.hidden', "'.hidden'"],
    ['<svg onload=alert(1)>.yaml', "'<svg onload=alert(1)>'"],
    ['a b.yaml', "'a b'"],
    ['bell\u0007.yaml', "'bell\\x07'"],
  ])('%s is refused at `name`, quoted %s', (fileName, quoted) => {
    const result = parseScenario('lamsim: 1\nduration: 1m\nfunctions:\n  api: { runtime: nodejs22.x }\n', {
      fileName,
    });
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.error.map(formatIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`:1:1 name: the file name gives the scenario the name ${quoted}`);
    expect(lines[0]).toContain('add `name:`');
  });
});

describe('scenario name with dots', () => {
  it('is accepted', () => {
    expect(
      scenarioOf('lamsim: 1\nname: api.v2\nduration: 1m\nfunctions:\n  api: { runtime: nodejs22.x }\n').name,
    ).toBe('api.v2');
  });
});
