/**
 * Settings the logs show besides the distributions, as the calibrated scenario writes them: the
 * timeout (the runtime's "Task timed out" line, else REPORTs whose Status is timeout) and the
 * runtime (INIT_START, or a SnapStart function's RESTORE_START).
 */
import { describe, expect, it } from 'vitest';
import { type Calibration, calibrate } from '../../src/calibrate/index.ts';
import { isDocumentError, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import { formatIssue, parseScenario } from '../../src/scenario/index.ts';

/** `lines` read as one text-lines file and calibrated. */
function calibrationOf(lines: readonly string[]): Calibration {
  const file = readLogFile('logs.txt', lines.join('\n'));
  if (isDocumentError(file)) expect.fail(file.message);
  const corpus = mergeLogFiles([file]);
  if (!corpus.ok) expect.fail(corpus.error);
  const c = calibrate(corpus.value, { name: 'x', fileBase: 'x', sources: ['logs.txt'] });
  if (!c.ok) expect.fail(c.error);
  return c.value;
}

const scenarioOf = (lines: readonly string[]): string => calibrationOf(lines).scenarioText;

const at = (s: number) =>
  `2025-10-06T09:${String(10 + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.500Z`;
const report = (i: number, durationMs: number, tail = '') =>
  `${at(i)} REPORT RequestId: r${i}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB\t${tail}`;
const platformReport = (i: number, durationMs: number, status: string) =>
  `${at(i)} ${JSON.stringify({
    time: at(i),
    type: 'platform.report',
    record: {
      requestId: `r${i}`,
      metrics: {
        durationMs,
        billedDurationMs: Math.ceil(durationMs),
        memorySizeMB: 1024,
        maxMemoryUsedMB: 80,
      },
      status,
      ...(status === 'timeout' ? { errorType: 'Sandbox.Timedout' } : {}),
    },
  })}`;

describe('the logged timeout', () => {
  const warm = Array.from({ length: 30 }, (_, i) => report(i, 80 + i));

  it('a REPORT with Status: timeout (text format) is a logged timeout: its Duration, in whole seconds', () => {
    const yaml = scenarioOf([...warm, report(40, 10000.41, 'Status: timeout')]);
    expect(yaml).toMatch(/^ {4}timeout: 10s +# 1 REPORT with Status timeout after a Duration of 10 s$/m);
  });

  it('so is a platform.report with status "timeout" (JSON format)', () => {
    const json = Array.from({ length: 30 }, (_, i) => platformReport(i, 80 + i, 'success'));
    const yaml = scenarioOf([
      ...json,
      platformReport(40, 6000, 'timeout'),
      platformReport(41, 6000, 'timeout'),
    ]);
    expect(yaml).toMatch(/^ {4}timeout: 6s +# 2 REPORTs with Status timeout after a Duration of 6 s$/m);
  });

  it('the runtime\'s "Task timed out" line still comes first', () => {
    const yaml = scenarioOf([
      ...warm,
      `${at(40)} r40 Task timed out after 12.00 seconds`,
      report(40, 12000, 'Status: timeout'),
    ]);
    expect(yaml).toMatch(/^ {4}timeout: 12s +# 1 invocation logged "Task timed out after 12 seconds"$/m);
  });

  it('no timeout logged: an assumption above the longest Duration', () => {
    expect(scenarioOf(warm)).toMatch(/^ {4}timeout: 3s +# ⚠ assumed: AWS's default/m);
  });
});

describe('the logged runtime', () => {
  it("a SnapStart function's RESTORE_START names it: java21, and the scenario with snapStart validates", () => {
    const lines = Array.from({ length: 30 }, (_, i) => {
      const restore = i % 10 === 0;
      return [
        ...(restore
          ? [
              `${at(i)} RESTORE_START Runtime Version: java:21.v20\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc`,
            ]
          : []),
        report(
          i,
          30 + i,
          restore ? `Restore Duration: ${180 + i}.00 ms\tBilled Restore Duration: ${380 + i} ms` : '',
        ),
      ];
    }).flat();
    const c = calibrationOf(lines);
    const yaml = c.scenarioText;
    expect(yaml).toMatch(/^ {4}runtime: java21 +# from RESTORE_START: runtime version java:21\.v20$/m);
    expect(yaml).toMatch(/^ {4}snapStart: true/m);
    const files = new Map(c.files.map((f) => [f.name, f.text]));
    const parsed = parseScenario(yaml, { fileName: 'x.yaml', readFile: (path) => files.get(path) });
    if (!parsed.ok) expect.fail(parsed.error.map(formatIssue).join('\n'));
  });
});

describe('warnings', () => {
  it('an assumed runtime warns without the ⚠ the scenario comment carries (the CLI prints "warning: ")', () => {
    const lines = [
      `${at(0)} INIT_START Runtime Version: cobol:85.v1`,
      report(0, 80, 'Init Duration: 200.00 ms'),
    ];
    const c = calibrationOf(lines);
    expect(c.scenarioText).toMatch(
      /^ {4}runtime: nodejs22\.x +# ⚠ assumed: the logs name no runtime lamsim knows/m,
    );
    expect(c.warnings).toContain(
      'assumed: the logs name no runtime lamsim knows (they name cobol:85.v1, which lamsim does not know); pass --runtime (INIT is fitted to the logs either way)',
    );
    expect(c.scenarioText).toMatch(
      /^# What it shows: x reproduced from 1 logged invocation \(1 cold start\)/m,
    );
  });
});
