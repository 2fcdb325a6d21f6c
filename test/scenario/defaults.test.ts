import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lognormalFromQuantiles, normalQuantile } from '../../src/engine/distributions.ts';
import { COLD_START_TABLE } from '../../src/scenario/defaults/coldStartTable.ts';
import { IDLE_INTERVAL_TABLE } from '../../src/scenario/defaults/idleIntervalTable.ts';
import { DEFAULT_IDLE_TIMEOUT } from '../../src/scenario/defaults/idleTimeout.ts';
import { defaultInit, nearestMeasuredMemory } from '../../src/scenario/defaults/initDefault.ts';
import { legacyBurstLimit } from '../../src/scenario/defaults/regions.ts';
import { KNOWN_RUNTIME_PROFILES, KNOWN_RUNTIMES } from '../../src/scenario/defaults/runtimes.ts';
import { MINIMAL, ok, scenarioOf, yaml } from './helpers.ts';

const csv = (name: string): string[][] =>
  readFileSync(new URL(`../../src/scenario/defaults/data/${name}`, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));

describe('measured tables equal their committed CSV copies', () => {
  it('lambda-perf cold starts', () => {
    const [header, ...rows] = csv('lambda-perf-cold-starts-30d.csv');
    expect(header).toEqual([
      'runtime',
      'packaging',
      'arch',
      'memory_mb',
      'n',
      'mean_ms',
      'p50_ms',
      'p90_ms',
      'p99_ms',
      'min_ms',
      'max_ms',
      'sd_ms',
    ]);
    expect(
      COLD_START_TABLE.map((r) => [
        r.runtime,
        r.packaging,
        r.arch,
        ...[r.memoryMb, r.n, r.meanMs, r.p50Ms, r.p90Ms, r.p99Ms, r.minMs, r.maxMs, r.sdMs],
      ]),
    ).toEqual(
      rows.map(([runtime, packaging, arch, ...numbers]) => [
        runtime,
        packaging,
        arch,
        ...numbers.map(Number),
      ]),
    );
  });

  it('Shilkov idle intervals', () => {
    const [header, ...rows] = csv('shilkov-idle-interval-2021.csv');
    expect(header).toEqual(['idle_minutes_x', 'prob_cold_start_before_minute_x']);
    expect(IDLE_INTERVAL_TABLE.map((r) => [r.idleMinutes, r.probColdStart])).toEqual(
      rows.map((r) => r.map(Number)),
    );
  });

  it('every runtime and profile has measurements (never a silent zero)', () => {
    for (const runtime of KNOWN_RUNTIMES) {
      for (const profile of KNOWN_RUNTIME_PROFILES) {
        for (const packaging of ['zip', 'image'] as const) {
          for (const arch of ['x86_64', 'arm64'] as const) {
            const init = defaultInit(runtime, profile, packaging, arch, 1024);
            expect(init, `${runtime} ${profile} ${packaging} ${arch}`).not.toBeNull();
            if (!runtime.startsWith('provided.')) expect(init?.fallback).toBeNull();
          }
        }
      }
    }
  });
});

