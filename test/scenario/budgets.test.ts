/**
 * The `budgets:` block: absolute values in their units, relative `+N%`, scenario-wide and per
 * function; mistakes reported at FILE:LINE:COL; a separate budget file parsed the same way; a
 * scenario without budgets keeps its hash (no `budgets` key at all).
 */
import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../../src/results/index.ts';
import { formatIssue, parseBudgetFile } from '../../src/scenario/index.ts';
import { errorsOf, MINIMAL, scenarioOf, yaml } from './helpers.ts';

const withBudgets = (block: string) => `${MINIMAL}${block}\n`;
/** MINIMAL with a database and a queue: every scenario-wide budget metric can be measured. */
const MEASURES_ALL = `${MINIMAL}resources:\n  db: { type: rds-postgres, instanceClass: db.t3.medium, query: 5ms }\n  jobs: { type: sqs-queue }\n`;

describe('budgets block', () => {
  it('is absent when not written, so scenarios written before budgets hash as before', () => {
    const s = scenarioOf(MINIMAL);
    expect('budgets' in s).toBe(false);
    // Budgets do not change what is simulated, but they are part of the scenario when written.
    const withOne = scenarioOf(withBudgets('budgets: { p99: 1s }'));
    expect(provenanceOf(withOne).scenarioHash).not.toBe(provenanceOf(s).scenarioHash);
  });

  it('reads USD, durations, fractions, counts and +N% in BUDGET_METRICS order, then per function', () => {
    const s = scenarioOf(
      `${MEASURES_ALL}${yaml`
        budgets:
          throttleRate: 1%
          p99: 800ms
          monthlyCostUsd: 120.5
          dbConnectionErrors: 0
          queueAge: +25%
          functions:
            api: { coldStartRate: 0.05, p50: +10% }
      `}\n`,
    );
    expect(s.budgets).toEqual([
      {
        metric: 'monthlyCostUsd',
        function: null,
        limit: { kind: 'absolute', max: 120.5 },
        key: 'budgets.monthlyCostUsd',
      },
      { metric: 'p99', function: null, limit: { kind: 'absolute', max: 800 }, key: 'budgets.p99' },
      {
        metric: 'throttleRate',
        function: null,
        limit: { kind: 'absolute', max: 0.01 },
        key: 'budgets.throttleRate',
      },
      {
        metric: 'dbConnectionErrors',
        function: null,
        limit: { kind: 'absolute', max: 0 },
        key: 'budgets.dbConnectionErrors',
      },
      {
        metric: 'queueAge',
        function: null,
        limit: { kind: 'relative', maxIncrease: 0.25 },
        key: 'budgets.queueAge',
      },
      {
        metric: 'p50',
        function: 'api',
        limit: { kind: 'relative', maxIncrease: 0.1 },
        key: 'budgets.functions.api.p50',
      },
      {
        metric: 'coldStartRate',
        function: 'api',
        limit: { kind: 'absolute', max: 0.05 },
        key: 'budgets.functions.api.coldStartRate',
      },
    ]);
  });

  it('reports each mistake at its line and column, all at once', () => {
    const errors = errorsOf(
      withBudgets(yaml`
        budgets:
          p99: 500
          monthlyCostUsd: -3
          errorRate: +x%
          throttleRate: 150%
          p98: 1s
          functions:
            apj: { p99: 1s }
            api: { monthlyCostUsd: 5 }
      `),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^10:8 budgets\.p99: missing unit in 500/),
      expect.stringMatching(/^11:19 budgets\.monthlyCostUsd: .*-3/),
      expect.stringMatching(
        /^12:14 budgets\.errorRate: expected an increase over the base, \+N% \(e\.g\. \+10%\), got '\+x%'/,
      ),
      expect.stringMatching(/^13:17 budgets\.throttleRate: .*100%/),
      expect.stringMatching(/^14:3 budgets\.p98: unknown key 'p98'/),
      expect.stringMatching(
        /^16:5 budgets\.functions\.apj: 'apj' names no function \(did you mean 'api'\?\); functions: api/,
      ),
      expect.stringMatching(/^17:12 budgets\.functions\.api\.monthlyCostUsd: unknown key 'monthlyCostUsd'/),
    ]);
  });
});

