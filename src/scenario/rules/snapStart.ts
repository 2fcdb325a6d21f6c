/**
 * SnapStart's supported configurations.
 *
 * - A zip package needs a managed runtime Java 11+, Python 3.12+ or .NET 8+ (AWS docs snapstart.html,
 *   "Supported features and limitations").
 * - A container image may use SnapStart with any language (AWS docs
 *   snapstart-runtime-hooks-custom.html, "Implementing SnapStart hooks for container images", read
 *   2026-12): Lambda's base images for Java 11+, Python 3.12+ and .NET 8+ coordinate the snapshot
 *   lifecycle themselves; any other image (its own base, a runtime interface client, Lambda's
 *   provided.al2023, Node.js or Ruby base images) must run the hooks (GET /runtime/restore/next) or
 *   set `LABEL com.amazonaws.lambda.feature.snapstart="Allow"`, else publishing the version fails.
 *   lamsim cannot see the image, so that case is a warning, not an error: an image's runtime is
 *   often `lamsim import`'s guess from its tag.
 * - Neither with provisioned concurrency nor with ephemeral storage above 512 MB (snapstart.html).
 */
import { supportsSnapStart } from '../defaults/snapStart.ts';
import { type Rule, trusted } from './rule.ts';

export const snapStartRules: Rule = (draft, report) => {
  for (const f of draft.functions) {
    const fn = f.value;
    if (!trusted(f.bad, 'snapStart')) continue;
    const at = [...f.path, 'snapStart'];
    if (!fn.snapStart) continue;
    const image = trusted(f.bad, 'packageType') && fn.packageType === 'image';
    if (trusted(f.bad, 'runtime') && !supportsSnapStart(fn.runtime)) {
      if (!image && trusted(f.bad, 'packageType')) {
        report.error(
          at,
          `SnapStart does not support ${fn.runtime} in a zip package: it needs a managed runtime Java 11+, Python 3.12+ or .NET 8+ (or a container image)`,
        );
      } else if (image) {
        report.warning(
          at,
          `SnapStart on a container image of ${fn.runtime}: AWS supports it only if the image runs SnapStart's runtime hooks or its Dockerfile sets LABEL com.amazonaws.lambda.feature.snapstart="Allow" (else publishing the version fails); Lambda's base images for Java 11+, Python 3.12+ and .NET 8+ need neither`,
        );
      }
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