describe('defaults of a minimal scenario', () => {
  it('fills every documented default', () => {
    const { scenario, warnings } = ok(MINIMAL);
    expect(warnings).toEqual([]);
    expect(scenario).toMatchObject({
      format: 1,
      name: 'scenario',
      description: '',
      seed: 1,
      region: 'us-east-1',
      durationMs: 60_000,
      account: {
        concurrentExecutions: 1000,
        unreservedMinimum: 100,
        scaling: 'per-function-2023',
        burstLimit: 3000,
      },
      platform: { idleTimeoutMs: DEFAULT_IDLE_TIMEOUT, maxLifetimeMs: 7_200_000, placement: 'newest' },
      billing: { freeTier: false, granularityMs: 1, initBilled: true, prices: {} },
      resources: [],
    });
    expect(scenario.traffic).toEqual([
      {
        name: 'api',
        target: 'api',
        targetKind: 'function',
        via: 'direct',
        mode: 'poisson',
        arrivals: {
          kind: 'phases',
          phases: [
            { name: 'phase-0', startMs: 0, durationMs: 60_000, arrivalsPerSecond: 10, rampToPerSecond: 10 },
          ],
        },
        payloadBytes: 1024,
        responseBytes: 0,
        overheadMs: { kind: 'constant', value: 0 },
        retry: { maxAttempts: 3 },
        edgeEventType: 'origin-request',
        // Only API Gateway cuts a request; REST APIs are edge-optimized unless written otherwise.
        integrationTimeoutMs: Number.POSITIVE_INFINITY,
        endpointType: 'edge',
      },
    ]);
    const row = COLD_START_TABLE.find(
      (r) => r.runtime === 'nodejs22.x' && r.packaging === 'zip' && r.arch === 'x86_64' && r.memoryMb === 128,
    );
    expect(scenario.functions).toEqual([
      {
        name: 'api',
        runtime: 'nodejs22.x',
        runtimeProfile: 'go',
        architecture: 'x86_64',
        memoryMb: 128,
        timeoutMs: 3000,
        ephemeralStorageMb: 512,
        packageType: 'zip',
        packageSizeBytes: 0,
        reservedConcurrency: null,
        provisionedConcurrency: 0,
        provisioned: { allocationMs: 60_000, schedule: [], autoScaling: null },
        vpc: null,
        snapStart: false,
        maximumRetryAttempts: 2,
        maximumEventAgeMs: 21_600_000,
        destinations: { onSuccess: null, onFailure: null },
        deadLetterQueue: null,
        recursiveLoop: 'terminate',
        events: [],
        logBytesPerInvocation: 1024,
        model: {
          initMs: {
            kind: 'piecewise',
            points: [
              { value: row?.minMs, p: 0 },
              { value: row?.p50Ms, p: 0.5 },
              { value: row?.p90Ms, p: 0.9 },
              { value: row?.p99Ms, p: 0.99 },
              { value: row?.maxMs, p: 1 },
            ],
          },
          initMeasured: true,
          // Before INIT, zip: lognormal through p50 105 ms and p97.5 400 ms (Shilkov 2021 less
          // lambda-perf INIT), no size term for a 0-byte package.
          preInitMs: {
            kind: 'lognormal',
            mu: Math.log(105),
            sigma: Math.log(400 / 105) / normalQuantile(0.975),
          },
          preInitExtraMs: 0,
          // SnapStart's restore: lognormal through p50 610 ms and p99 950 ms (used only with snapStart).
          restoreMs: { kind: 'lognormal', ...lognormalFromQuantiles(610, 950) },
          computeMs: { kind: 'constant', value: 1 },
          computeAtMb: 1769,
          threads: 1,
          // Same speed on both architectures unless measured; compute measured on the function's own.
          archSpeed: { x86_64: 1, arm64: 1 },
          computeArchitecture: 'x86_64',
          ioMs: { kind: 'constant', value: 0 },
          calls: [],
          errorRate: 0,
          perRecordComputeMs: { kind: 'constant', value: 0 },
          perRecordIoMs: { kind: 'constant', value: 0 },
        },
      },
    ]);
  });

  it('takes the name from the file name and the burst limit from the region', () => {
    const text = MINIMAL.replace('lamsim: 1', 'lamsim: 1\nregion: eu-central-1');
    const result = ok(text);
    expect(result.scenario.account.burstLimit).toBe(1000);
    expect(legacyBurstLimit('us-west-2')).toBe(3000);
    expect(legacyBurstLimit('us-east-2')).toBe(1000);
    expect(legacyBurstLimit('sa-east-1')).toBe(500);
  });

  it('defaults the idle timeout to the measured CDF (0 up to 3 min, 0.003 at 4-5, 0.406 at 6, 1 at 7)', () => {
    expect(DEFAULT_IDLE_TIMEOUT).toEqual({
      kind: 'piecewise',
      points: [
        { value: 180_000, p: 0 },
        { value: 240_000, p: 0.0030303030303030303 },
        { value: 300_000, p: 0.0030303030303030303 },
        { value: 360_000, p: 0.40606060606060607 },
        { value: 420_000, p: 1 },
      ],
    });
  });

  it('defaults an RDS proxy, a database, a NAT gateway and a secret', () => {
    const scenario = scenarioOf(yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: rds-postgres, instanceClass: db.r6g.large, query: 3ms }
        px: { type: rds-proxy, target: db }
        nat: { type: nat-gateway }
        creds: { type: secret }
    `);
    expect(scenario.resources).toEqual([
      {
        type: 'rds-postgres',
        name: 'db',
        instanceClass: 'db.r6g.large',
        vcpus: 2,
        memoryGiB: 16,
        maxConnections: 1735,
        queryMs: { kind: 'constant', value: 3 },
        connectMs: { kind: 'constant', value: 30 },
        connectionScope: 'environment',
        readers: [],
      },
      {
        type: 'rds-proxy',
        name: 'px',
        target: 'db',
        maxConnectionsFraction: 1,
        maxIdleConnectionsFraction: 0.5,
        connectionBorrowTimeoutMs: 120_000,
        pinning: 0,
        overheadMs: { kind: 'lognormal', ...lognormalFromQuantiles(1, 3) },
      },
      { type: 'nat-gateway', name: 'nat', azs: 1, latencyMs: { kind: 'constant', value: 1 } },
      { type: 'secret', name: 'creds', latencyMs: { kind: 'lognormal', ...lognormalFromQuantiles(15, 60) } },
    ]);
  });

  it('defaults maxIdleConnectionsPercent to half of maxConnectionsPercent', () => {
    const scenario = scenarioOf(yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: aurora-mysql, instanceClass: db.r6g.large, query: 3ms }
        px: { type: rds-proxy, target: db, maxConnectionsPercent: 40% }
    `);
    expect(scenario.resources[1]).toMatchObject({
      maxConnectionsFraction: 0.4,
      maxIdleConnectionsFraction: 0.2,
    });
  });

  it('derives the duration from the longest traffic source', () => {
    const scenario = scenarioOf(yaml`
      lamsim: 1
      traffic:
        - target: api
          phases: [{ duration: 1m, arrivalRate: 1 }, { pause: 30s }]
        - target: api
          phases: [{ duration: 2m, arrivalCount: 60 }]
      functions:
        api: { runtime: nodejs22.x }
    `);
    expect(scenario.durationMs).toBe(120_000);
    expect(scenario.traffic.map((t) => t.name)).toEqual(['api', 'api-2']);
  });
});

