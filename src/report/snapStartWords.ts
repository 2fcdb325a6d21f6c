/**
 * What a function's cold starts ran, as the reports name it: `INIT`, or `restore` when every cold
 * start restored a SnapStart snapshot (its REPORT log line gives a Restore Duration instead of an
 * Init Duration: Lambda developer guide, "snapstart-monitoring"), or `INIT or restore` when some
 * did (summary.json counts them as `snapStartRestores`). Pure.
 */
import type { FunctionSummary } from '../results/index.ts';
import { formatCount } from './format.ts';

export function coldStartPhase(f: Pick<FunctionSummary, 'coldStarts' | 'snapStartRestores'>): string {
  if (f.snapStartRestores === 0) return 'INIT';
  return f.snapStartRestores >= f.coldStarts ? 'restore' : 'INIT or restore';
}

/** `; SnapStart restores` (every cold start), `; 2 SnapStart restores` (some), or nothing. */
export function restoresNote(f: Pick<FunctionSummary, 'coldStarts' | 'snapStartRestores'>): string {
  if (f.snapStartRestores === 0) return '';
  return f.snapStartRestores >= f.coldStarts
    ? '; SnapStart restores'
    : `; ${formatCount(f.snapStartRestores)} SnapStart restores`;
}
