/**
 * Single-setting limits checked after unit conversion (Lambda quotas https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html,
 * PutFunctionEventInvokeConfig, RDS Proxy ConnectionPoolConfiguration):
 * memory 128..10240 MB in 1 MB steps; timeout 1..900 s in whole seconds; /tmp 512..10240 MB;
 * computeAt 128..10240 MB; maximumEventAge 60 s..6 h; positive durations (phases: ../normalize/traffic.ts); RDS Proxy percentages and
 * borrow timeout; Aurora instance classes; runtimeProfile only on custom runtimes; payload limits.
 */

import { auroraSupports } from '../defaults/maxConnections.ts';
import { isCustomRuntime, KNOWN_RUNTIME_PROFILES } from '../defaults/runtimes.ts';
import { PAYLOAD_LIMIT_BYTES } from '../defaults/vias.ts';
import type { Path } from '../issues.ts';
import type { Reporter } from '../normalize/context.ts';
import { formatDuration, formatPercentExact, formatSize } from '../quantities.ts';
import { type Rule, trusted } from './rule.ts';

const MAX_TIMEOUT_MS = 900_000;
/** RDS API ConnectionPoolConfiguration.ConnectionBorrowTimeout: 0..300 seconds. */
const MAX_CONNECTION_BORROW_TIMEOUT_MS = 300_000;

function mbRange(report: Reporter, path: Path, mb: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(mb)) {
    report.error(
      path,
      `${what} ${Number(mb.toPrecision(12))}MB is not a whole number of MB: use 1 MB steps from ${min}MB to ${max}MB`,
    );
  } else if (mb < min || mb > max) {
    report.error(path, `${what} ${mb}MB is outside ${min}MB..${max}MB`);
  }
}

export const limitRules: Rule = (draft, report) => {
  for (const f of draft.functions) {
    const fn = f.value;
    const at = (...keys: (string | number)[]): Path => [...f.path, ...keys];
    if (trusted(f.bad, 'memorySize'))
      mbRange(report, at('memorySize'), fn.memoryMb, 128, 10240, 'memorySize');
    if (trusted(f.bad, 'ephemeralStorageSize')) {
      mbRange(report, at('ephemeralStorageSize'), fn.ephemeralStorageMb, 512, 10240, 'ephemeralStorageSize');
    }
    if (trusted(f.bad, 'model.computeAt'))
      mbRange(report, at('model', 'computeAt'), fn.model.computeAtMb, 128, 10240, 'computeAt');
    if (trusted(f.bad, 'timeout')) {
      if (fn.timeoutMs <= 0) report.error(at('timeout'), 'timeout must be above 0 (at most 900s)');
      else if (fn.timeoutMs % 1000 !== 0) {
        // CreateFunction's Timeout is an integer number of seconds.
        report.error(
          at('timeout'),
          `timeout ${formatDuration(fn.timeoutMs)} is not a whole number of seconds: Lambda takes 1s..900s in 1 s steps`,
        );
      } else if (fn.timeoutMs > MAX_TIMEOUT_MS) {
        report.error(
          at('timeout'),
          `timeout ${formatDuration(fn.timeoutMs)} is above Lambda's maximum of 900s (15m)`,
        );
      }
    }
    if (
      trusted(f.bad, 'maximumEventAge') &&
      (fn.maximumEventAgeMs < 60_000 || fn.maximumEventAgeMs > 21_600_000)
    ) {
      report.error(
        at('maximumEventAge'),
        `maximumEventAge ${formatDuration(fn.maximumEventAgeMs)} is outside 60s..6h`,
      );
    }
    if (
      f.runtimeProfileWritten &&
      trusted(f.bad, 'runtime', 'runtimeProfile') &&
      !isCustomRuntime(fn.runtime)
    ) {
      report.error(
        at('runtimeProfile'),
        `runtimeProfile applies to custom runtimes (provided.al2, provided.al2023), not ${fn.runtime}; profiles: ${KNOWN_RUNTIME_PROFILES.join(', ')}`,
      );
    }
  }

  if (!draft.top.bad.has('duration')) {
    if (draft.durationWritten && draft.top.value.durationMs <= 0)
      report.error(['duration'], 'duration must be above 0');
    if (!draft.durationWritten && draft.traffic.length === 0) {
      report.error(
        ['duration'],
        "missing required key 'duration': there is no traffic to take it from (e.g. duration: 30m)",
      );
    }
  }
  if (!draft.platform.bad.has('maxLifetime') && draft.platform.value.maxLifetimeMs <= 0) {
    report.error(['platform', 'maxLifetime'], 'maxLifetime must be above 0 (or off)');
  }

  for (const t of draft.traffic) {
    if (trusted(t.bad, 'payload', 'via')) {
      const limit = PAYLOAD_LIMIT_BYTES[t.value.via];
      if (t.value.payloadBytes > limit) {
        report.error(
          [...t.path, 'payload'],
          `payload ${formatSize(t.value.payloadBytes)} is above the ${formatSize(limit)} limit of via ${t.value.via}`,
        );
      }
    }
  }

  for (const r of draft.resources) {
    const res = r.value;
    const at = (key: string): Path => [...r.path, key];
    if (res.type === 'rds-proxy') {
      const max = res.maxConnectionsFraction;
      const maxOk = trusted(r.bad, 'maxConnectionsPercent');
      if (maxOk && (max < 0.01 || max > 1)) {
        report.error(
          at('maxConnectionsPercent'),
          `maxConnectionsPercent ${formatPercentExact(max)} is outside 1%..100%`,
        );
      }
      const idle = res.maxIdleConnectionsFraction;
      if (maxOk && trusted(r.bad, 'maxIdleConnectionsPercent') && (idle < 0 || idle > max)) {
        report.error(
          at('maxIdleConnectionsPercent'),
          `maxIdleConnectionsPercent ${formatPercentExact(idle)} is outside 0%..maxConnectionsPercent (${formatPercentExact(max)})`,
        );
      }
      // RDS API ConnectionPoolConfiguration.ConnectionBorrowTimeout: "Must be between 0 and 300"
      // seconds (it was 1..3600, 0 = unlimited, in earlier versions of the API reference).
      if (
        trusted(r.bad, 'connectionBorrowTimeout') &&
        res.connectionBorrowTimeoutMs > MAX_CONNECTION_BORROW_TIMEOUT_MS
      ) {
        report.error(
          at('connectionBorrowTimeout'),
          `connectionBorrowTimeout ${formatDuration(res.connectionBorrowTimeoutMs)} is outside 0s..300s (the RDS API's range)`,
        );
      }
    } else if (
      'instanceClass' in res &&
      trusted(r.bad, 'instanceClass') &&
      !auroraSupports(res.type, res.instanceClass)
    ) {
      report.error(
        at('instanceClass'),
        `${res.type} does not run on ${res.instanceClass}: use a memory-optimised class (db.r5/r6g/r7g...) or db.t3/db.t4g medium or large`,
      );
    }
    if ('readers' in res && trusted(r.bad, 'readers') && res.readers.length > 0) {
      if (res.type === 'rds-postgres' || res.type === 'rds-mysql') {
        report.error(
          at('readers'),
          `readers are instances of an Aurora cluster: ${res.type} has none (use aurora-postgresql or aurora-mysql)`,
        );
      } else {
        res.readers.forEach((reader, i) => {
          if (!auroraSupports(res.type, reader.instanceClass))
            report.error(
              [...at('readers'), i],
              `${res.type} does not run on ${reader.instanceClass}: use a memory-optimised class (db.r5/r6g/r7g...) or db.t3/db.t4g medium or large`,
            );
        });
      }
    }
  }
};
