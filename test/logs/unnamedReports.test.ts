/**
 * Exports that do not name their function (filter-log-events, get-log-events, `aws logs tail`)
 * merged with others: taken as the one function the other logs name (said so), refused beside
 * several, and warned about when their Memory Size or, over the same time, their median Duration
 * say they are another function's. Logs generated from known parameters, so whose they are is known.
 */
import { describe, expect, it } from 'vitest';
import { isDocumentError, type LogFile, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import {
  filterLogEventsJson,
  generateInvocations,
  insightsCsv,
  type SyntheticOptions,
  textEvents,
} from '../helpers/syntheticLogs.ts';

const ORDERS: SyntheticOptions = {
  seed: 3,
  phases: [{ minutes: 10, ratePerSecond: 1 }],
  duration: { p50Ms: 80, sigma: 0.6 },
  init: { p50Ms: 300, sigma: 0.3 },
  memoryMb: 512,
  startEpochMs: Date.UTC(2025, 2, 3, 9, 0, 0),
  functionName: 'orders',
  runtimeVersion: 'nodejs:22.v30',
};
/** Another function over the same ten minutes: same memory, Durations five times longer. */
const REPORTS: SyntheticOptions = {
  ...ORDERS,
  seed: 4,
  duration: { p50Ms: 400, sigma: 0.6 },
  functionName: 'reports',
};
/** Another one at another memory size. */
const THUMBS: SyntheticOptions = { ...ORDERS, seed: 5, memoryMb: 128, functionName: 'thumbs' };

const events = (o: SyntheticOptions) => textEvents(generateInvocations(o), o);

function read(file: string, text: string): LogFile {
  const f = readLogFile(file, text);
  if (isDocumentError(f)) throw new Error(f.message);
  return f;
}
const unnamed = (file: string, o: SyntheticOptions) => read(file, filterLogEventsJson(events(o)));
const named = (file: string, o: SyntheticOptions) => read(file, insightsCsv(events(o), o.functionName));

describe('REPORTs that name no function', () => {
  it("one function's export split by log stream (get-log-events files) merges without a warning", () => {
    const all = events(ORDERS);
    const streams = [...new Set(all.map((e) => e.logStreamName))];
    expect(streams.length).toBeGreaterThan(1);
    const files = streams.map((s, i) =>
      read(`stream${i}.json`, filterLogEventsJson(all.filter((e) => e.logStreamName === s))),
    );
    const corpus = mergeLogFiles(files);
    if (!corpus.ok) expect.fail(corpus.error);
    expect(corpus.value.invocations.length).toBe(generateInvocations(ORDERS).length);
    expect(corpus.value.warnings).toEqual([]);
  });

  it("two functions' exports over the same time: the median Durations (80 vs 400 ms) give them away", () => {
    const corpus = mergeLogFiles([unnamed('orders.json', ORDERS), unnamed('reports.json', REPORTS)]);
    if (!corpus.ok) expect.fail(corpus.error);
    expect(corpus.value.warnings).toHaveLength(2);
    expect(corpus.value.warnings[0]).toMatch(
      /^orders\.json: its REPORTs look like another function's \(median Duration [\d.]+ ms over the same time as the other logs' [\d.]+ ms\): if they are, calibrate each function's logs on their own$/,
    );
  });

  it('beside a function the other logs name: taken as its, said so, and another Memory Size is warned about', () => {
    const corpus = mergeLogFiles([unnamed('thumbs.json', THUMBS), named('orders.csv', ORDERS)], {
      function: 'orders',
    });
    if (!corpus.ok) expect.fail(corpus.error);
    const n = generateInvocations(THUMBS).length;
    expect(corpus.value.warnings).toEqual([
      `thumbs.json: its ${n} REPORTs name no function (this export does not carry the log group): taken as orders's, the function the other logs name`,
      "thumbs.json: its REPORTs look like another function's (Memory Size 128 MB, the other logs' 512 MB): if they are, calibrate each function's logs on their own",
    ]);
    // The same function's unnamed and named exports share request ids: the unnamed REPORTs inherit
    // the name, nothing to say.
    const same = mergeLogFiles([unnamed('orders.json', ORDERS), named('orders.csv', ORDERS)]);
    if (!same.ok) expect.fail(same.error);
    expect(same.value.warnings).toEqual([]);
  });

  it('beside several named functions, --function cannot say whose they are: refused, naming the file', () => {
    const files = [unnamed('logs.json', ORDERS), named('thumbs.csv', THUMBS), named('reports.csv', REPORTS)];
    const corpus = mergeLogFiles(files, { function: 'thumbs' });
    expect(corpus.ok).toBe(false);
    if (!corpus.ok)
      expect(corpus.error).toMatch(
        /^logs\.json: its \d+ REPORTs name no function \(this export does not carry the log group\) and the other logs hold several functions \(thumbs, reports\): lamsim cannot tell whose they are/,
      );
  });
});
