/**
 * The figures `lamsim diff` compares, read from one run's summary: the monthly bill by line item and
 * in total, per function latency p50/p99, throttle, error and cold-start rates and peak
 * concurrency, per resource peak database connections, connection errors, proxy borrow waits and
 * queue age. Pure; a figure is identified by a stable `id` so runs can be paired.
 */
import type { Summary } from '../../results/index.ts';
import { measure } from '../slo.ts';

export type MeasureUnit = 'usd' | 'ms' | 'fraction' | 'count';

/** Which way is an improvement: `lower` (cost, latency, errors), or `none` (peak concurrency). */
export type Better = 'lower' | 'none';

export interface MeasureKey {
  /** `cost:<service>:<item>`, `cost:total`, `function:<name>:<measure>`, `resource:<name>:<measure>`. */
  readonly id: string;
  readonly scope: 'cost' | 'function' | 'resource';
  /** The function or resource name; for cost, the service (`total` for the total). */
  readonly subject: string;
  /** The measure's name: a bill item, or one of the names below. */
  readonly measure: string;
  readonly unit: MeasureUnit;
  readonly better: Better;
}

export interface MeasureValue extends MeasureKey {
  readonly value: number;
}

/** A figure of a function or a resource (`function:<name>:<measure>`, `resource:<name>:<measure>`). */
const figure =
  (scope: 'function' | 'resource') =>
  (
    subject: string,
    measure: string,
    unit: MeasureUnit,
    value: number,
    better: Better = 'lower',
  ): MeasureValue => ({
    id: `${scope}:${subject}:${measure}`,
    scope,
    subject,
    measure,
    unit,
    better,
    value,
  });
const fn = figure('function');
const res = figure('resource');

/** Every compared figure of a run, in a fixed order: cost lines, total, functions, resources. */
export function diffMeasures(summary: Summary): MeasureValue[] {
  const out: MeasureValue[] = [];
  for (const line of summary.cost.monthly.lines) {
    out.push({
      id: `cost:${line.service}:${line.item}`,
      scope: 'cost',
      subject: line.service,
      measure: line.item,
      unit: 'usd',
      better: 'lower',
      value: line.usd,
    });
  }
  out.push({
    id: 'cost:total',
    scope: 'cost',
    subject: 'total',
    measure: 'monthly total',
    unit: 'usd',
    better: 'lower',
    value: summary.cost.monthly.totalUsd,
  });
  for (const [name, f] of Object.entries(summary.functions)) {
    out.push(
      fn(name, 'latencyP50Ms', 'ms', f.latencyMs.p50),
      fn(name, 'latencyP99Ms', 'ms', f.latencyMs.p99),
      fn(name, 'throttleRate', 'fraction', f.throttleRate),
      fn(name, 'errorRate', 'fraction', measure('errorRate', summary, name) ?? 0),
      fn(name, 'coldStartRate', 'fraction', f.coldStartRate),
      fn(name, 'peakConcurrency', 'count', f.concurrency.peak, 'none'),
    );
    if (f.async) out.push(fn(name, 'queueAgeMs', 'ms', f.async.eventAgeMs.max));
  }
  for (const [name, r] of Object.entries(summary.resources)) {
    if ('connectionErrors' in r) {
      out.push(
        res(name, 'peakConnections', 'count', r.peakConnections, 'none'),
        res(name, 'connectionErrors', 'count', r.connectionErrors),
      );
    } else if (r.type === 'rds-proxy') {
      out.push(
        res(name, 'peakClientConnections', 'count', r.peakClientConnections, 'none'),
        res(name, 'borrowWaits', 'count', r.borrowWaits),
        res(name, 'meanBorrowWaitMs', 'ms', r.meanBorrowWaitMs),
        res(name, 'meanWaitWhenWaitedMs', 'ms', r.meanWaitWhenWaitedMs),
        res(name, 'borrowTimeouts', 'count', r.borrowTimeouts),
      );
    }
    if ('maxAgeMs' in r) out.push(res(name, 'queueAgeMs', 'ms', r.maxAgeMs));
  }
  return out;
}
