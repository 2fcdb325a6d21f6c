/**
 * The parts of the function runtime on their own: the cold-start plug-ins against AWS's INIT rules
 * (the Init phase is limited to 10 s; an INIT over it is re-run inside the first invocation;
 * SnapStart restores are not INIT), the provisioned level history as billing intervals, the
 * recycled-environment pairs, and the request table's growth.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/index.ts';
import { INIT_LIMIT_MS, makeColdStart } from '../../src/model/function/coldStart.ts';
import { LevelHistory } from '../../src/model/function/levelHistory.ts';
import { Replacements } from '../../src/model/function/replacements.ts';
import { invokeRequest, Outcome, RequestTable } from '../../src/model/function/requests.ts';
import { HandlerModel } from '../../src/model/handler/handlerModel.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';

const withInit = (snapStart: boolean, initBilled: boolean) =>
  scenarioFrom(yaml`
    lamsim: 1
    duration: 1m
    billing: { initBilled: ${initBilled} }
    traffic: { target: f, phases: [{ duration: 1m, arrivalRate: 1 }] }
    functions:
      f:
        runtime: java21
        memorySize: 1024
        snapStart: ${snapStart}
        model: { init: 12s, restore: 400ms, compute: 50ms }
  `);

const coldStartOf = (snapStart: boolean, initBilled = true) => {
  const scenario = withInit(snapStart, initBilled);
  const fn = scenario.functions[0];
  return makeColdStart(fn, scenario.billing, new HandlerModel(fn, Rng.fromSeed(1)));
};

describe('cold start plug-ins', () => {
  it('standard INIT: the Init phase stops at 10 s and the whole INIT re-runs inside the invoke', () => {
    const init = coldStartOf(false);
    expect(init.restores).toBe(false);
    const initMs = init.sampleMs(Rng.fromSeed(2), 0);
    expect(initMs).toBe(12_000);
    expect(INIT_LIMIT_MS).toBe(10_000);
    expect(init.phaseMs(initMs)).toBe(10_000);
    expect(init.rerunMs(initMs)).toBe(12_000);
    expect(init.phaseMs(9_000)).toBe(9_000);
    expect(init.rerunMs(9_000)).toBe(0);
  });

  it('standard INIT is billed with the invocation (at most the 10 s of the Init phase) when the rule says so', () => {
    expect(coldStartOf(false, true).billedMs(12_000)).toBe(10_000);
    expect(coldStartOf(false, true).billedMs(800)).toBe(800);
    expect(coldStartOf(false, true).billedMs(0)).toBe(0); // a warm start
    // Before 2025-08-01, INIT of a zip package on a managed runtime (java21) was free.
    expect(coldStartOf(false, false).billedMs(800)).toBe(0);
  });

  it('SnapStart: the restore replaces INIT, has no 10 s limit, is never re-run and is not billed as INIT', () => {
    const restore = coldStartOf(true);
    expect(restore.restores).toBe(true);
    expect(restore.sampleMs(Rng.fromSeed(2), 0)).toBe(400);
    expect(restore.phaseMs(12_000)).toBe(12_000);
    expect(restore.rerunMs(12_000)).toBe(0);
    expect(restore.billedMs(400)).toBe(0);
  });
});

describe('provisioned level history', () => {
  it('each level holds until the next; zero levels and empty intervals are left out; the end cuts', () => {
    const h = new LevelHistory();
    h.set(5, 0);
    h.set(0, 60_000);
    h.set(8, 90_000);
    h.set(3, 90_000); // a second change at the same time wins
    h.set(2, 150_000);
    // 5 is disabled at 60 s; 3 is cut by the end (still enabled), and later changes to 2.
    expect(h.intervals(120_000)).toEqual([
      { concurrency: 5, durationMs: 60_000 },
      { concurrency: 3, durationMs: 30_000, stillEnabled: true },
    ]);
    expect(h.intervals(200_000).slice(1)).toEqual([
      { concurrency: 3, durationMs: 60_000, stillEnabled: true },
      { concurrency: 2, durationMs: 50_000, stillEnabled: true },
    ]);
  });
});

describe('recycled environment pairs', () => {
  it('link both ways, unlink both ways, and hand over to a ready replacement', () => {
    const r = new Replacements();
    r.link(3, 7);
    expect([r.freshOf(3), r.oldOf(7)]).toEqual([7, 3]);
    r.unlink(3, 7);
    expect([r.freshOf(3), r.oldOf(7)]).toEqual([undefined, undefined]);
    r.setSuccessor(3, 7);
    expect(r.successorOf(3)).toBe(7);
    r.clearSuccessor(3);
    expect(r.successorOf(3)).toBeUndefined();
  });
});

describe('request table', () => {
  it('keeps every request field through growth; no request runs in a new slot', () => {
    const t = new RequestTable(2);
    // A tag keeps any double exactly (a synchronous caller's is a uniform draw in [0, 1)).
    const tag = Math.PI / 4;
    const request = { ...invokeRequest(4), arrivalMs: 10, tag, records: 7, depth: 3 };
    t.begin(1, request);
    t.setColdStart(1, 250);
    t.setStartMs(1, 12);
    t.end(1, Outcome.Timeout, 3000);
    t.setSequence(1, 42);
    t.grow(8);
    expect([t.arrivalMs(1), t.source(1), t.tag(1), t.records(1), t.depth(1)]).toEqual([10, 4, tag, 7, 3]);
    expect([t.initMs(1), t.wasCold(1), t.startMs(1), t.outcome(1), t.durationMs(1)]).toEqual([
      250,
      true,
      12,
      Outcome.Timeout,
      3000,
    ]);
    expect(t.sequence(1)).toBe(42);
    expect(t.sequence(5)).toBe(-1);
  });

  it('a cold start with a 0 ms INIT is still cold (it waited for placement before INIT); a warm start is not', () => {
    const t = new RequestTable(2);
    t.setColdStart(0, 0);
    expect(t.wasCold(0)).toBe(true);
    t.setWarmStart(0);
    expect([t.wasCold(0), t.initMs(0)]).toEqual([false, 0]);
  });
});
