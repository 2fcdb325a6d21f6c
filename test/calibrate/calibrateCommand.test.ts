/**
 * `lamsim calibrate` end to end: it writes a scenario that validates and runs as written, reports
 * malformed lines without failing, and refuses bad input with exit code 2, writing nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/loadScenario.ts';
import { lamsim, lamsimInProcess, scratch } from '../experiments/cli.ts';
import {
  filterLogEventsJson,
  generateInvocations,
  type SyntheticOptions,
  textEvents,
} from '../helpers/syntheticLogs.ts';

const OPTIONS: SyntheticOptions = {
  seed: 5,
  phases: [
    { minutes: 1, ratePerSecond: 4 },
    { minutes: 9, ratePerSecond: 0.02 },
    { minutes: 1, ratePerSecond: 4 },
  ],
  duration: { p50Ms: 60, sigma: 0.4 },
  init: { p50Ms: 250, sigma: 0.2 },
  memoryMb: 256,
  startEpochMs: Date.UTC(2025, 0, 2, 8, 0, 0),
  functionName: 'thumbs',
  runtimeVersion: 'python:3.12.v16',
};
const LOGS = filterLogEventsJson(textEvents(generateInvocations(OPTIONS), OPTIONS));
const REPORT = (fn: string, id: string) =>
  `2025-01-02 08:00:00.000,123456789012:/aws/lambda/${fn},"REPORT RequestId: ${id}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB"`;

describe('lamsim calibrate', () => {
  it('writes a scenario and its trace that validate and run; malformed lines are listed, not fatal', () => {
    const doc = JSON.parse(LOGS) as { events: unknown[] };
    doc.events.push({
      logStreamName: 's',
      timestamp: 1735804800000,
      message: 'REPORT RequestId: x\tDuration: 1 ms',
    });
    const broken = JSON.stringify(doc, null, 4);
    const dir = scratch({ 'logs.json.gz': '', 'tail.txt': '' });
    writeFileSync(join(dir, 'logs.json.gz'), gzipSync(broken));
    const r = lamsim(['calibrate', 'logs.json.gz', '--out', 'out/thumbs.yaml'], dir);
    expect(r.stderr).toMatch(
      /^logs\.json\.gz:\d+: skipped: REPORT without a readable Billed Duration \(ms\), Memory Size \(MB\): "REPORT RequestId: x\\tDuration: 1 ms"$/m,
    );
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'thumbs-calibration',
      'thumbs.arrivals.csv',
      'thumbs.yaml',
    ]);
    // The calibration report: one run of the scenario against the logs, with its charts.
    const report = readdirSync(join(dir, 'out/thumbs-calibration')).sort();
    expect(report).toEqual([
      '.lamsim-bundle',
      'calibration.html',
      'calibration.md',
      'thumbs-calibration-cold-starts.png',
      'thumbs-calibration-concurrency.png',
      'thumbs-calibration-duration.png',
      'thumbs-calibration-init.png',
      'thumbs-calibration-invocations.png',
    ]);
    const md = readFileSync(join(dir, 'out/thumbs-calibration/calibration.md'), 'utf8');
    expect(md).toMatch(/^\| invocations \| [\d,]+ \| [\d,]+ \| \+0% \| ±3% \| yes \|$/m);
    expect(md).toMatch(/^\| logs\.json\.gz \| \d+ \| REPORT without a readable Billed Duration/m);
    expect(r.stdout).toMatch(
      /report {6}out\/thumbs-calibration\/ \(the scenario reproduces the logs, within tolerance or sampling error\)/,
    );
    expect(r.stdout).toMatch(/runtime {5}python3\.12 \(from INIT_START: runtime version python:3\.12\.v16\)/);
    const loaded = loadScenario(join(dir, 'out/thumbs.yaml'));
    expect(loaded.ok).toBe(true);
    const yaml = readFileSync(join(dir, 'out/thumbs.yaml'), 'utf8');
    expect(yaml).toMatch(/^ {4}memorySize: 256 +# Memory Size in the REPORT lines$/m);
    expect(yaml).toMatch(/1 malformed lines skipped/);
    const run = lamsim(['run', 'out/thumbs.yaml', '--out', 'report'], dir);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'report/summary.json'))).toBe(true);
  });

  it('--out with a dot in its base name: the function gets a valid name, with a note', async () => {
    // The logs name no function (filter-log-events of one log group): it used to be named
    // `tail.txt` after the file, which the scenario refused at the very end.
    const dir = scratch({ 'logs.json': LOGS });
    const out = join(dir, 'tail.txt.yaml');
    const r = await lamsimInProcess(['calibrate', join(dir, 'logs.json'), '--out', out, '--no-charts']);
    expect(r.code).toBe(0);
    // Warnings go to stderr (not captured in process) and to the report's notes.
    expect(readFileSync(join(dir, 'tail.txt-calibration/calibration.md'), 'utf8')).toContain(
      "Note: the function is tail-txt in the scenario: tail.txt is not a valid function name (letters, digits, '-' and '_'); --function NAME names it.",
    );
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toMatch(/^name: tail\.txt$/m);
    expect(yaml).toMatch(/^ {2}tail-txt:$/m);
    expect(loadScenario(out).ok).toBe(true);
  });

  it('a scenario that cannot validate (an option calibrate cannot honour) names no file as if it existed', async () => {
    const snap = LOGS.replaceAll('INIT_START', 'RESTORE_START').replaceAll(
      'Init Duration:',
      'Restore Duration:',
    );
    const dir = scratch({ 'snap.json': snap });
    const out = join(dir, 'snap.yaml');
    const r = await lamsimInProcess([
      'calibrate',
      join(dir, 'snap.json'),
      '--runtime',
      'nodejs20.x',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `the calibrated scenario does not validate, so nothing was written (${out} was not created; line:col below are in its text):`,
    );
    expect(r.stderr).toMatch(
      /^ {2}\d+:\d+ functions\.snap\.snapStart: SnapStart does not support nodejs20\.x/m,
    );
    expect(r.stderr).not.toContain(`${out}:`);
    expect(existsSync(out)).toBe(false);
  });

  it('no REPORT line: exit 2 with the reason, nothing written', async () => {
    const dir = scratch({ 'app.log': '2025-01-02T08:00:00.000Z some application output\n' });
    const r = await lamsimInProcess(['calibrate', join(dir, 'app.log'), '--out', join(dir, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no REPORT lines in .*app\.log \(text lines, 1 event\): calibrate needs the REPORT line/,
    );
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('a file without a REPORT among several: exit 2 naming it and the formats lamsim reads, nothing written', async () => {
    // It used to be read as zero invocations beside the good file: "reproduces the logs", rc 0.
    const dir = scratch({ 'logs.json': LOGS, 'app.log': 'some application output\nmore of it\n' });
    const out = join(dir, 'x.yaml');
    const r = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.json'),
      join(dir, 'app.log'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${join(dir, 'app.log').replaceAll('/', '\\/')}: no REPORT line in this file \\(read as text lines without timestamps, 2 events\\): .*lamsim reads 'aws logs filter-log-events'.*Logs Insights results`,
        'm',
      ),
    );
    expect(r.stderr).not.toContain('logs.json:');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'logs.json']);
  });

  it('--out naming a folder: exit 2 saying so, nothing written, no temporary files', async () => {
    const dir = scratch({ 'logs.json': LOGS });
    mkdirSync(join(dir, 'd'));
    for (const out of ['d', 'my/']) {
      const r = await lamsimInProcess([
        'calibrate',
        join(dir, 'logs.json'),
        '--out',
        join(dir, out),
        '--no-charts',
      ]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(
        /^--out .*: (is a folder|names a folder \(it ends with a slash\)); give a file name/m,
      );
      expect(r.stderr).not.toMatch(/EISDIR|ENOTDIR|tmp-/);
    }
    expect(readdirSync(dir).sort()).toEqual(['d', 'logs.json']);
    expect(readdirSync(join(dir, 'd'))).toEqual([]);
  });

  it('several functions without --function: exit 2 naming them', async () => {
    const csv = ['@timestamp,@log,@message', REPORT('orders', 'a'), REPORT('payments', 'b')].join('\n');
    const dir = scratch({ 'all.csv': csv });
    const r = await lamsimInProcess(['calibrate', join(dir, 'all.csv'), '--out', join(dir, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'more than one function (orders (1 REPORTs), payments (1 REPORTs)): pick one with --function NAME',
    );
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('a missing file, a broken JSON document, an unknown runtime: exit 2, nothing written', async () => {
    const dir = scratch({ 'cut.json': LOGS.slice(0, 500), 'logs.json': LOGS });
    const missing = await lamsimInProcess([
      'calibrate',
      join(dir, 'nope.json'),
      '--out',
      join(dir, 'x.yaml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the log file: no such file/);
    const cut = await lamsimInProcess(['calibrate', join(dir, 'cut.json'), '--out', join(dir, 'x.yaml')]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cut\.json:\d+:\d+ not a valid JSON document/);
    const runtime = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.json'),
      '--out',
      join(dir, 'x.yaml'),
      '--runtime',
      'cobol1',
    ]);
    expect(runtime.code).toBe(2);
    expect(runtime.stderr).toMatch(/--runtime cobol1: not a runtime lamsim knows/);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });
});
