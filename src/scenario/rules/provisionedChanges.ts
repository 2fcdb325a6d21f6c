/**
 * Provisioned concurrency over time (Application Auto Scaling for Lambda): auto scaling's minimum is
 * at most its maximum and its target utilisation 1%..100%; scheduled actions end after they start;
 * no level (scheduled or the auto-scaling maximum) above the function's reserved concurrency, and no
 * scheduled level above the auto-scaling maximum. Warnings: a `concurrency` outside auto scaling's
 * [minimum, maximum], which registering the scalable target moves inside the range (Application
 * Auto Scaling API, RegisterScalableTarget).
 */
import { type Rule, trusted } from './rule.ts';

export const provisionedChangeRules: Rule = (draft, report) => {
  for (const f of draft.functions) {
    if (!trusted(f.bad, 'provisionedConcurrency', 'reservedConcurrency')) continue;
    const fn = f.value;
    const at = (...keys: (string | number)[]) => [...f.path, 'provisionedConcurrency', ...keys];
    const reserved = fn.reservedConcurrency;
    const auto = fn.provisioned.autoScaling;
    if (auto) {
      if (auto.minimum > auto.maximum) {
        report.error(
          at('autoScaling', 'minimum'),
          `minimum ${auto.minimum} is above maximum ${auto.maximum}`,
        );
      }
      if (auto.targetUtilization < 0.01 || auto.targetUtilization > 1) {
        report.error(
          at('autoScaling', 'targetUtilization'),
          `targetUtilization ${Math.round(auto.targetUtilization * 1000) / 10}% is outside 1%..100%`,
        );
      }
      const level = fn.provisionedConcurrency;
      if (auto.minimum <= auto.maximum && (level < auto.minimum || level > auto.maximum)) {
        const bound =
          level < auto.minimum ? `raised to minimum ${auto.minimum}` : `lowered to maximum ${auto.maximum}`;
        report.warning(
          at('concurrency'),
          `concurrency ${level} is outside autoScaling's range: auto scaling starts it ${bound}`,
        );
      }
      if (reserved !== null && auto.maximum > reserved) {
        report.error(
          at('autoScaling', 'maximum'),
          `maximum ${auto.maximum} is above ${fn.name}'s reservedConcurrency ${reserved}`,
        );
      }
    }
    fn.provisioned.schedule.forEach((w, i) => {
      if (w.endMs <= w.startMs)
        report.error(at('schedule', i, 'end'), 'a scheduled action must end after it starts');
      if (reserved !== null && w.concurrency > reserved) {
        report.error(
          at('schedule', i, 'concurrency'),
          `concurrency ${w.concurrency} is above ${fn.name}'s reservedConcurrency ${reserved}`,
        );
      }
      if (auto && w.concurrency > auto.maximum) {
        report.error(
          at('schedule', i, 'concurrency'),
          `concurrency ${w.concurrency} is above autoScaling.maximum ${auto.maximum}`,
        );
      }
    });
  }
};
