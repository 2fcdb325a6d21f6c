/** What `lamsim calibrate` prints on stdout: the files written and what each fit found. */
import type { Calibration, DistributionFit } from '../../calibrate/index.ts';
import { formatCount, formatCounted, formatMs } from '../format.ts';

function fitText(fit: DistributionFit): string {
  const n = formatCount(fit.sorted.length);
  const sample = `p50 ${formatMs(fit.p50Ms)}, p99 ${formatMs(fit.p99Ms)} over ${n}`;
  const ks =
    fit.ksDistance !== undefined && fit.ksCritical !== undefined
      ? `, lognormal KS ${fit.ksDistance.toFixed(4)} vs ${fit.ksCritical.toFixed(4)} at 5%`
      : '';
  return `${fit.kind} (${sample}${ks})`;
}

export function calibrationText(c: Calibration, written: readonly string[]): string {
  const o = c.observed;
  const lines = [
    `lamsim calibrate: ${c.functionName}, ${formatCounted(o.invocations, 'invocation')}, ${formatCounted(o.coldStarts, 'cold start')}`,
    '',
    `  memory      ${o.memoryMb} MB`,
    `  runtime     ${c.runtime.id} (${c.runtime.from})`,
    `  duration    ${fitText(c.duration)}`,
    ...(c.init ? [`  init        ${fitText(c.init)}`] : []),
    ...(c.restore ? [`  restore     ${fitText(c.restore)}`] : []),
    `  traffic     ${c.phases ? `${c.phases.length} phases fitted to the per-minute counts` : `the ${formatCount(o.invocations)} arrivals replayed`}`,
    '',
    `  wrote       ${written.join('\n              ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
