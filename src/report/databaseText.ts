/**
 * What a database's `query` means, in words, for `validate`'s warning when the traffic's peak
 * asks more of the instance's vCPUs than it has (experiments/databaseLoad.ts). Pure.
 */

import { decimalText } from '../decimalText.ts';
import type { DatabaseSaturation } from '../experiments/index.ts';
import { formatCount, formatMs } from './format.ts';

const round1 = (x: number) => decimalText(Math.round(x * 10) / 10);

export function databaseSaturationText(s: DatabaseSaturation): string {
  return (
    `at the traffic's peak the queries need about ${round1(s.demandVcpus)} vCPUs ` +
    `(${formatCount(Math.round(s.queriesPerSecond))} queries/s x ${formatMs(s.meanQueryMs)} mean query time) ` +
    `but ${s.instanceClass} has ${s.vcpus}: \`query\` is CPU time on the instance's vCPUs, shared by ` +
    `the running queries (processor sharing), so at this load queries arrive faster than the ` +
    `instance can run them, every running query slows down as more join, and they hold their ` +
    `connections longer until connections run out; a larger instance class or fewer or shorter ` +
    `queries fix it (counted from traffic that invokes functions directly: queues, streams and ` +
    `calls between functions add to it)`
  );
}
