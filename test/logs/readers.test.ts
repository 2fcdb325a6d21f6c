/**
 * Every export shape of the same synthetic logs reads to the same invocations; malformed lines
 * are counted with their line numbers and skipped; what cannot be read at all says where.
 */
import { describe, expect, it } from 'vitest';
import { isDocumentError, type LogFile, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import {
  eventJsonLines,
  filterLogEventsJson,
  firehosePayloads,
  generateInvocations,
  getLogEventsJson,
  insightsCsv,
  insightsJson,
  insightsReportFields,
  jsonEvents,
  queryResults,
  recordJsonLines,
  type SyntheticOptions,
  tailDetailed,
  tailShort,
  textEvents,
} from '../helpers/syntheticLogs.ts';

const OPTIONS: SyntheticOptions = {
  seed: 11,
  phases: [
    { minutes: 2, ratePerSecond: 3 },
    { minutes: 9, ratePerSecond: 0 },
    { minutes: 2, ratePerSecond: 3 },
  ],
  duration: { p50Ms: 90, sigma: 0.6 },
  init: { p50Ms: 300, sigma: 0.3 },
  memoryMb: 512,
  startEpochMs: Date.UTC(2025, 2, 3, 9, 30, 0),
  functionName: 'checkout',
  runtimeVersion: 'python:3.12.v16',
};
const INVOCATIONS = generateInvocations(OPTIONS);

function read(file: string, text: string): LogFile {
  const f = readLogFile(file, text);
  if (isDocumentError(f)) throw new Error(`${f.file}:${f.line}:${f.col} ${f.message}`);
  return f;
}

function invocationsOf(file: LogFile) {
  const corpus = mergeLogFiles([file]);
  if (!corpus.ok) throw new Error(corpus.error);
  return corpus.value.invocations.map((v) => ({
    arrivalMs: Math.round(v.arrivalMs * 100) / 100,
    durationMs: v.report.durationMs,
    billedMs: v.report.billedDurationMs,
    initMs: v.report.initDurationMs,
    memoryMb: v.report.memorySizeMb,
  }));
}

describe('export shapes', () => {
  const text = textEvents(INVOCATIONS, OPTIONS);
  const json = jsonEvents(INVOCATIONS, OPTIONS);
  const shapes: [string, string, string][] = [
    ['filter-log-events, text messages', 'a.json', filterLogEventsJson(text)],
    ['filter-log-events, JSON messages', 'b.json', filterLogEventsJson(json)],
    ['aws logs tail --format detailed', 'c.txt', tailDetailed(text)],
    ['log events as JSON lines', 'd.jsonl', eventJsonLines(text)],
    ['Lambda JSON records as lines', 'e.jsonl', recordJsonLines(json)],
    // Whole seconds in the envelope: the records' own time keeps the milliseconds.
    ['aws logs tail --format short, JSON messages', 'g.txt', tailShort(json)],
    ['subscription payloads concatenated (Firehose to S3)', 'h.json', firehosePayloads(text, 'checkout', '')],
    [
      'subscription payloads one per line (Firehose to S3)',
      'i.json',
      firehosePayloads(text, 'checkout', '\n'),
    ],
    ['Logs Insights JSON download', 'j.json', insightsJson(text, 'checkout')],
    ['aws logs get-query-results', 'k.json', queryResults(text, 'checkout')],
    ['Logs Insights CSV', 'f.csv', insightsCsv(text, 'checkout')],
  ];
  const reference = invocationsOf(read(...(shapes[0].slice(1) as [string, string])));

  it('the generator made cold and warm invocations to compare', () => {
    expect(reference.length).toBe(INVOCATIONS.length);
    expect(reference.filter((r) => r.initMs !== undefined).length).toBeGreaterThan(3);
    expect(reference.filter((r) => r.initMs === undefined).length).toBeGreaterThan(300);
  });

  for (const [name, file, content] of shapes) {
    it(`${name}: the same invocations, arrival = START - INIT`, () => {
      const f = read(file, content);
      expect(f.problems).toEqual([]);
      expect(invocationsOf(f)).toEqual(reference);
    });
  }

  it('the arrival is the generated one to the millisecond (START is logged in whole ms)', () => {
    const sorted = [...INVOCATIONS].sort((a, b) => a.arrivalMs - b.arrivalMs);
    const worst = Math.max(...reference.map((r, i) => Math.abs(r.arrivalMs - sorted[i].arrivalMs)));
    expect(worst).toBeLessThan(1);
  });

  it('each shape is named as what it is', () => {
    expect(shapes.map(([, file, content]) => read(file, content).format)).toEqual([
      'filter-log-events JSON',
      'filter-log-events JSON',
      'text lines',
      'log events JSON lines',
      'Lambda JSON log lines',
      'text lines',
      'subscription payloads (Firehose)',
      'subscription payloads (Firehose)',
      'Logs Insights JSON',
      'Logs Insights query results JSON',
      'Logs Insights CSV',
    ]);
  });

  it("the REPORT query's field table (Insights CSV without @message): each row a REPORT, memory from bytes", () => {
    const f = read('fields.csv', insightsReportFields(INVOCATIONS, OPTIONS));
    const got = invocationsOf(f);
    expect(got.map(({ arrivalMs: _, ...rest }) => rest)).toEqual(
      reference.map(({ arrivalMs: _, ...rest }) => rest),
    );
    // REPORT time minus Duration minus Init Duration: within a millisecond of the START-based arrival.
    const worst = Math.max(...got.map((r, i) => Math.abs(r.arrivalMs - reference[i].arrivalMs)));
    expect(worst).toBeLessThan(1.01);
  });

  it('get-log-events files: named so, each file one log stream (execution environment)', () => {
    const streams = [...new Set(text.map((e) => e.logStreamName))];
    const files = streams.map((s, i) =>
      read(`stream${i}.json`, getLogEventsJson(text.filter((e) => e.logStreamName === s))),
    );
    expect(files.every((f) => f.format === 'get-log-events JSON')).toBe(true);
    const corpus = mergeLogFiles(files);
    if (!corpus.ok) return expect.fail(corpus.error);
    expect(corpus.value.invocations.length).toBe(INVOCATIONS.length);
    // Each invocation keeps the stream of its file: as many environments as the logs had.
    expect(new Set(corpus.value.invocations.map((v) => v.stream)).size).toBe(streams.length);
    expect(corpus.value.invocations.every((v) => v.stream !== undefined)).toBe(true);
  });

  it('filter-log-events --output text: refused at its first row, naming --output json', () => {
    const stream = '2024/01/01/[$LATEST]abcdef0123456789';
    const text = [
      `SEARCHEDLOGSTREAMS\t${stream}\tTrue`,
      `EVENTS\t3712\t1704067201100\t${stream}\tSTART RequestId: 1111 Version: $LATEST`,
      '\t1704067201000',
      `EVENTS\t3713\t1704067201300\t${stream}\tREPORT RequestId: 1111\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 70 MB\t`,
      '\t1704067201200',
      '',
    ].join('\n');
    const r = readLogFile('events.txt', text);
    if (!isDocumentError(r)) return expect.fail('read as logs');
    expect([r.line, r.col]).toEqual([1, 1]);
    expect(r.message).toMatch(
      /^the text output of 'aws logs filter-log-events' or 'get-log-events' \(--output text\): .* export again with --output json/,
    );
    const events = readLogFile('events.txt', text.split('\n').slice(1).join('\n'));
    expect(isDocumentError(events) && events.line).toBe(1);
  });

  it('a JSON document in no shape lamsim reads: says what it looks like and what lamsim reads', () => {
    const r = readLogFile('x.json', '{ "queryId": "abc", "status": "Running" }');
    if (!isDocumentError(r)) return expect.fail('read as logs');
    expect(r.message).toMatch(
      /^a JSON document lamsim does not read as logs \(an object with keys queryId, status\): lamsim reads 'aws logs filter-log-events'/,
    );
  });

  it('lines without timestamps are events of their own, not one event glued together', () => {
    const f = read('table.txt', 'row\t1\t2\tstream\tsome message\t3\nrow\t4\t5\tstream\tanother\t6\nmore\n');
    expect(f.format).toBe('text lines without timestamps');
    expect(f.events).toBe(3);
  });

  it('REPORT lines alone (no START) place the handler at REPORT time minus Duration', () => {
    const f = read('r.json', filterLogEventsJson(textEvents(INVOCATIONS, OPTIONS, false)));
    const got = invocationsOf(f);
    expect(got.length).toBe(reference.length);
    // REPORT's whole-ms time minus a two-decimal Duration: within a millisecond of START's.
    const worst = Math.max(...got.map((r, i) => Math.abs(r.arrivalMs - reference[i].arrivalMs)));
    expect(worst).toBeLessThan(1.01);
  });

  it('files and streams merge, and a REPORT exported twice counts once', () => {
    const half = Math.floor(text.length / 2);
    const a = read('a.json', filterLogEventsJson(text.slice(0, half + 50)));
    const b = read('b.txt', tailDetailed(text.slice(half)));
    const corpus = mergeLogFiles([a, b]);
    expect(corpus.ok).toBe(true);
    if (!corpus.ok) return;
    expect(corpus.value.invocations.length).toBe(INVOCATIONS.length);
    expect(corpus.value.duplicates).toBe(
      text.slice(half, half + 50).filter((e) => e.message.startsWith('REPORT')).length,
    );
  });

  it('overlapping exports of different time precision (filter-log-events, tail --format short) count each REPORT once', () => {
    // Whole seconds in one, milliseconds in the other: the times differ, so a key on the time
    // counted every REPORT twice.
    const corpus = mergeLogFiles([read('a.json', filterLogEventsJson(text)), read('b.txt', tailShort(text))]);
    if (!corpus.ok) expect.fail(corpus.error);
    expect(corpus.value.invocations.length).toBe(INVOCATIONS.length);
    expect(corpus.value.duplicates).toBe(INVOCATIONS.length);
  });

  it('an asynchronous retry (same request id, a minute later) is another invocation, not a duplicate', () => {
    const report = (at: string, ms: string) =>
      `${at} REPORT RequestId: 9f1c\tDuration: ${ms} ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout`;
    const retried = [
      report('2025-10-06T09:00:03.000Z', '3000.00'),
      report('2025-10-06T09:01:04.000Z', '3000.00'),
      report('2025-10-06T09:03:05.000Z', '3000.00'),
    ].join('\n');
    const corpus = mergeLogFiles([read('r.log', retried), read('copy.log', retried)]);
    if (!corpus.ok) expect.fail(corpus.error);
    expect(corpus.value.invocations.length).toBe(3);
    expect(corpus.value.duplicates).toBe(3);
  });

  it('the runtime version comes from INIT_START and platform.initStart', () => {
    for (const [, file, content] of [shapes[0], shapes[1]]) {
      const corpus = mergeLogFiles([read(file, content)]);
      expect(corpus.ok && [...corpus.value.runtimeVersions.keys()]).toEqual(['python:3.12.v16']);
    }
  });

  it("a SnapStart function's RESTORE_START and platform.restoreStart name it too (its logs hold no INIT_START)", () => {
    const report = (id: string) =>
      `REPORT RequestId: ${id}\tDuration: 32.00 ms\tBilled Duration: 421 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tRestore Duration: 188.00 ms\tBilled Restore Duration: 389 ms`;
    const text = [
      '2025-10-06T09:00:00.195Z RESTORE_START Runtime Version: java:21.v20\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc',
      `2025-10-06T09:00:00.615Z ${report('a')}`,
    ].join('\n');
    const json = [
      JSON.stringify({
        time: '2025-10-06T09:00:00.195Z',
        type: 'platform.restoreStart',
        record: { runtimeVersion: 'java:21.v20', runtimeVersionArn: 'arn', functionName: 'snap' },
      }),
      JSON.stringify({
        time: '2025-10-06T09:00:00.615Z',
        type: 'platform.report',
        record: {
          requestId: 'b',
          metrics: { durationMs: 32, billedDurationMs: 421, memorySizeMB: 512, restoreDurationMs: 188 },
          status: 'success',
        },
      }),
    ].join('\n');
    for (const [file, content] of [
      ['snap.txt', text],
      ['snap.jsonl', json],
    ]) {
      const corpus = mergeLogFiles([read(file, content)]);
      if (!corpus.ok) expect.fail(corpus.error);
      expect([...corpus.value.runtimeVersions]).toEqual([['java:21.v20', { count: 1, phase: 'restore' }]]);
    }
  });
});

describe('malformed lines', () => {
  const good = (i: number) =>
    `2025-03-03T09:30:0${i}.000Z REPORT RequestId: r${i}\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB`;

  it('are counted with their line numbers and an escaped excerpt, and skipped', () => {
    const lines = [
      good(1),
      '2025-03-03T09:30:02.000Z REPORT RequestId: r2\tDuration: 10.00 ms\tMemory Size: 128 MB',
      '2025-03-03T09:30:03.000Z REPORT RequestId: r3\tDuration: ten ms\tBilled Duration: 10 ms\tMemory Size: 128 MB',
      '{"time":"2025-03-03T09:30:04.000Z","type":"platform.report","record":{"requestId":"r4","metrics":{"durationMs":"12"}}}',
      '2025-03-03T09:30:05.000Z REPORT Duration: 10.00 ms\u0007\tBilled Duration: 10 ms\tMemory Size: 128 MB',
      good(6),
      '2025-03-03T09:30:07.000Z some application line with REPORT in it',
    ];
    const f = read('app.log', lines.join('\n'));
    expect(f.entries.map((e) => e.kind === 'report' && e.requestId)).toEqual(['r1', 'r6']);
    expect(f.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'REPORT without a readable Billed Duration (ms)'],
      [3, 'REPORT without a readable Duration (ms)'],
      [4, 'platform.report without a numeric record.metrics.durationMs, billedDurationMs, memorySizeMB'],
      [5, 'REPORT without a RequestId'],
    ]);
    // Control characters are escaped, and the excerpt is short.
    expect(f.problems[3].excerpt).toContain('\\u0007');
    for (const p of f.problems) expect((JSON.parse(p.excerpt) as string).length).toBeLessThanOrEqual(81);
  });

  it('in a filter-log-events document: events without a message or timestamp, at their lines', () => {
    const doc = JSON.stringify(
      {
        events: [
          { logStreamName: 's', timestamp: 1741000000000, message: good(1).slice(25) },
          { logStreamName: 's', timestamp: 'yesterday', message: good(2).slice(25) },
          { logStreamName: 's', timestamp: 1741000002000 },
        ],
      },
      null,
      4,
    );
    const f = read('logs.json', doc);
    expect(f.entries).toHaveLength(1);
    expect(f.problems.map((p) => p.message)).toEqual([
      'event 2 has no readable "timestamp" (epoch ms)',
      'event 3 has no "message" string',
    ]);
    // The CLI's layout: `{` line 1, `"events": [` line 2, events of 5 lines from line 3.
    expect(f.problems.map((p) => p.line)).toEqual([8, 13]);
  });

  it('a Logs Insights CSV: a message spanning lines keeps the next row at its own line', () => {
    const csv = [
      '@timestamp,@message',
      '2025-03-03 09:30:00.000,"line one',
      'line two"',
      `2025-03-03 09:30:01.000,"${good(1).slice(25).replaceAll('"', '""')}"`,
      `03/03/2025,"${good(2).slice(25)}"`,
    ].join('\n');
    const f = read('insights.csv', csv);
    expect(f.format).toBe('Logs Insights CSV');
    expect(f.entries.map((e) => [e.kind, e.line])).toEqual([['report', 4]]);
    expect(f.problems.map((p) => [p.line, p.message])).toEqual([
      [5, "a row with an unreadable @timestamp '03/03/2025'"],
    ]);
  });

  it('a truncated filter-log-events document is an error at the line and column where it stops', () => {
    const doc = filterLogEventsJson(textEvents(INVOCATIONS.slice(0, 3), OPTIONS));
    const cut = doc.slice(0, Math.floor(doc.length / 2));
    const r = readLogFile('logs.json', cut);
    expect(isDocumentError(r)).toBe(true);
    if (!isDocumentError(r)) return;
    const lines = cut.split('\n');
    expect(r.line).toBe(lines.length);
    expect(r.message).toMatch(/not a valid JSON document .*aws logs filter-log-events/);
  });

  it('text after a document: line:col, and no "position N" left in the message', () => {
    const doc = `{\n  "events": []\n}\n\n  x`;
    const r = readLogFile('logs.json', doc);
    if (!isDocumentError(r)) return expect.fail('read as logs');
    expect([r.line, r.col]).toEqual([5, 3]);
    expect(r.message).not.toMatch(/position|JSON at/);
    expect(r.message).toMatch(
      /^not a valid JSON document \(Unexpected non-whitespace character\): expected /,
    );
  });

  it('JSON lines whose first line is cut: that line is skipped with its number, the rest read', () => {
    // A copy that starts mid-file: it used to be taken for a broken document (exit 2).
    const lines = recordJsonLines(jsonEvents(INVOCATIONS, OPTIONS)).split('\n');
    const cut = [lines[0].slice(0, 40), ...lines.slice(1)].join('\n');
    const f = read('cut.jsonl', cut);
    expect(f.problems.map((p) => [p.line, p.message])).toEqual([[1, 'not a valid JSON line (cut short?)']]);
    // Cut after its type: a broken platform record, said so.
    const later = read('cut.jsonl', [lines[0].slice(0, 80), ...lines.slice(1)].join('\n'));
    expect(later.problems.map((p) => p.line)).toEqual([1]);
    expect(later.problems[0].message).toMatch(/^a platform record that is not valid JSON/);
    const corpus = mergeLogFiles([f]);
    if (!corpus.ok) expect.fail(corpus.error);
    // The first line is the first environment's platform.initStart: every REPORT is still read.
    expect(corpus.value.invocations.length).toBe(INVOCATIONS.length);
  });
});

describe('several functions', () => {
  const csv = (fn: string, id: string) =>
    `2025-03-03 09:30:00.000,123456789012:/aws/lambda/${fn},"REPORT RequestId: ${id}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB"`;
  const text = [
    '@timestamp,@log,@message',
    csv('orders', 'a'),
    csv('orders', 'b'),
    csv('payments', 'c'),
  ].join('\n');

  it('without --function: an error naming each with its REPORT count', () => {
    const r = mergeLogFiles([read('all.csv', text)]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe(
        'the logs hold more than one function (orders (2 REPORTs), payments (1 REPORTs)): pick one with --function NAME',
      );
    }
  });

  it('with --function: only that one; an unknown name lists the others', () => {
    const r = mergeLogFiles([read('all.csv', text)], { function: 'payments' });
    expect(r.ok && r.value.invocations.map((v) => v.report.requestId)).toEqual(['c']);
    expect(r.ok && r.value.functionName).toBe('payments');
    const bad = mergeLogFiles([read('all.csv', text)], { function: 'billing' });
    expect(!bad.ok && bad.error).toMatch(
      /--function billing: the logs hold no REPORT of it; they hold orders/,
    );
  });
});
