/**
 * Synthetic CloudWatch Logs of one Lambda function, generated from known distributions by a seeded
 * generator, written in every export shape `lamsim calibrate` reads. The truth is known, so a
 * calibration can be checked against it and against the logs it came from.
 *
 * The generator is a small model of Lambda of its own (independent of src/model): arrivals are a
 * Poisson process whose rate switches between phases; each request takes the most recently created
 * idle environment (Lambda's observed placement), else creates one (a cold start: INIT drawn from a
 * lognormal, logged as Init Duration and billed, AWS's rule since 2025-08-01); handler Durations are
 * lognormal; an idle environment is reclaimed after an idle time drawn uniformly from 5-7 minutes
 * (roughly Shilkov's measured curve). Timestamps are whole milliseconds, as CloudWatch stores them.
 */
import { Rng } from '../../src/engine/index.ts';

export interface SyntheticOptions {
  readonly seed: number;
  /** Phases of constant Poisson rate, in order. */
  readonly phases: readonly { readonly minutes: number; readonly ratePerSecond: number }[];
  readonly duration: { readonly p50Ms: number; readonly sigma: number };
  /** A share of invocations drawn from a second, slower lognormal (cache misses, say). */
  readonly slow?: { readonly share: number; readonly p50Ms: number; readonly sigma: number };
  readonly init: { readonly p50Ms: number; readonly sigma: number };
  readonly memoryMb: number;
  /** Epoch ms of the first phase's start. */
  readonly startEpochMs: number;
  readonly functionName: string;
  /** Runtime version written in INIT_START, e.g. `nodejs:20.v13`. */
  readonly runtimeVersion: string;
  /**
   * Invocations that fail: a share ends in a function error (`Status: error`), a share runs into
   * the function's timeout and is stopped there, logged as Lambda logs it: `Task timed out after N
   * seconds`, Duration exactly the timeout, `Status: timeout`. None without it.
   */
  readonly failures?: {
    readonly errorShare: number;
    readonly timeoutShare: number;
    readonly timeoutMs: number;
  };
  /**
   * Environments of provisioned concurrency: initialized two minutes before the first phase (their
   * INIT_START, `initializationType: provisioned-concurrency` in the JSON format, logged then),
   * never reclaimed, and taken first when idle, as Lambda routes to provisioned environments first.
   */
  readonly provisioned?: number;
}

export interface SyntheticInvocation {
  readonly requestId: string;
  readonly stream: string;
  readonly arrivalMs: number;
  readonly initMs?: number;
  /** Whole ms (CloudWatch timestamps): START and REPORT. */
  readonly startTsMs: number;
  readonly reportTsMs: number;
  /** Logged with two decimals, as Lambda writes them. */
  readonly durationMs: number;
  readonly billedMs: number;
  readonly maxMemoryUsedMb: number;
  /** `error` or `timeout` (logged as Status); absent for a success. */
  readonly status?: 'error' | 'timeout';
  /** The first invocation on a provisioned environment: when that environment was initialized. */
  readonly provisionedInitMs?: number;
}

