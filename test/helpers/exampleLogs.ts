/**
 * The logs of the shipped calibration example (scenarios/logs/orders-api.logs.json.gz): one hour of
 * a Node.js API function's CloudWatch Logs as `aws logs filter-log-events` writes them, GENERATED
 * by test/helpers/syntheticLogs.ts from known distributions (no real account's logs): a steady
 * 1 request/s with a 5-minute promotion at 25/s and two quiet spells; handler times a mixture (85%
 * cache hits around 45 ms, 15% misses around 260 ms), INIT around 230 ms.
 *
 *   npx tsx test/helpers/exampleLogs.ts | gzip -n -9 > scenarios/logs/orders-api.logs.json.gz
 * (`npm run reports` then calibrates scenarios/orders-calibrated.yaml from it.)
 */
import {
  filterLogEventsJson,
  generateInvocations,
  type SyntheticOptions,
  textEvents,
} from './syntheticLogs.ts';

export const EXAMPLE_OPTIONS: SyntheticOptions = {
  seed: 20251006,
  phases: [
    { minutes: 15, ratePerSecond: 1 },
    { minutes: 5, ratePerSecond: 25 },
    { minutes: 10, ratePerSecond: 0.005 },
    { minutes: 15, ratePerSecond: 1 },
    { minutes: 8, ratePerSecond: 0 },
    { minutes: 7, ratePerSecond: 1 },
  ],
  duration: { p50Ms: 45, sigma: 0.35 },
  slow: { share: 0.15, p50Ms: 260, sigma: 0.3 },
  init: { p50Ms: 230, sigma: 0.25 },
  memoryMb: 1024,
  startEpochMs: Date.UTC(2025, 9, 6, 9, 0, 0),
  functionName: 'orders-api',
  runtimeVersion: 'nodejs:22.v30',
};

export function exampleLogs(): string {
  return `${filterLogEventsJson(textEvents(generateInvocations(EXAMPLE_OPTIONS), EXAMPLE_OPTIONS, false))}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(exampleLogs());