describe('default INIT from lambda-perf', () => {
  it('uses the nearest measured memory on a log scale, 1024 MB above', () => {
    expect([128, 160, 192, 256, 362, 363, 512, 1024, 1769, 10240].map(nearestMeasuredMemory)).toEqual([
      128, 128, 256, 256, 256, 512, 512, 1024, 1024, 1024,
    ]);
  });

  it('maps custom runtimes through runtimeProfile', () => {
    const init = defaultInit('provided.al2023', 'rust', 'zip', 'arm64', 512);
    expect(init?.row).toMatchObject({
      runtime: 'rust (prov.al2023)',
      packaging: 'zip',
      arch: 'arm64',
      memoryMb: 512,
    });
    expect(init?.fallback).toBeNull();
    expect(defaultInit('provided.al2', 'go', 'zip', 'x86_64', 128)?.row.runtime).toBe('go (prov.al2)');
  });

  it('falls back to the other OS, then the other architecture, then the other packaging', () => {
    expect(defaultInit('provided.al2', 'llrt', 'zip', 'arm64', 128)?.row).toMatchObject({
      runtime: 'llrt (prov.al2023)',
      arch: 'arm64',
    });
    expect(defaultInit('provided.al2', 'quarkus', 'zip', 'arm64', 128)?.row).toMatchObject({
      arch: 'x86_64',
      packaging: 'zip',
    });
    expect(defaultInit('provided.al2', 'bun-layer', 'image', 'arm64', 128)?.row).toMatchObject({
      arch: 'x86_64',
      packaging: 'zip',
    });
  });

  it('warns when a default INIT comes from a fallback row', () => {
    const { warnings } = ok(yaml`
      lamsim: 1
      duration: 1m
      functions:
        edge:
          runtime: provided.al2
          runtimeProfile: llrt
    `);
    expect(warnings.map((w) => `${w.line}:${w.col} ${w.path}: ${w.message}`)).toEqual([
      "6:21 functions.edge.runtimeProfile: default INIT uses the measurement of 'llrt (prov.al2023)' zip x86_64 (no provided.al2 + llrt zip x86_64 measurement); write model.init to override",
    ]);
  });

  it('uses the image row for container images and the arm64 row on Graviton', () => {
    const scenario = scenarioOf(yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: python3.12, packageType: image, architecture: arm64, memorySize: 2048 }
    `);
    const row = COLD_START_TABLE.find(
      (r) =>
        r.runtime === 'python3.12' && r.packaging === 'image' && r.arch === 'arm64' && r.memoryMb === 1024,
    );
    expect(scenario.functions[0].model.initMs).toEqual({
      kind: 'piecewise',
      points: [
        { value: row?.minMs, p: 0 },
        { value: row?.p50Ms, p: 0.5 },
        { value: row?.p90Ms, p: 0.9 },
        { value: row?.p99Ms, p: 0.99 },
        { value: row?.maxMs, p: 1 },
      ],
    });
  });
});

describe('README: the preInit defaults written in scenario syntax', () => {
  it('{ p50: 105ms, p99: 514ms } and { p50: 469ms, p99: 1259ms } are the lognormals through p50 and p97.5', async () => {
    const { ZIP_PRE_INIT_MS, IMAGE_PRE_INIT_MS } = await import('../../src/scenario/defaults/preInit.ts');
    const { normalQuantile } = await import('../../src/engine/index.ts');
    const p99 = (d: typeof ZIP_PRE_INIT_MS) =>
      d.kind === 'lognormal' ? Math.exp(d.mu + d.sigma * normalQuantile(0.99)) : Number.NaN;
    expect(Math.round(p99(ZIP_PRE_INIT_MS))).toBe(514);
    expect(Math.round(p99(IMAGE_PRE_INIT_MS))).toBe(1259);
  });
});
