/**
 * Issue 17, item 7: every bad argument is exit 2 with one clear line, never a stack trace or a
 * silently ignored value (the audit's reproducers). Run in-process: they fail before simulating.
 */
import { describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../../src/cli/errors.ts';
import { lamsimInProcess, scratch } from '../experiments/cli.ts';

const TINY = `lamsim: 1
name: tiny
duration: 5s
traffic: { target: api, phases: [{ duration: 5s, arrivalRate: 1 }] }
functions:
  api: { runtime: nodejs22.x }
`;
const COST = ['cost', '--requests', '3M', '--duration', '120ms', '--memory', '1536'];

describe('bad arguments are exit 2', () => {
  const dir = scratch({ 's.yaml': TINY });
  const file = `${dir}/s.yaml`;

  it.each([
    [['--seed', '-1'], /^--seed: expected an integer from 0 to 4294967295, got '-1'$/],
    [['--seed', '1.5'], /^--seed: .*got '1\.5'$/],
    [['--seed', 'abc'], /^--seed: .*got 'abc'$/],
    [['--seed', '4294967296'], /^--seed: .*got '4294967296'$/],
    [['--seed', '1', '--seed', '2'], /^--seed: given 2 times; give it once$/],
    [['--max-invocations', '-1'], /^--max-invocations: expected a whole count of at least 1 .*got '-1'$/],
    [['--max-invocations', 'abc'], /^--max-invocations: .*got 'abc'$/],
    [['--max-invocations', '1e400'], /^--max-invocations: .*got '1e400'$/],
    [['--max-invocations', '0'], /^--max-invocations: .*got '0'$/],
    [['--force=maybe'], /^--force: a switch takes no value/],
  ])('run %j', async (flags, message) => {
    const r = await lamsimInProcess(['run', file, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it.each([
    // The parser's rule for every command (src/cli/parser.ts) answers before cost's own.
    [['--requests', '1M'], /^--requests: given 2 times; give it once$/],
    [
      ['--json', '--price', 'lambda.requests=1', '--price', 'lambda.requests=2'],
      /--price lambda\.requests: given twice/,
    ],
    [['--cold-starts', '1%', '--runtime', 'cobol'], /^lamsim cost: --runtime: unknown runtime 'cobol'/],
    [['--free-tier=maybe'], /^--free-tier: a switch takes no value/],
    [['--price', '__proto__=1'], /^lamsim cost: --price __proto__: unknown price id "__proto__"/],
    [['--nat-azs', '-2'], /^lamsim cost: --nat-azs: '-2' is not a count/],
    [['--provisioned', '-1'], /^lamsim cost: --provisioned: '-1' is not a count/],
    [['--architecture', 'arm64', '--architecture', 'x86_64'], /--architecture: given 2 times/],
    [['--kinesis-extended-retention=maybe'], /^--kinesis-extended-retention: a switch takes no value/],
  ])('cost %j', async (flags, message) => {
    const r = await lamsimInProcess([...COST, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr).not.toMatch(/unexpected|^\s+at /m);
  });

  // A value with a minus sign is the option's own value, not short flags ("Unknown arguments: 3, M").
  it.each([
    [['--requests', '-3M', '--duration', '120ms'], /^lamsim cost: --requests: '-3M' is not a count/],
    [['--requests', '3M', '--duration', '-120ms'], /^lamsim cost: --duration: negative duration '-120ms'/],
    [
      ['--requests', '3M', '--duration', '120ms', '--nat-azs', '1', '--nat-data', '-.5'],
      /^lamsim cost: --nat-data: .*'-\.5'/,
    ],
  ])('cost %j: the negative value is refused by its option', async (flags, message) => {
    const r = await lamsimInProcess(['cost', ...flags, '--memory', '1536']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  // Issue 18 item 8 ("never ignores"): a flag that only qualifies another is refused without it.
  it.each([
    [['--init', '300ms'], '--init: needs --cold-starts'],
    [['--runtime', 'java21'], '--runtime: needs --cold-starts'],
    [['--provisioned-time', '100h'], '--provisioned-time: needs --provisioned'],
    [['--nat-data', '5KB'], '--nat-data: needs --nat-azs'],
    [['--request-size', '5KB'], '--request-size: needs --api-gateway or --alb'],
    [['--sqs-fifo'], '--sqs-fifo: needs --sqs-requests'],
    [['--kinesis-records', '1M'], '--kinesis-records: needs --kinesis-shards'],
  ])('cost %j alone is refused, not ignored', async (flags, message) => {
    const r = await lamsimInProcess([...COST, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toBe(`lamsim cost: ${message} (alone it changes nothing on the bill)`);
  });

  it('with the flag it qualifies, the qualifier changes the bill', async () => {
    const bill = async (flags: string[]) =>
      JSON.parse((await lamsimInProcess([...COST, '--nat-azs', '1', ...flags, '--json'])).stdout).totalUsd;
    expect(await bill(['--nat-data', '5KB'])).toBeGreaterThan(await bill([]));
  });
  // One rule for every command: a flag that is not repeatable, given twice, is refused by name.
  it.each([
    [['run', file, '--collect', 'a', '--collect', 'b'], '--collect'],
    [['tune', file, '--collect', 'a', '--collect', 'b'], '--collect'],
    [['run', file, '--replications', '2', '--plan-jobs', 'a', '--plan-jobs', 'b'], '--plan-jobs'],
    [['tune', file, '--plan-jobs', 'a', '--plan-jobs', 'b'], '--plan-jobs'],
    [
      ['run', file, '--replications', '2', '--workers', '1', '--workers', '2', '--out', `${dir}/never`],
      '--workers',
    ],
    [['tune', file, '--memory', '128', '--memory', '256', '--out', `${dir}/never`], '--memory'],
    [['job', `${dir}/job-0000.json`, '--out', 'o1', '--out', 'o2'], '--out'],
    [['check', file, '--budget', 'b1.yaml', '--budget', 'b2.yaml'], '--budget'],
    [['diff', file, file, '--budget', 'b1.yaml', '--budget', 'b2.yaml'], '--budget'],
    [['check', file, '--format', 'text', '--format', 'json'], '--format'],
    [['diff', file, file, '--format', 'md', '--format', 'json'], '--format'],
    [['diff', file, '--base-ref', 'a', '--base-ref', 'b'], '--base-ref'],
    [
      [
        'plan',
        file,
        '--slo',
        'p99=1s',
        '--target-scale',
        '2',
        '--target-scale',
        '3',
        '--out',
        `${dir}/never`,
      ],
      '--target-scale',
    ],
  ])('%j: given twice', async (argv, flag) => {
    const r = await lamsimInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${flag}: given 2 times; give it once\n`);
  });

  it.each(['abc', '-3', '0', '1.5', '', '1e3'])(
    '--workers %j is refused (run --replications, tune, plan)',
    async (w) => {
      for (const argv of [
        ['run', file, '--replications', '2'],
        ['tune', file],
        ['plan', file, '--slo', 'p99=1s'],
      ]) {
        // Into the scratch folder, should the check fail and the command go ahead.
        const r = await lamsimInProcess([...argv, `--workers=${w}`, '--out', `${dir}/never`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `--workers: expected a whole number of worker threads of at least 1 (1 = in-process), got '${w}'\n`,
        );
      }
    },
  );

  it.each([
    [['--strategy', 'speed'], '--strategy'],
    [['--weight', '0.9'], '--weight'],
    [['--memory', '256'], '--memory'],
    [
      ['--function', 'nosuch', '--architectures', 'arm64', '--max-p99', '100ms'],
      '--function, --architectures, --max-p99',
    ],
    [
      ['--constraint', 'coldStartRate=1%', '--max-p50', '1s', '--max-p95', '1s'],
      '--max-p50, --max-p95, --constraint',
    ],
    [['--from-power-tuning', 'pt.json'], '--from-power-tuning'],
  ])('tune --collect %j: refused, the sweep keeps the settings it was planned with', async (flags, named) => {
    const r = await lamsimInProcess(['tune', file, '--collect', `${dir}/sweep`, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${named}: not with --collect: a collected sweep keeps the function, memory sizes, architectures, strategy, weight and constraints it was planned with (${dir}/sweep/sweep.json); plan it again with --plan-jobs to change them\n`,
    );
  });

  it.each([
    [
      ['--warmup', '5m'],
      '--warmup: only with --shard K/N or --shards N (a whole run starts from nothing, with no warm-up)',
    ],
    [['--shard', '1/200000'], "--shard: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4), got '1/200000'"],
    [['--shard', '-1/2'], "--shard: expected K/N with 1 <= K <= N <= 10000 (e.g. 2/4), got '-1/2'"],
  ])('run %j: sharding flags', async (flags, message) => {
    // Into the scratch folder, should the check fail and the run go ahead.
    const r = await lamsimInProcess(['run', file, ...flags, '--out', `${dir}/never`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
  });

  it.each(['LAMSIM_SHARD_INDEX', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'])(
    '%s set but empty is refused (not read as unset)',
    async (name) => {
      vi.stubEnv(name, '');
      try {
        const r = await lamsimInProcess(['run', file, '--shards', '2', '--out', `${dir}/never`]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `${name}= is set but empty: expected a shard index from 0 to 1 (--shards 2; engines count from 0), or leave it unset\n`,
        );
      } finally {
        vi.unstubAllEnvs();
      }
    },
  );

  it('the same cost flags, each once, still work', async () => {
    const r = await lamsimInProcess([
      ...COST,
      '--cold-starts',
      '1%',
      '--runtime',
      'java21',
      '--free-tier',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totalUsd).toBeGreaterThan(0);
  });
});

describe('environment errors are exit 1 with one clear line', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'no space left on the device'],
  ])('%s', (code, words) => {
    let err = '';
    const error = Object.assign(new Error(`${code}: boom, mkdir 'reports/x'`), { code, path: 'reports/x' });
    expect(reportFailure(error, (t) => (err += t))).toBe(1);
    expect(err).toBe(`lamsim: reports/x: ${words} (${code})\n`);
  });

  it('a bug still says so', () => {
    let err = '';
    expect(reportFailure(new TypeError('x is undefined'), (t) => (err += t))).toBe(1);
    expect(err).toMatch(/^lamsim: unexpected error: x is undefined\n/);
  });
});
