/** `lamsim cost`: flags in scenario quantity syntax -> the same bill as the calculator. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { PRICE_IDS } from '../../src/billing/index.ts';
import { costCommand, costInput, parseCount, runCost } from '../../src/cli/commands/cost.ts';
import { reportFailure, UserInputError } from '../../src/cli/errors.ts';

/** Runs `lamsim <argv>` with only the cost command registered; returns stdout, stderr and the exit code. */
async function lamsim(argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  let code = 0;
  try {
    await yargs(argv)
      .scriptName('lamsim')
      .strict()
      .command(costCommand)
      .fail((message, error) => {
        if (error) throw error;
        throw new UserInputError(`lamsim: ${message} (see lamsim --help)`);
      })
      .parseAsync();
  } catch (error) {
    code = reportFailure(error, (text) => {
      stderr += text;
    });
  } finally {
    spy.mockRestore();
  }
  return { stdout, stderr, code };
}

afterEach(() => vi.restoreAllMocks());

describe('parseCount', () => {
  it('reads 3M, 3000000, 3_000_000, 500k, 1.5B', () => {
    expect(parseCount('3M')).toEqual({ ok: true, value: 3_000_000 });
    expect(parseCount('3000000')).toEqual({ ok: true, value: 3_000_000 });
    expect(parseCount('3_000_000')).toEqual({ ok: true, value: 3_000_000 });
    expect(parseCount('500k')).toEqual({ ok: true, value: 500_000 });
    expect(parseCount('1.5B')).toEqual({ ok: true, value: 1_500_000_000 });
    expect(parseCount('7.44M')).toEqual({ ok: true, value: 7_440_000 });
  });
  it('rejects other text and fractions of a request', () => {
    expect(parseCount('3X').ok).toBe(false);
    expect(parseCount('-3').ok).toBe(false);
    expect(parseCount('1.5').ok).toBe(false);
    expect(parseCount('').ok).toBe(false);
  });
});

