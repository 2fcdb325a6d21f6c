/**
 * Lambda@Edge functions (traffic via cloudfront-edge) keep no provisioned concurrency: CloudFront
 * invokes the numbered version it replicates to its edge locations, and Lambda@Edge does not support
 * provisioned concurrency (CloudFront developer guide, "Restrictions on Lambda@Edge"), so what the
 * template configures on the function's alias never serves an edge request. AWS's own SAM sample
 * sets it through Globals; the import drops it, with a warning at the template line and a note,
 * rather than writing a scenario lamsim refuses.
 */
import type { StackBuilder } from './stackBuilder.ts';

export function dropEdgeProvisioned(b: StackBuilder): void {
  for (const t of b.traffic) {
    if (t.via !== 'cloudfront-edge') continue;
    const fn = b.functions.get(t.target);
    if (fn === undefined || fn.written.provisionedConcurrency === undefined) continue;
    const where = fn.origins.get('provisionedConcurrency') ?? fn.where;
    delete fn.written.provisionedConcurrency;
    fn.origins.delete('provisionedConcurrency');
    const why =
      'CloudFront invokes it as Lambda@Edge (a numbered version replicated to edge locations), which does not support provisioned concurrency';
    b.notes.push(`${fn.name}: its provisioned concurrency is dropped: ${why}.`);
    b.warning(where, ['functions', fn.name, 'provisionedConcurrency'], `dropped: ${why}`);
  }
}
