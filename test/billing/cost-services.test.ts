/** `lamsim cost` flags for the data and messaging services and Compute Savings Plans (issues 12 and 18). */
import { describe, expect, it } from 'vitest';
import { calculateCost } from '../../src/billing/index.ts';
import { type CostArgs, costInput } from '../../src/cli/costInput.ts';
import { formatUsd } from '../../src/report/index.ts';
import { line } from './helpers.ts';

const base = { requests: '0', duration: '1ms', memory: '128' };

function bill(args: CostArgs) {
  const input = costInput({ ...base, ...args });
  if (!input.ok) throw new Error(input.error.join('\n'));
  return calculateCost(input.value);
}

describe('lamsim cost: services around Lambda', () => {
  it('--rds-instance bills 730 instance-hours of the class (engine by --rds-engine)', () => {
    expect(
      line(bill({ rdsInstance: 'db.r6g.large' }), 'rds', 'db.r6g.large instance hours (rds-postgres)'),
    ).toMatchObject({
      quantity: 730,
      usd: 164.25,
    });
    const aurora = bill({ rdsInstance: 'db.r6g.large', rdsEngine: 'aurora-mysql', rdsInstances: '2' });
    expect(line(aurora, 'aurora', 'db.r6g.large instance hours (aurora-mysql)')).toMatchObject({
      quantity: 1460,
      usd: 379.6,
    });
  });

  it('an unpriced class is refused, unless --price sets it', () => {
    const r = costInput({ ...base, rdsInstance: 'db.r7g.large', rdsEngine: 'aurora-postgresql' });
    expect(r.ok ? [] : r.error).toEqual([
      'lamsim cost: --rds-instance: no us-east-1 price for aurora-postgresql db.r7g.large; set it with --price database.aurora-postgresql.db.r7g.large=USD',
    ]);
    const priced = bill({
      rdsInstance: 'db.r7g.large',
      rdsEngine: 'aurora-postgresql',
      price: ['database.aurora-postgresql.db.r7g.large=0.276'],
    });
    expect(priced.totalUsd).toBeCloseTo(201.48, 10);
  });

  it("--kinesis-*: AWS's provisioned example prorated to a 730-hour month", () => {
    // 4 shards × 730 h × $0.015 = $43.80; 100 records/s of 35 KB = 2 PUT units each.
    const k = bill({
      kinesisShards: '4',
      kinesisRecords: String(100 * 3600 * 730),
      kinesisRecordSize: '35KB',
    });
    expect(line(k, 'kinesis', 'shard hours')).toMatchObject({ quantity: 2920, usd: 43.8 });
    expect(line(k, 'kinesis', 'PUT payload units').quantity).toBe(2 * 100 * 3600 * 730);
  });

  it('--kinesis-efo-consumers: consumer-shard-hours and every record pushed to each consumer', () => {
    // 3 consumers × 4 shards × 730 h × $0.015 = $131.40; 1M records of 1 MiB = 1,000 GiB read
    // by each of 3 consumers: 3,000 GB × $0.013 = $39.00.
    const k = bill({
      kinesisShards: '4',
      kinesisRecords: '1M',
      kinesisRecordSize: '1MB',
      kinesisEfoConsumers: '3',
    });
    expect(line(k, 'kinesis', 'enhanced fan-out consumer-shard hours')).toMatchObject({
      quantity: 8760,
      usd: 131.4,
    });
    expect(line(k, 'kinesis', 'enhanced fan-out data retrievals')).toMatchObject({
      quantity: (3e6 * 1024 ** 2) / 1024 ** 3,
    });
    expect(line(k, 'kinesis', 'enhanced fan-out data retrievals').usd).toBeCloseTo((3e6 / 1024) * 0.013, 10);
    const r = costInput({ ...base, kinesisShards: '1', kinesisEfoConsumers: '21' });
    expect(r.ok ? [] : r.error).toEqual([
      'lamsim cost: --kinesis-efo-consumers: must be a whole number in 0..20, got 21',
    ]);
  });

  it('--sns-publishes, --eventbridge-events, --scheduler-invocations, --s3-puts, --s3-gets', () => {
    const b = bill({
      snsPublishes: '3M',
      snsMessageSize: '100KB',
      eventbridgeEvents: '2M',
      schedulerInvocations: '1M',
      s3Puts: '1M',
      s3Gets: '10M',
    });
    expect(line(b, 'sns', 'publishes')).toMatchObject({ quantity: 6e6, usd: 3 }); // 100 KB = 2 chunks
    expect(line(b, 'sns', 'deliveries to Lambda and SQS (no charge)')).toMatchObject({
      quantity: 3e6,
      usd: 0,
    });
    expect(line(b, 'eventbridge', 'custom events').usd).toBe(2);
    expect(line(b, 'eventbridge', 'scheduler invocations').usd).toBe(1);
    expect(line(b, 's3', 'PUT requests').usd).toBe(5);
    expect(line(b, 's3', 'GET requests').usd).toBe(4);
  });

  it('--savings-plan 17% on the mobile-backend example; --savings-plan-commitment bills what is unused', () => {
    const mobile = { requests: '3M', duration: '120ms', memory: '1536', freeTier: true };
    const sp = costInput({ ...mobile, savingsPlan: '17%' });
    if (!sp.ok) throw new Error(sp.error.join());
    expect(formatUsd(calculateCost(sp.value).totalUsd)).toBe('$2.34');
    const committed = costInput({ ...mobile, savingsPlan: '17%', savingsPlanCommitment: '0.01' });
    if (!committed.ok) throw new Error(committed.error.join());
    // $0.01 × 730 h = $7.30 committed; $1.94 used at 17% off; $5.36 unused.
    const c = calculateCost(committed.value);
    expect(line(c, 'lambda', 'savings plan commitment (unused)').usd).toBeCloseTo(7.3 - 1.93667054, 10);
    expect(formatUsd(c.totalUsd)).toBe('$7.70');
    const orphan = costInput({ ...mobile, savingsPlanCommitment: '0.01' });
    expect(orphan.ok ? [] : orphan.error).toEqual([
      'lamsim cost: --savings-plan-commitment: needs --savings-plan (alone it changes nothing on the bill)',
    ]);
  });
});