describe('budgets on metrics the scenario cannot produce', () => {
  it('are refused at their key, naming what the scenario can measure', () => {
    expect(errorsOf(withBudgets('budgets: { p99: 1s, queueAge: 10s, dbConnectionErrors: 0 }'))).toEqual([
      expect.stringMatching(
        /^9:21 budgets\.queueAge: a budget on queueAge can never be measured: the scenario has no SQS queue, stream or asynchronously invoked function, so nothing waits in a queue; this scenario can measure monthlyCostUsd, p50, .*, timeoutRate$/,
      ),
      expect.stringMatching(
        /^9:36 budgets\.dbConnectionErrors: a budget on dbConnectionErrors can never be measured: the scenario has no database or RDS Proxy/,
      ),
    ]);
  });

  it('backlogAtEnd needs a function reading a queue or stream: a queue nothing reads is not enough', () => {
    expect(errorsOf(`${MEASURES_ALL}budgets: { backlogAtEnd: 1% }\n`)).toEqual([
      expect.stringMatching(
        /budgets\.backlogAtEnd: a budget on backlogAtEnd can never be measured: no function reads an SQS queue or a stream, so there is no backlog to fall behind on; this scenario can measure .*timeoutRate, dbConnectionErrors, queueAge$/,
      ),
    ]);
    const read = MEASURES_ALL.replace(
      '    runtime: nodejs22.x\n',
      '    runtime: nodejs22.x\n    events: [{ sqs: { queue: jobs } }]\n',
    );
    expect(scenarioOf(`${read}budgets: { backlogAtEnd: 1% }\n`).budgets).toHaveLength(1);
  });

  it('are accepted where the scenario has what they measure', () => {
    expect(
      scenarioOf(`${MEASURES_ALL}budgets: { queueAge: 10s, dbConnectionErrors: 0 }\n`).budgets,
    ).toHaveLength(2);
    // Asynchronous traffic queues in Lambda's event queue: its age is measured.
    const async = MINIMAL.replace('target: api', 'target: api\n  via: async');
    expect(scenarioOf(`${async}budgets: { queueAge: 10s }\n`).budgets).toHaveLength(1);
  });

  it('in a budget file, against the scenario it is checked on', () => {
    const text = 'budgets:\n  queueAge: 1m\n';
    const r = parseBudgetFile(text, {
      fileName: 'b.yaml',
      functionNames: ['api'],
      scenario: scenarioOf(MINIMAL),
    });
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      expect.stringMatching(/^b\.yaml:2:3 budgets\.queueAge: a budget on queueAge can never be measured/),
    ]);
    const ok = parseBudgetFile(text, {
      fileName: 'b.yaml',
      functionNames: ['api'],
      scenario: scenarioOf(MEASURES_ALL),
    });
    expect(ok.ok).toBe(true);
  });
});

describe('budgets on a function nothing invokes', () => {
  /** api gets traffic; worker is invoked only when api writes to the jobs queue; orphan by nothing. */
  const chain = (apiCalls: string) => `${MINIMAL}${apiCalls}  worker:
    runtime: nodejs22.x
    events: [{ sqs: { queue: jobs } }]
    destinations: { onFailure: cleanup }
  cleanup: { runtime: nodejs22.x }
  orphan: { runtime: nodejs22.x }
resources:
  jobs: { type: sqs-queue }
`;
  const writes = '    model: { calls: [{ resource: jobs }] }\n';

  it('are refused once per function, at its key, naming the functions budgets can bound', () => {
    const errors = errorsOf(
      `${chain(writes)}budgets:\n  functions:\n    orphan: { p99: 1s, errorRate: 1% }\n    cleanup: { errorRate: 1% }\n`,
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /^\d+:5 budgets\.functions\.orphan: a budget on orphan can never be measured: nothing in the scenario invokes it .*; the functions it invokes are api, worker, cleanup$/,
      ),
    ]);
  });

  it('follow the path: without the write to the queue, neither the reader nor its destination is invoked', () => {
    const errors = errorsOf(`${chain('')}budgets:\n  functions:\n    cleanup: { errorRate: 1% }\n`);
    expect(errors).toEqual([
      expect.stringMatching(
        /budgets\.functions\.cleanup: a budget on cleanup can never be measured.* are api$/,
      ),
    ]);
  });

  it('in a budget file too', () => {
    const r = parseBudgetFile('budgets:\n  functions: { orphan: { p99: 1s } }\n', {
      fileName: 'b.yaml',
      functionNames: ['api', 'worker', 'cleanup', 'orphan'],
      scenario: scenarioOf(chain(writes)),
    });
    expect(r.ok ? [] : r.error.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^b\.yaml:2:16 budgets\.functions\.orphan: a budget on orphan can never be measured/,
      ),
    ]);
  });
});

describe('budget files (lamsim check --budget)', () => {
  const parse = (text: string) => parseBudgetFile(text, { fileName: 'budgets.yaml', functionNames: ['api'] });

  it('reads a budgets: block as a scenario does', () => {
    const r = parse('budgets:\n  p99: 1s\n  functions: { api: { errorRate: +5% } }\n');
    expect(r.ok && r.value).toEqual([
      { metric: 'p99', function: null, limit: { kind: 'absolute', max: 1000 }, key: 'budgets.p99' },
      {
        metric: 'errorRate',
        function: 'api',
        limit: { kind: 'relative', maxIncrease: 0.05 },
        key: 'budgets.functions.api.errorRate',
      },
    ]);
  });

  it('reports problems with the file name, line and column', () => {
    const lines = (text: string) => {
      const r = parse(text);
      return r.ok ? [] : r.error.map(formatIssue);
    };
    expect(lines('p99: 1s\n')).toEqual([
      expect.stringMatching(/^budgets\.yaml:1:1 budgets: missing required key 'budgets'/),
      expect.stringMatching(/^budgets\.yaml:1:1 p99: unknown key 'p99'; allowed keys: budgets/),
    ]);
    expect(lines('budgets:\n  functions:\n    web: { p99: 1s }\n')).toEqual([
      "budgets.yaml:3:5 budgets.functions.web: 'web' names no function; functions: api",
    ]);
    expect(lines('budgets: [\n')[0]).toMatch(/^budgets\.yaml:2:1: YAML syntax error/);
  });
});
