/**
 * Issue 17, item 7: every bad argument is exit 2 with one clear line, never a stack trace or a
 * silently ignored value (the audit's reproducers). Run in-process: they fail before simulating.
 */
import { describe, expect, it } from 'vitest';
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
    [['--requests', '1M'], /^lamsim cost: --requests: given 2 times; give it once$/],
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
