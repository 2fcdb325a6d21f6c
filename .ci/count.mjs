// Prints the CI's last line, `N passed, N failed`, from vitest's JSON report plus failed CI steps.
// Exits non-zero when anything failed. A missing report (vitest crashed) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, failedStepsArg = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedStepsArg);
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests;
  failed += report.numFailedTests;
  // Suites that failed to load (syntax or import errors) hold no test results but did fail.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} else {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
