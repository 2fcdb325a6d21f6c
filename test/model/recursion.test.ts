/**
 * Issue 17, item 4: recursion ends and the drain is bounded. A function calling itself
 * synchronously with the default `recursiveLoop: terminate` never finished (57M events, the
 * clock at 3.9e9 ms after 15 s of wall time), and neither did `allow`.
 *
 * AWS: "If your function is invoked more than 16 times in the same chain of requests, then Lambda
 * automatically stops the next function invocation in that request chain" (docs
 * invocation-recursion.html); Invoke (synchronous or not) answers RecursiveInvocationException.
 */
import { describe, expect, it } from 'vitest';
import { drainAllowanceMs } from '../../src/model/world.ts';
import { fn, run, scenarioFrom, yaml } from '../helpers/run.ts';

const selfCall = (invocation: 'sync' | 'async', setting = '') => yaml`
  lamsim: 1
  duration: 1m
  traffic: { target: f, mode: uniform, phases: [{ duration: 1m, arrivalRate: 1 }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      ${setting}
      model: { init: 0ms, compute: 10ms, calls: [{ function: f, invocation: ${invocation} }] }
`;

describe('a function calling itself', () => {
  it('synchronously, with recursiveLoop: terminate, stops each chain after 16 invocations', () => {
    const out = run(selfCall('sync'));
    const f = fn(out);
    // 60 chains (uniform arrivals, one a second). In each, invocations at depth 0..15 start; the
    // 16th's Invoke is stopped (refused before it starts), its SDK error fails its caller, and
    // each caller above fails in turn.
    expect(f.invocations.started).toBe(60 * 16);
    expect(f.recursionStopped).toBe(60);
    expect(f.invocations.refused).toBe(60);
    expect(f.invocations.arrived).toBe(f.invocations.started + f.invocations.refused);
    expect(f.invocations.failed).toBe(60 * 16);
    expect(f.invocations.succeeded).toBe(0);
    // Nothing runs on: the last chain (16 x 10 ms) ends right after the window.
    expect(out.run.endMs).toBeLessThan(60_000 + 16 * 10 + 1);
    expect(out.run.unfinished).toBe(0);
    expect(out.summary.window.unfinished).toBeUndefined();
  });

  it('asynchronously, with recursiveLoop: terminate, stops each chain after 16 invocations', () => {
    const f = fn(run(selfCall('async')));
    // Chains that start late in the window are cut by its end (the queue stops at the end).
    expect(f.async?.dropped.recursion).toBeGreaterThan(50);
    expect(f.async?.dropped.recursion).toBeLessThanOrEqual(60);
    expect(f.invocations.started).toBeLessThanOrEqual(60 * 16);
    expect(f.invocations.started).toBeGreaterThanOrEqual(16 * (f.async?.dropped.recursion ?? 0));
  });

  it('synchronously, with recursiveLoop: allow, nests until the drain bound stops the run', () => {
    const text = selfCall('sync', 'recursiveLoop: allow');
    const scenario = scenarioFrom(text);
    // timeout 3 s + INIT's 10 s limit + the longest owed SDK backoff (3 attempts: 0.5 s + 1 s).
    expect(drainAllowanceMs(scenario)).toBe(3_000 + 10_000 + 1_500);
    const started = Date.now();
    const out = run(text);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Each level holds an environment until its 3 s timeout, the callee running on after its
    // caller timed out: every chain runs until the bound, 60 s + 14.5 s.
    expect(out.run.endMs).toBe(60_000 + 14_500);
    expect(out.run.unfinished).toBeGreaterThan(0);
    expect(out.summary.window.unfinished).toBe(out.run.unfinished);
    const f = fn(out);
    expect(f.recursionStopped).toBeUndefined();
    // Concurrency, not detection, bounds it: at most the account's 1,000 environments.
    expect(f.concurrency.peak).toBeLessThanOrEqual(1000);
    // Started = finished (counted) + still running at the bound (not counted, not billed).
    const i = f.invocations;
    expect(i.inFlightAtEnd).toBe(out.run.unfinished);
    expect(i.started).toBe(i.succeeded + i.failed + i.timedOut + i.inFlightAtEnd);
  });
});

describe('the drain after the window', () => {
  it('lets requests admitted before the end finish, counted and billed, without cutting any', () => {
    const out = run(yaml`
      lamsim: 1
      duration: 10s
      traffic: { target: f, mode: uniform, phases: [{ duration: 10s, arrivalRate: 10 }] }
      functions:
        f: { runtime: nodejs22.x, memorySize: 1769, timeout: 60, model: { init: 0ms, preInit: 0ms, compute: 45s } }
    `);
    const f = fn(out);
    expect(f.invocations.succeeded).toBe(100);
    expect(out.run.unfinished).toBe(0);
    expect(out.run.endMs).toBeCloseTo(9_900 + 45_000, 6);
  });
});
