/**
 * Knobs on a function's own settings (knobs.ts): reserved and provisioned concurrency (with the
 * account quota they may need), the account's concurrency quota, memory and timeout. Pure.
 */
import { distMean } from '../../engine/index.ts';
import { usableVcpus } from '../../model/index.ts';
import type { Scenario } from '../../scenario/index.ts';
import { withFunction, withMemory } from '../edits.ts';
import { MAX_MEMORY_MB } from '../tune/grid.ts';
import type { Change, Knob } from './knobs.ts';
import { fnOf } from './knobTargets.ts';
import { withCapFollowingReserved } from './sqsConcurrencyKnob.ts';

/** Concurrency set aside per function: its reserved concurrency, or its provisioned when none is reserved. */
const setAside = (s: Scenario) =>
  s.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? f.provisionedConcurrency), 0);

/** Raises the account quota when set-aside concurrency would leave less than the unreserved minimum. */
function withAccountRoom(s: Scenario, changes: Change[]): { scenario: Scenario; changes: Change[] } {
  const need = setAside(s) + s.account.unreservedMinimum;
  if (need <= s.account.concurrentExecutions) return { scenario: s, changes };
  return {
    scenario: { ...s, account: { ...s.account, concurrentExecutions: need } },
    changes: [
      ...changes,
      {
        setting: 'account.concurrentExecutions',
        from: s.account.concurrentExecutions,
        to: need,
        reason: { code: 'accountRoom', unreservedMinimum: s.account.unreservedMinimum },
      },
    ],
  };
}

export function reservedConcurrencyKnob(s: Scenario, fn: string): Knob {
  const current = fnOf(s, fn).reservedConcurrency ?? 0;
  return {
    id: 'reservedConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: Math.max(64 * current, current + 10_000) },
    apply(scenario, value) {
      const before = fnOf(scenario, fn).reservedConcurrency;
      const raised = withFunction(scenario, fn, (f) => ({ ...f, reservedConcurrency: Number(value) }));
      const capped = withCapFollowingReserved(raised, fn, before, Number(value));
      return withAccountRoom(capped.scenario, [
        {
          setting: `functions.${fn}.reservedConcurrency`,
          from: before,
          to: Number(value),
          reason: { code: 'moreConcurrency', function: fn },
        },
        ...capped.changes,
      ]);
    },
  };
}

export function accountQuotaKnob(s: Scenario): Knob {
  const current = s.account.concurrentExecutions;
  return {
    id: 'accountConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: 64 * current },
    apply(scenario, value) {
      return {
        scenario: { ...scenario, account: { ...scenario.account, concurrentExecutions: Number(value) } },
        changes: [
          {
            setting: 'account.concurrentExecutions',
            from: scenario.account.concurrentExecutions,
            to: Number(value),
            reason: { code: 'accountQuota' },
          },
        ],
      };
    },
  };
}

export function provisionedConcurrencyKnob(s: Scenario, fn: string): Knob {
  const f = fnOf(s, fn);
  const current = f.provisionedConcurrency;
  return {
    id: 'provisionedConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: Math.max(64 * current, current + 10_000) },
    apply(scenario, value) {
      const v = Number(value);
      const old = fnOf(scenario, fn);
      const changes: Change[] = [
        {
          setting: `functions.${fn}.provisionedConcurrency`,
          from: old.provisionedConcurrency,
          to: v,
          reason: { code: 'provisioned', function: fn },
        },
      ];
      const raiseReserved = old.reservedConcurrency !== null && old.reservedConcurrency < v;
      if (raiseReserved) {
        changes.push({
          setting: `functions.${fn}.reservedConcurrency`,
          from: old.reservedConcurrency,
          to: v,
          reason: { code: 'reservedForProvisioned' },
        });
      }
      const next = withFunction(scenario, fn, (g) => ({
        ...g,
        provisionedConcurrency: v,
        reservedConcurrency: raiseReserved ? v : g.reservedConcurrency,
      }));
      return withAccountRoom(next, changes);
    },
  };
}

/** Sizes to try above the current one: Power Tuning's, then up to the 6-vCPU maximum. */
const MEMORY_STEPS = [256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 5307, 7076, 8192, MAX_MEMORY_MB];

export function memoryKnob(s: Scenario, fn: string): Knob {
  const f = fnOf(s, fn);
  return {
    id: 'memory',
    // Only sizes that give the code more usable CPU (I/O-bound code, or code already using all its
    // threads, does not speed up with memory).
    domain: {
      kind: 'list',
      values:
        distMean(f.model.computeMs) > 0
          ? MEMORY_STEPS.filter(
              (m) =>
                m > f.memoryMb && usableVcpus(m, f.model.threads) > usableVcpus(f.memoryMb, f.model.threads),
            )
          : [],
    },
    apply(scenario, value) {
      const old = fnOf(scenario, fn);
      return {
        scenario: withFunction(scenario, fn, (g) => withMemory(g, Number(value), g.architecture)),
        changes: [
          {
            setting: `functions.${fn}.memorySize`,
            from: old.memoryMb,
            to: Number(value),
            reason: { code: 'moreCpu', function: fn },
          },
        ],
      };
    },
  };
}

export function timeoutKnob(s: Scenario, fn: string): Knob {
  const t = fnOf(s, fn).timeoutMs;
  const values = [
    ...new Set([1.5, 2, 3, 5, 10].map((k) => Math.min(900_000, Math.ceil((t * k) / 1000) * 1000))),
  ];
  return {
    id: 'timeout',
    domain: { kind: 'list', values: values.filter((v) => v > t) },
    apply(scenario, value) {
      return {
        scenario: withFunction(scenario, fn, (g) => ({ ...g, timeoutMs: Number(value) })),
        changes: [
          {
            setting: `functions.${fn}.timeout`,
            from: `${fnOf(scenario, fn).timeoutMs / 1000}s`,
            to: `${Number(value) / 1000}s`,
            reason: { code: 'longerTimeout', function: fn },
          },
        ],
      };
    },
  };
}
