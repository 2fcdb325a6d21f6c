/**
 * What a cold start costs the caller before INIT: placing the execution environment, fetching and
 * unpacking the code (or the image's first layers), starting the sandbox. Lambda reports none of it:
 * `Init Duration` starts when the runtime does, so it is a lower bound of the cold start a caller
 * waits for. Not billed (only INIT and the handler are).
 *
 * Default of `model.preInit`, from client-side measurements (warm-adjusted cold-start latency:
 * Mikhail Shilkov, mikhailshilkov/mikhailio-hugo `data/coldstart_aws_*.json`, published at
 * mikhail.io/serverless/coldstarts/aws/, data of January 2021, MIT (c) 2019 Mikhail Shilkov; his
 * method subtracts the warm response time, so the gateway and the network are out) minus the INIT
 * the runtime itself reports (maxday/lambda-perf, Apache-2.0: its January 2023 snapshot, the oldest
 * it has, for the 2021 runtimes; its 2026 data for the image/zip gap):
 *
 * - zip: JavaScript 264 ms - nodejs16 INIT 157 ms = 107 ms; Python 215 ms - python3.9 INIT 111 ms
 *   = 104 ms: lognormal through p50 = 105 ms. Its tail: the client-side p97.5 is 331 ms (JS) and
 *   315 ms (Python) above the median while INIT's own p97.5-p50 is about 30 ms (lambda-perf), so
 *   p97.5 = 105 + 295 = 400 ms.
 * - image: Shilkov's minimal container image 795 ms (p97.5 1,404 ms) less the zip function's 264 ms
 *   gives 531 ms more than zip, of which lambda-perf's image INIT already shows 167 ms (nodejs22
 *   image 304 ms vs zip 137 ms): p50 = 105 + 531 - 167 = 469 ms, p97.5 = 469 + 609 = 1,078 ms.
 *   Image size barely matters (+100 MB: +73 ms, +5 GB: +23 ms: images load lazily), so no size
 *   term. ⚠ measured in 2021, before AWS's lazy-loading work on container images (Brooker et al.,
 *   USENIX ATC '23), which likely shortened it.
 * - zip package size: Shilkov's JavaScript functions with 14 MB and 35 MB of zipped dependencies
 *   start 1.43 s and 3.61 s later than with 1 KB: 102-103 ms per zipped MB, nearly the same at
 *   every memory size (not CPU-bound), so lamsim adds 103 ms per MB of `packageSize` here.
 *   ⚠ some of that may be loading the modules, which Lambda would report inside Init Duration:
 *   when a measured `init` already includes it, write `model.preInit` instead.
 * - SnapStart: the restore replaces the code download; the placement part (the zip p50) stays,
 *   without the size term.
 */
import type { DistSpec } from '../../engine/index.ts';
import { normalQuantile } from '../../engine/index.ts';
import type { PackageType } from '../types.ts';

/** The lognormal through a median and a 97.5th percentile (ms). */
const lognormal975 = (p50Ms: number, p975Ms: number): DistSpec => ({
  kind: 'lognormal',
  mu: Math.log(p50Ms),
  sigma: Math.log(p975Ms / p50Ms) / normalQuantile(0.975),
});

/** Before INIT of a zip package of (almost) no size: placement, download, sandbox (ms). */
export const ZIP_PRE_INIT_MS: DistSpec = lognormal975(105, 400);
/** Before INIT of a container image of any size (ms). */
export const IMAGE_PRE_INIT_MS: DistSpec = lognormal975(469, 1078);
/** Added per MB (2^20 bytes) of zipped package, ms (Shilkov 2021: 14 MB +1.43 s, 35 MB +3.61 s). */
export const PRE_INIT_MS_PER_ZIP_MB = 103;

export interface PreInitDefault {
  readonly distribution: DistSpec;
  /** Added to every draw: the package-size term (ms). */
  readonly extraMs: number;
}

/** The default part before INIT for a package of this type and size. */
export function defaultPreInit(
  packageType: PackageType,
  packageSizeBytes: number,
  snapStart: boolean,
): PreInitDefault {
  if (packageType === 'image') return { distribution: IMAGE_PRE_INIT_MS, extraMs: 0 };
  const extraMs = snapStart ? 0 : (PRE_INIT_MS_PER_ZIP_MB * packageSizeBytes) / 2 ** 20;
  return { distribution: ZIP_PRE_INIT_MS, extraMs };
}
