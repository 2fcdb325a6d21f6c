/**
 * The `budgets:` block as written: a figure each metric may not exceed, for the whole scenario or
 * per function (`functions: { NAME: {...} }`). A value is absolute (`800ms`, `1%`, `120` USD, `0`)
 * or, for `lamsim diff`, relative to the base (`+10%`: at most 10% above the base's figure).
 */
import * as z from 'zod';
import { describeValue } from '../quantities.ts';
import { duration, fraction, integer, mapping, name, number } from './leaves.ts';
import { choice, named, opt } from './registry.ts';

export const RELATIVE_BUDGET_PATTERN = /^\+\d+(?:\.\d+)?%$/;
const RELATIVE_HELP = 'an increase over the base, +N% (e.g. +10%)';

/** `+10%`: the head of a diff may be at most 10% above the base. */
export const relativeBudget = named(
  z
    .string({ error: (iss) => `expected ${RELATIVE_HELP}, got ${describeValue(iss.input)}` })
    .regex(RELATIVE_BUDGET_PATTERN, {
      error: (iss) => `expected ${RELATIVE_HELP}, got ${describeValue(iss.input)}`,
    }),
  'RelativeBudget',
  `A relative budget: ${RELATIVE_HELP}; checked by \`lamsim diff\` against the base.`,
);

/** An absolute budget (`absolute`), or a relative one when the value is a string starting with `+`. */
function budget<T extends z.ZodType>(absolute: T, help: string) {
  return choice(
    [relativeBudget, absolute],
    (input) => (typeof input === 'string' && input.trimStart().startsWith('+') ? 0 : 1),
    `${help}, or ${RELATIVE_HELP}`,
  );
}

const latency = (what: string) => opt(budget(duration, 'a duration'), `Budget: ${what} at most this.`);
const rate = (what: string) => opt(budget(fraction, 'a fraction'), `Budget: ${what} at most this.`);

/** The per-function metrics (also allowed for the whole scenario, where the worst function counts). */
const perFunction = {
  p50: latency('p50 latency (successful requests, as callers see them)'),
  p90: latency('p90 latency'),
  p95: latency('p95 latency'),
  p99: latency('p99 latency'),
  max: latency('maximum latency'),
  throttleRate: rate('requests refused by throttling in the end / arrived requests'),
  errorRate: rate('(failed + timed out) / arrived requests'),
  coldStartRate: rate('cold starts / started invocations'),
  timeoutRate: rate('timed out / arrived requests'),
};

export const functionBudgets = mapping(perFunction, 'the budgets of one function');

export const budgets = mapping(
  {
    monthlyCostUsd: opt(
      budget(number(0), 'a number of USD'),
      "Budget: the scenario's monthly bill (cost.monthly.totalUsd) at most this many USD.",
    ),
    ...perFunction,
    dbConnectionErrors: opt(
      budget(integer(0), 'a count'),
      'Budget: database connection errors (refused connections, proxy borrow timeouts) at most this many.',
    ),
    queueAge: latency('age of the oldest queued message'),
    backlogAtEnd: rate(
      "a queue's or stream's backlog still growing at the end of the window / the messages or records that arrived",
    ),
    lostWriteRate: rate(
      "writes into a Kinesis stream lost to its shard write limit (refused on every producer attempt) / writes attempted, the stream's worst",
    ),
    functions: opt(
      z.record(name, functionBudgets, {
        error: (iss) =>
          iss.code === 'invalid_type'
            ? `expected a mapping of function budgets by function name, got ${describeValue(iss.input)}`
            : undefined,
      }),
      'Budgets of single functions, by function name.',
    ),
  },
  'budgets',
);
