/** Reads Chart.js's UMD build, the copy report.html inlines. The only read of node_modules. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The text of node_modules/chart.js/dist/chart.umd.js (the package's `main` sits beside it). */
export function chartJsUmdSource(): string {
  if (cached === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    cached = readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8');
  }
  return cached;
}