describe('lamsim cost', () => {
  it("prints AWS's mobile-backend example as a table: $2.73", async () => {
    const { stdout, code } = await lamsim([
      'cost',
      '--requests',
      '3M',
      '--duration',
      '120ms',
      '--memory',
      '1536',
      '--free-tier',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Monthly cost \(730 hours; us-east-1, x86_64, 1536 MB, free tier on, 1 ms billing\): \$2\.73\n/,
    );
    expect(stdout).toMatch(/lambda\s+duration x86_64 tier 1\s+140,000\s+GB-s\s+\$2\.33/);
    expect(stdout).toMatch(/total\s+\$2\.73\n$/);
  });
  it('--json prints { totalUsd, lines } at full precision', async () => {
    const { stdout, code } = await lamsim([
      'cost',
      ...['--requests', '2M', '--duration', '280ms', '--memory', '4GB'],
      ...['--provisioned', '7', '--provisioned-time', '24h', '--json'],
    ]);
    expect(code).toBe(0);
    const bill = JSON.parse(stdout);
    expect(bill.totalUsd).toBe(32.25780864);
    expect(bill.lines).toContainEqual({
      service: 'lambda',
      item: 'provisioned concurrency x86_64',
      quantity: 2_419_200,
      unit: 'GB-s',
      usd: 10.08008064,
    });
  });
  it('PC #2 with --free-tier: still $32.26 (no free tier while provisioned concurrency is enabled)', async () => {
    const { stdout } = await lamsim([
      'cost',
      ...['--requests', '2M', '--duration', '280ms', '--memory', '4GB', '--free-tier'],
      ...['--provisioned', '7', '--provisioned-time', '24h', '--json'],
    ]);
    expect(JSON.parse(stdout).totalUsd).toBe(32.25780864);
  });
  it('PC #1 with a PC request count and PC duration: $19.96', async () => {
    const { stdout } = await lamsim([
      'cost',
      ...['--requests', '3M', '--duration', '120ms', '--memory', '1536MB', '--free-tier'],
      ...['--provisioned', '100', '--provisioned-time', '8h', '--provisioned-requests', '500k'],
      ...['--provisioned-duration', '100ms', '--json'],
    ]);
    expect(JSON.parse(stdout).totalUsd).toBe(19.962644);
  });
  it('old example 2 with --granularity 100ms and a --price override: $11.63', async () => {
    const { stdout } = await lamsim([
      'cost',
      ...[
        '--requests',
        '30M',
        '--duration',
        '200ms',
        '--memory',
        '128',
        '--free-tier',
        '--granularity',
        '100ms',
      ],
      ...['--price', 'lambda.duration.x86_64.tier1=0.00001667'],
    ]);
    expect(stdout).toMatch(/: \$11\.63\n/);
  });
  it('SnapStart, Lambda@Edge and arm64 flags', async () => {
    const snap = await lamsim([
      'cost',
      ...['--requests', '7.44M', '--duration', '2s', '--memory', '1GB'],
      ...['--snapstart-restores', '1%', '--snapstart-time', '744h', '--json'],
    ]);
    expect(snap.code).toBe(0);
    expect(Math.round(JSON.parse(snap.stdout).totalUsd * 100)).toBe(26392);
    const edge = await lamsim([
      'cost',
      '--requests',
      '10M',
      '--duration',
      '10ms',
      '--memory',
      '128',
      '--edge',
      '--json',
    ]);
    expect(JSON.parse(edge.stdout).totalUsd).toBe(6.625125);
    const arm = await lamsim([
      'cost',
      '--requests',
      '1M',
      '--duration',
      '1s',
      '--memory',
      '1024',
      '--architecture',
      'arm64',
      '--json',
    ]);
    expect(JSON.parse(arm.stdout).lines[1]).toMatchObject({ item: 'duration arm64 tier 1', usd: 13.3334 });
  });
  it('bad flags: one line per problem, exit 2, no stack trace', async () => {
    const { stderr, code, stdout } = await lamsim([
      'cost',
      ...['--requests', '3X', '--duration', '120', '--memory', '64'],
      ...['--price', 'lambda.request=1', '--granularity', '10ms'],
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      "lamsim cost: --requests: '3X' is not a count: write e.g. 3000000, 3M, 500k or 1.5B",
    );
    expect(lines[1]).toMatch(/^lamsim cost: --duration: missing unit in '120': write 120ms or 120s/);
    expect(lines[2]).toBe('lamsim cost: --granularity: must be 1ms or 100ms, got 10ms');
    expect(lines[3]).toBe('lamsim cost: --memory: must be a whole number of MB in 128..10240, got 64');
    expect(lines[4]).toMatch(
      /^lamsim cost: --price lambda\.request: unknown price id .*did you mean "lambda\.requests"/,
    );
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
  it('missing required flags are named', async () => {
    const { stderr, code } = await lamsim(['cost', '--duration', '1s']);
    expect(code).toBe(2);
    expect(stderr).toContain('lamsim cost: --requests is required');
    expect(stderr).toContain('lamsim cost: --memory is required');
  });
  it('an unknown flag is rejected by yargs strict mode (exit 2)', async () => {
    const { code, stderr } = await lamsim([
      'cost',
      '--requests',
      '1M',
      '--duration',
      '1s',
      '--memory',
      '128',
      '--bogus',
      '1',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown argument/i);
  });
  it('--list-prices prints every price id with its unit; --json adds sources and dates', async () => {
    const text = await lamsim(['cost', '--list-prices', '--price', 'lambda.requests=0.0000003']);
    expect(text.code).toBe(0);
    for (const id of PRICE_IDS) expect(text.stdout).toContain(id);
    expect(text.stdout).toMatch(/lambda\.requests\s+3e-7 \(override\)\s+per request/);
    const json = JSON.parse((await lamsim(['cost', '--list-prices', '--json'])).stdout);
    expect(json.region).toBe('us-east-1');
    expect(json.prices).toHaveLength(PRICE_IDS.length);
    expect(json.prices[0]).toMatchObject({
      id: 'lambda.requests',
      usd: 0.0000002,
      unit: 'request',
      asOf: '2026-11-21',
    });
  });
});

describe('costInput', () => {
  it('maps flags onto the calculator input', () => {
    const input = costInput({
      requests: '6M',
      duration: '280ms',
      memory: '4096',
      ephemeralStorage: '2GB',
      coldStarts: '1%',
      init: '300ms',
      runtime: 'provided.al2023',
      initBilled: false,
      apiGateway: 'http',
      requestSize: '600KB',
      natAzs: '2',
      natData: '20KB',
      logSize: '1KB',
    });
    if (!input.ok) throw new Error(input.error.join('\n'));
    expect(input.value).toMatchObject({
      requests: 6e6,
      durationMs: 280,
      memoryMb: 4096,
      ephemeralStorageMb: 2048,
      coldStarts: { share: 0.01, initMs: 300, runtime: 'provided.al2023', initBilled: false },
      apiGateway: { type: 'http', bytesPerRequest: 600 * 1024 },
      natGateway: { azs: 2, bytesPerRequest: 20 * 1024 },
      logBytesPerRequest: 1024,
    });
  });
  it('runCost throws UserInputError for bad flags', () => {
    expect(() =>
      runCost({ requests: '1M', duration: '1s', memory: '128', rdsProxyVcpus: '2', rdsProxyAcus: '8' }),
    ).toThrow(UserInputError);
  });
});
