/**
 * Lambda@Edge (traffic `via: cloudfront-edge`): viewer triggers allow at most 128 MB and 5 s, origin
 * triggers at most 30 s; no VPC, no provisioned concurrency, /tmp 512 MB, x86_64, Node.js or Python
 * runtimes (CloudFront developer guide, "Quotas on Lambda@Edge" and "Restrictions on Lambda@Edge").
 * One error per source, at its `via`, listing every setting that is not allowed.
 */
import { formatDuration } from '../quantities.ts';
import type { LambdaFunction } from '../types.ts';
import { type Rule, trusted } from './rule.ts';

export const lambdaEdgeRules: Rule = (draft, report) => {
  const byName = new Map(draft.functions.map((f) => [f.value.name, f]));
  for (const t of draft.traffic) {
    if (t.value.via !== 'cloudfront-edge' || !trusted(t.bad, 'via', 'target', 'eventType')) continue;
    const f = byName.get(t.value.target);
    if (!f) continue;
    const fn = f.value;
    const viewer = t.value.edgeEventType.startsWith('viewer');
    const maxTimeoutMs = viewer ? 5_000 : 30_000;
    const problems: string[] = [];
    if (trusted(f.bad, 'memorySize') && viewer && fn.memoryMb > 128)
      problems.push(`memorySize ${fn.memoryMb}MB (viewer triggers: 128MB at most)`);
    if (trusted(f.bad, 'timeout') && fn.timeoutMs > maxTimeoutMs)
      problems.push(
        `timeout ${formatDuration(fn.timeoutMs)} (${viewer ? 'viewer' : 'origin'} triggers: ${formatDuration(maxTimeoutMs)} at most)`,
      );
    if (fn.vpc !== null) problems.push('a vpc');
    if (hasProvisioned(fn)) problems.push('provisioned concurrency');
    if (fn.ephemeralStorageMb > 512)
      problems.push(`ephemeralStorageSize ${fn.ephemeralStorageMb}MB (512MB at most)`);
    if (fn.architecture !== 'x86_64') problems.push('architecture arm64 (x86_64 only)');
    if (trusted(f.bad, 'runtime') && !/^(nodejs|python)/.test(fn.runtime))
      problems.push(`runtime ${fn.runtime} (Node.js and Python only)`);
    if (problems.length > 0) {
      report.error(
        [...t.path, 'via'],
        `Lambda@Edge (${t.value.edgeEventType}) does not allow ${fn.name}'s ${problems.join(', ')}`,
      );
    }
  }
};

const hasProvisioned = (fn: LambdaFunction): boolean =>
  fn.provisionedConcurrency > 0 || fn.provisioned.autoScaling !== null || fn.provisioned.schedule.length > 0;