const Z = (rng: Rng): number => {
  // Box-Muller from two uniforms: fine for a test generator.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

const hex = (rng: Rng, digits: number): string => {
  let s = '';
  for (let i = 0; i < digits; i++) s += Math.floor(rng.next() * 16).toString(16);
  return s;
};

export function generateInvocations(o: SyntheticOptions): SyntheticInvocation[] {
  const rng = Rng.fromSeed(o.seed);
  const arrivals = rng.fork('arrivals');
  const durations = rng.fork('durations');
  const inits = rng.fork('inits');
  const idleTimes = rng.fork('idle');
  const ids = rng.fork('ids');
  const slow = rng.fork('slow');
  const outcomes = rng.fork('outcomes');
  const envs: {
    stream: string;
    createdMs: number;
    freeAtMs: number;
    reclaimAtMs: number;
    provisioned?: { initMs: number; used: boolean };
  }[] = [];
  const out: SyntheticInvocation[] = [];
  let phaseStart = o.startEpochMs;
  const day = new Date(o.startEpochMs).toISOString().slice(0, 10).replaceAll('-', '/');
  for (let i = 0; i < (o.provisioned ?? 0); i++) {
    const initMs = o.startEpochMs - 120_000;
    envs.push({
      stream: `${day}/[1]${hex(ids, 32)}`,
      createdMs: initMs,
      freeAtMs: initMs,
      reclaimAtMs: Number.POSITIVE_INFINITY,
      provisioned: { initMs, used: false },
    });
  }
  for (const phase of o.phases) {
    const end = phaseStart + phase.minutes * 60_000;
    let t = phaseStart;
    while (phase.ratePerSecond > 0) {
      t += (-Math.log(1 - arrivals.next()) / phase.ratePerSecond) * 1000;
      if (t >= end) break;
      const idle = envs.filter((e) => e.freeAtMs <= t && e.reclaimAtMs > t);
      const free = idle.find((e) => e.provisioned) ?? idle.sort((a, b) => b.createdMs - a.createdMs)[0];
      let env = free;
      let provisionedInitMs: number | undefined;
      if (env?.provisioned && !env.provisioned.used) {
        env.provisioned.used = true;
        provisionedInitMs = env.provisioned.initMs;
      }
      let initMs: number | undefined;
      if (!env) {
        initMs = Math.round(o.init.p50Ms * Math.exp(o.init.sigma * Z(inits)) * 100) / 100;
        env = { stream: `${day}/[$LATEST]${hex(ids, 32)}`, createdMs: t, freeAtMs: t, reclaimAtMs: Infinity };
        envs.push(env);
      }
      const d = o.slow && slow.next() < o.slow.share ? o.slow : o.duration;
      let durationMs = Math.round(d.p50Ms * Math.exp(d.sigma * Z(durations)) * 100) / 100;
      let status: 'error' | 'timeout' | undefined;
      if (o.failures) {
        const u = outcomes.next();
        if (u < o.failures.timeoutShare) status = 'timeout';
        else if (u < o.failures.timeoutShare + o.failures.errorShare) status = 'error';
        if (status === 'timeout' || durationMs >= o.failures.timeoutMs) {
          status = 'timeout';
          durationMs = o.failures.timeoutMs;
        }
      }
      const startTsMs = Math.round(t + (initMs ?? 0));
      const reportTsMs = Math.round(t + (initMs ?? 0) + durationMs);
      env.freeAtMs = t + (initMs ?? 0) + durationMs;
      if (!env.provisioned) env.reclaimAtMs = env.freeAtMs + (300 + 120 * idleTimes.next()) * 1000;
      out.push({
        requestId: `${hex(ids, 8)}-${hex(ids, 4)}-${hex(ids, 4)}-${hex(ids, 4)}-${hex(ids, 12)}`,
        stream: env.stream,
        arrivalMs: t,
        ...(initMs !== undefined ? { initMs } : {}),
        startTsMs,
        reportTsMs,
        durationMs,
        billedMs: Math.ceil(durationMs + (initMs ?? 0)),
        maxMemoryUsedMb: 60 + Math.floor(ids.next() * 20),
        ...(status ? { status } : {}),
        ...(provisionedInitMs !== undefined ? { provisionedInitMs } : {}),
      });
    }
    phaseStart = end;
  }
  return out;
}

interface Event {
  readonly timestamp: number;
  readonly message: string;
  readonly logStreamName: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The log events of the invocations in Lambda's text format (with START, END, an app line, INIT_START). */
export function textEvents(
  invs: readonly SyntheticInvocation[],
  o: SyntheticOptions,
  withStart = true,
): Event[] {
  const events: Event[] = [];
  for (const v of invs) {
    const s = v.stream;
    if (v.initMs !== undefined || v.provisionedInitMs !== undefined) {
      events.push({
        timestamp: Math.round(v.provisionedInitMs ?? v.arrivalMs),
        message: `INIT_START Runtime Version: ${o.runtimeVersion}\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123abcd\n`,
        logStreamName: s,
      });
    }
    if (withStart) {
      events.push({
        timestamp: v.startTsMs,
        message: `START RequestId: ${v.requestId} Version: $LATEST\n`,
        logStreamName: s,
      });
      events.push({
        timestamp: v.startTsMs,
        message: `${iso(v.startTsMs)}\t${v.requestId}\tINFO\thandling order\n`,
        logStreamName: s,
      });
      if (v.status === 'timeout') {
        events.push({
          timestamp: v.reportTsMs,
          message: `${iso(v.reportTsMs)} ${v.requestId} Task timed out after ${(v.durationMs / 1000).toFixed(2)} seconds\n`,
          logStreamName: s,
        });
      }
      events.push({ timestamp: v.reportTsMs, message: `END RequestId: ${v.requestId}\n`, logStreamName: s });
    }
    const init = v.initMs !== undefined ? `\tInit Duration: ${v.initMs.toFixed(2)} ms` : '';
    const status = v.status ? `\tStatus: ${v.status}` : '';
    events.push({
      timestamp: v.reportTsMs,
      message:
        `REPORT RequestId: ${v.requestId}\tDuration: ${v.durationMs.toFixed(2)} ms\tBilled Duration: ${v.billedMs} ms\t` +
        `Memory Size: ${o.memoryMb} MB\tMax Memory Used: ${v.maxMemoryUsedMb} MB${init}${status}\t\n`,
      logStreamName: s,
    });
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** The same in Lambda's JSON log format (platform.initStart, platform.start, platform.report). */
export function jsonEvents(invs: readonly SyntheticInvocation[], o: SyntheticOptions): Event[] {
  const events: Event[] = [];
  for (const v of invs) {
    const s = v.stream;
    if (v.initMs !== undefined || v.provisionedInitMs !== undefined) {
      const at = Math.round(v.provisionedInitMs ?? v.arrivalMs);
      events.push({
        timestamp: at,
        message: JSON.stringify({
          time: iso(at),
          type: 'platform.initStart',
          record: {
            initializationType: v.provisionedInitMs !== undefined ? 'provisioned-concurrency' : 'on-demand',
            phase: 'init',
            runtimeVersion: o.runtimeVersion,
            functionName: o.functionName,
            functionVersion: '$LATEST',
          },
        }),
        logStreamName: s,
      });
    }
    events.push({
      timestamp: v.startTsMs,
      message: JSON.stringify({
        time: iso(v.startTsMs),
        type: 'platform.start',
        record: { requestId: v.requestId, version: '$LATEST' },
      }),
      logStreamName: s,
    });
    events.push({
      timestamp: v.reportTsMs,
      message: JSON.stringify({
        time: iso(v.reportTsMs),
        type: 'platform.report',
        record: {
          requestId: v.requestId,
          metrics: {
            durationMs: v.durationMs,
            billedDurationMs: v.billedMs,
            memorySizeMB: o.memoryMb,
            maxMemoryUsedMB: v.maxMemoryUsedMb,
            ...(v.initMs !== undefined ? { initDurationMs: v.initMs } : {}),
          },
          status: v.status ?? 'success',
        },
      }),
      logStreamName: s,
    });
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** `aws logs filter-log-events` output (pretty-printed like the CLI, 4-space indent). */
export function filterLogEventsJson(events: readonly Event[]): string {
  const streams = [...new Set(events.map((e) => e.logStreamName))];
  return JSON.stringify(
    {
      events: events.map((e, i) => ({
        logStreamName: e.logStreamName,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.timestamp + 40,
        eventId: String(37000000000000000000000000000000000000000000000000000000n + BigInt(i)),
      })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s, searchedCompletely: true })),
    },
    null,
    4,
  );
}

/** `aws logs tail GROUP --format detailed`: `<ISO time with microseconds and +00:00> <stream> <message>`. */
export function tailDetailed(events: readonly Event[]): string {
  return events
    .map((e) => `${iso(e.timestamp).replace('Z', '000+00:00')} ${e.logStreamName} ${e.message.trimEnd()}`)
    .join('\n');
}

/** `aws logs tail GROUP --format short`: `<ISO time, whole seconds> <message>`. */
export function tailShort(events: readonly Event[]): string {
  return events.map((e) => `${iso(e.timestamp).slice(0, 19)} ${e.message.trimEnd()}`).join('\n');
}

/** One log event object per line (`jq -c '.events[]'`). */
export function eventJsonLines(events: readonly Event[]): string {
  return events
    .map((e) =>
      JSON.stringify({ timestamp: e.timestamp, message: e.message, logStreamName: e.logStreamName }),
    )
    .join('\n');
}

/** Lambda JSON-format records, one per line, without an envelope (a copy of the messages). */
export function recordJsonLines(events: readonly Event[]): string {
  return events.map((e) => e.message).join('\n');
}

/** A Logs Insights CSV export with `@timestamp,@logStream,@log,@message`. */
export function insightsCsv(events: readonly Event[], functionName: string): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const rows = events.map(
    (e) =>
      `${iso(e.timestamp).replace('T', ' ').replace('Z', '')},${e.logStreamName},123456789012:/aws/lambda/${functionName},${q(e.message)}`,
  );
  return `@timestamp,@logStream,@log,@message\n${rows.join('\n')}\n`;
}

/**
 * Subscription-filter payloads as Kinesis Data Firehose writes them to S3: one payload per log
 * stream and up to `perPayload` events, concatenated with `separator` ('' or '\n').
 */
export function firehosePayloads(
  events: readonly Event[],
  functionName: string,
  separator: string,
  perPayload = 50,
): string {
  const payloads: string[] = [
    JSON.stringify({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logEvents: [] }),
  ];
  const byStream = new Map<string, Event[]>();
  for (const e of events) byStream.set(e.logStreamName, [...(byStream.get(e.logStreamName) ?? []), e]);
  let id = 0;
  for (const [stream, list] of byStream) {
    for (let i = 0; i < list.length; i += perPayload) {
      payloads.push(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          owner: '123456789012',
          logGroup: `/aws/lambda/${functionName}`,
          logStream: stream,
          subscriptionFilters: ['to-firehose'],
          logEvents: list.slice(i, i + perPayload).map((e) => ({
            id: String(id++),
            timestamp: e.timestamp,
            message: e.message,
          })),
        }),
      );
    }
  }
  return payloads.join(separator);
}

const insightsTime = (ms: number): string => iso(ms).replace('T', ' ').replace('Z', '');

/** Logs Insights "Download table (JSON)": rows of `@timestamp`, `@message`, `@logStream`, `@log`. */
export function insightsJson(events: readonly Event[], functionName: string): string {
  return JSON.stringify(
    events.map((e) => ({
      '@timestamp': insightsTime(e.timestamp),
      '@message': e.message,
      '@logStream': e.logStreamName,
      '@log': `123456789012:/aws/lambda/${functionName}`,
    })),
    null,
    2,
  );
}

/** `aws logs get-query-results`: rows as lists of `{ field, value }`. */
export function queryResults(events: readonly Event[], functionName: string): string {
  return JSON.stringify(
    {
      results: events.map((e) => [
        { field: '@timestamp', value: insightsTime(e.timestamp) },
        { field: '@message', value: e.message },
        { field: '@logStream', value: e.logStreamName },
        { field: '@log', value: `123456789012:/aws/lambda/${functionName}` },
        { field: '@ptr', value: 'Cm0KLAoo' },
      ]),
      statistics: { recordsMatched: events.length, recordsScanned: events.length, bytesScanned: 1 },
      status: 'Complete',
    },
    null,
    4,
  );
}

/**
 * A Logs Insights CSV of the usual REPORT query (`filter @type = "REPORT" | fields @timestamp,
 * @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration`): memory in
 * bytes, as Lambda's discovered fields give it.
 */
export function insightsReportFields(invs: readonly SyntheticInvocation[], o: SyntheticOptions): string {
  const rows = invs.map((v) =>
    [
      insightsTime(v.reportTsMs),
      v.requestId,
      v.durationMs.toFixed(2),
      v.billedMs,
      o.memoryMb * 1e6,
      v.maxMemoryUsedMb * 1e6,
      v.initMs !== undefined ? v.initMs.toFixed(2) : '',
    ].join(','),
  );
  return `@timestamp,@requestId,@duration,@billedDuration,@memorySize,@maxMemoryUsed,@initDuration\n${rows.join('\n')}\n`;
}

/** `aws logs get-log-events` of one log stream: its events name no stream; paging tokens. */
export function getLogEventsJson(events: readonly Event[]): string {
  return JSON.stringify(
    {
      events: events.map((e) => ({
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.timestamp + 40,
      })),
      nextForwardToken: 'f/38000000000000000000000000000000000000000000000000000000',
      nextBackwardToken: 'b/37000000000000000000000000000000000000000000000000000000',
    },
    null,
    4,
  );
}
