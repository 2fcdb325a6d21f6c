/**
 * Real log excerpts from AWS's documentation, read as they would arrive in an export.
 *
 * - REPORT line: AWS Lambda Developer Guide, "Logging Node.js Lambda functions"
 *   (awsdocs/aws-lambda-developer-guide, doc_source/nodejs-logging.md; CC BY-SA 4.0): tab-separated,
 *   Init Duration after Max Memory Used, X-Ray fields at the end.
 * - platform.report metrics: "Lambda Telemetry API Event schema reference", ReportMetrics example
 *   (doc_source/telemetry-schema-reference.md; the page's own platform.report example has a trailing
 *   comma, so it is not valid JSON and is used below as a malformed line).
 * - The `aws logs tail --format detailed` line shape: aws-cli, awscli/customizations/logs/tail.py
 *   (timestamp with microseconds and +00:00, stream name, message).
 */
import { describe, expect, it } from 'vitest';
import { isDocumentError, type LogFile, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';

const NODE_DOC_LOG = [
  'START RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac Version: $LATEST',
  '2019-06-07T19:11:20.562Z\tc793869b-ee49-115b-a5b6-4fd21e8dedac\tINFO\tENVIRONMENT VARIABLES',
  'END RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac',
  'REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true',
];

const REPORT_METRICS = {
  billedDurationMs: 694,
  durationMs: 693.92,
  initDurationMs: 397.68,
  maxMemoryUsedMB: 84,
  memorySizeMB: 128,
};

function read(file: string, text: string): LogFile {
  const f = readLogFile(file, text);
  if (isDocumentError(f)) throw new Error(f.message);
  return f;
}

describe('REPORT lines from the AWS documentation', () => {
  it('reads every field of the Node.js guide example, placed in time by `aws logs tail`', () => {
    const stream = '2019/06/07/[$LATEST]4f1ea2ed5a3b4d2c8c7e0b5a9f5c1234';
    const text = NODE_DOC_LOG.map((line, i) => `2019-06-07T19:11:2${i}.562000+00:00 ${stream} ${line}`).join(
      '\n',
    );
    const file = read('tail.txt', text);
    expect(file.format).toBe('text lines');
    expect(file.problems).toEqual([]);
    const report = file.entries.find((e) => e.kind === 'report');
    expect(report).toEqual({
      kind: 'report',
      timestampMs: Date.UTC(2019, 5, 7, 19, 11, 23, 562),
      requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac',
      durationMs: 128.83,
      billedDurationMs: 200,
      memorySizeMb: 128,
      maxMemoryUsedMb: 74,
      initDurationMs: 166.62,
      line: 4,
      stream,
    });
    const start = file.entries.find((e) => e.kind === 'start');
    expect(start).toMatchObject({ requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac', line: 1 });
    const corpus = mergeLogFiles([file]);
    expect(corpus.ok).toBe(true);
    if (!corpus.ok) return;
    // Arrival: the START time minus INIT (INIT runs before START on a cold start).
    expect(corpus.value.invocations[0].arrivalMs).toBeCloseTo(
      Date.UTC(2019, 5, 7, 19, 11, 20, 562) - 166.62,
      6,
    );
  });

  it('reads the same line when spaces replaced its tabs (a copy from a web page)', () => {
    const spaced = NODE_DOC_LOG[3].replaceAll('\t', ' ');
    const file = read('x.txt', `2019-06-07T19:11:23.562Z ${spaced}`);
    expect(file.entries[0]).toMatchObject({
      durationMs: 128.83,
      billedDurationMs: 200,
      initDurationMs: 166.62,
    });
  });

  it('without timestamps (a console copy) the platform lines are counted as untimed, and no REPORT is an error', () => {
    const file = read('copy.txt', NODE_DOC_LOG.join('\n'));
    expect(file.untimed).toBe(2); // START and REPORT (END carries nothing calibrate uses)
    const corpus = mergeLogFiles([file]);
    expect(corpus.ok).toBe(false);
    if (!corpus.ok) expect(corpus.error).toMatch(/no REPORT lines in copy\.txt .*had no timestamp/);
  });
});

describe('platform.report records (JSON log format)', () => {
  it("reads the Telemetry API reference's ReportMetrics inside a filter-log-events document", () => {
    const record = {
      time: '2022-10-12T00:01:15.000Z',
      type: 'platform.report',
      record: {
        metrics: REPORT_METRICS,
        requestId: '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa',
        status: 'success',
      },
    };
    const doc = JSON.stringify(
      {
        events: [
          {
            logStreamName: '2022/10/12/[$LATEST]abc',
            timestamp: Date.UTC(2022, 9, 12, 0, 1, 15),
            message: JSON.stringify(record),
            ingestionTime: Date.UTC(2022, 9, 12, 0, 1, 16),
            eventId: '1',
          },
        ],
        searchedLogStreams: [],
      },
      null,
      4,
    );
    const file = read('logs.json', doc);
    expect(file.format).toBe('filter-log-events JSON');
    expect(file.entries).toEqual([
      {
        kind: 'report',
        timestampMs: Date.UTC(2022, 9, 12, 0, 1, 15),
        requestId: '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa',
        durationMs: 693.92,
        billedDurationMs: 694,
        memorySizeMb: 128,
        maxMemoryUsedMb: 84,
        initDurationMs: 397.68,
        status: 'success',
        line: 3,
        stream: '2022/10/12/[$LATEST]abc',
      },
    ]);
  });

  it("counts the reference page's own platform.report example (a trailing comma) as malformed, with its line", () => {
    const broken =
      '{ "time": "2022-10-12T00:01:15.000Z", "type": "platform.report", "record": { "metrics": ' +
      '{ "billedDurationMs": 694, "durationMs": 693.92, "initDurationMs": 397.68, "maxMemoryUsedMB": 84, ' +
      '"memorySizeMB": 128 }, "requestId": "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa", } }';
    const ok = JSON.stringify({
      time: '2022-10-12T00:02:15.000Z',
      type: 'platform.report',
      record: { metrics: REPORT_METRICS, requestId: 'b', status: 'success' },
    });
    const file = read('records.jsonl', `${ok}\n${broken}\n`);
    expect(file.entries).toHaveLength(1);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatchObject({ file: 'records.jsonl', line: 2 });
    expect(file.problems[0].message).toMatch(/platform record that is not valid JSON/);
    expect(file.problems[0].excerpt.startsWith('"{ \\"time\\": \\"2022-10-12')).toBe(true);
    expect(file.problems[0].excerpt.length).toBeLessThan(110);
  });
});
