/**
 * SnapStart's supported configurations (AWS docs snapstart.html): managed runtimes Java 11+,
 * Python 3.12+ and .NET 8+ only; not container images; not with provisioned concurrency; not with
 * ephemeral storage above 512 MB.
 */
import { supportsSnapStart } from '../defaults/snapStart.ts';
import { type Rule, trusted } from './rule.ts';

export const snapStartRules: Rule = (draft, report) => {
  for (const f of draft.functions) {
    const fn = f.value;
    if (!trusted(f.bad, 'snapStart')) continue;
    const at = [...f.path, 'snapStart'];
    if (!fn.snapStart) continue;
    if (trusted(f.bad, 'runtime') && !supportsSnapStart(fn.runtime)) {
      report.error(
        at,
        `SnapStart does not support ${fn.runtime}: it needs a managed runtime Java 11+, Python 3.12+ or .NET 8+`,
      );
    }
    if (trusted(f.bad, 'packageType') && fn.packageType === 'image') {
      report.error(at, 'SnapStart does not support container images: use packageType zip');
    }
    if (
      trusted(f.bad, 'provisionedConcurrency') &&
      (fn.provisionedConcurrency > 0 ||
        fn.provisioned.schedule.length > 0 ||
        fn.provisioned.autoScaling !== null)
    ) {
      report.error(
        at,
        'SnapStart and provisioned concurrency cannot be used on the same function: choose one',
      );
    }
    if (trusted(f.bad, 'ephemeralStorageSize') && fn.ephemeralStorageMb > 512) {
      report.error(at, `SnapStart supports ephemeral storage up to 512MB, not ${fn.ephemeralStorageMb}MB`);
    }
  }
};
