/**
 * SnapStart (AWS docs snapstart.html, read 2026-11): cold starts resume a cached snapshot of an
 * initialised environment instead of running INIT. Managed runtimes Java 11+, Python 3.12+ and
 * .NET 8+, or a container image (rules/snapStart.ts); not provisioned concurrency, EFS, or
 * ephemeral storage over 512 MB.
 *
 * Default restore time: maxday/lambda-perf's SnapStart hello-world runs (2024-06-11, x86_64 zip,
 * https://github.com/maxday/lambda-perf) averaged 559-673 ms for java11/17/21; the median is set in that range and the
 * p99 tail is an assumption (⚠), as is using the Java figure for Python and .NET (no data).
 */
import type { DistSpec } from '../../engine/index.ts';
import { lognormalFromQuantiles } from '../../engine/index.ts';

export const DEFAULT_RESTORE_MS: DistSpec = { kind: 'lognormal', ...lognormalFromQuantiles(610, 950) };

const VERSIONED = /^(java|python|dotnet)(\d+)(?:\.(\d+))?/;

/** Whether a managed runtime supports SnapStart: java11+, python3.12+, dotnet8+. */
export function supportsSnapStart(runtime: string): boolean {
  const m = VERSIONED.exec(runtime);
  if (!m) return false;
  const major = Number(m[2]);
  const minor = Number(m[3] ?? 0);
  if (m[1] === 'java') return major >= 11;
  if (m[1] === 'python') return major > 3 || (major === 3 && minor >= 12);
  return major >= 8;
}
