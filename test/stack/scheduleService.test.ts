/**
 * Scheduled EventBridge rules and EventBridge Scheduler schedules are different services: a SAM
 * `Schedule` event, an AWS::Events::Rule with a ScheduleExpression and a Serverless `schedule`
 * (method eventBus, its default) create a rule, which is free; a SAM `ScheduleV2`, an
 * AWS::Scheduler::Schedule and a Serverless `schedule` with `method: scheduler` create an EventBridge
 * Scheduler schedule, billed per invocation ($1.00 per million, 14M free a month). Import keeps them
 * apart (`service: rule`) and the bill charges Scheduler invocations only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { fnOf, imported } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const services = (events: readonly { kind: string }[]) =>
  events.filter((e) => e.kind === 'schedule').map((e) => (e as unknown as { service: string }).service);

describe('schedules: EventBridge rule or EventBridge Scheduler', () => {
  it('SAM Schedule is a rule, ScheduleV2 is Scheduler; only Scheduler invocations are billed', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Job:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Rule: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
        Scheduler: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(5 minutes) } }
`);
    expect(services(fnOf(r.scenario, 'Job').events)).toEqual(['rule', 'scheduler']);
    expect(r.text).toContain('- schedule: { expression: rate(1 minute), service: rule }');
    expect(r.text).toContain('- schedule: rate(5 minutes)');
    const out = runScenario(r.scenario);
    // One hour: the rule fires 60 times, the Scheduler schedule 12 (at 0, 5, ..., 55 minutes).
    expect(out.summary.functions.Job.invocations.arrived).toBe(72);
    const lines = out.cost.window.lines.filter((l) => l.service === 'eventbridge');
    expect(lines.map((l) => [l.item, l.quantity])).toEqual([['scheduler invocations', 12]]);
    expect(lines[0].usd).toBeCloseTo(12 * 0.000001, 12);
  });

  it('CloudFormation: AWS::Events::Rule is a rule, AWS::Scheduler::Schedule is Scheduler', () => {
    const r = imported(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.12, Handler: app.handler, Role: arn:aws:iam::1:role/x, Code: { ZipFile: x } }
  Nightly:
    Type: AWS::Events::Rule
    Properties: { ScheduleExpression: cron(0 2 * * ? *), Targets: [{ Id: t, Arn: !GetAtt Fn.Arn }] }
  Hourly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !GetAtt Fn.Arn, RoleArn: arn:aws:iam::1:role/s }
`);
    expect(services(fnOf(r.scenario, 'Fn').events)).toEqual(['rule', 'scheduler']);
  });

  it('Serverless: schedule is a rule unless method: scheduler', () => {
    const r = imported(
      `
service: jobs
provider: { name: aws, runtime: nodejs20.x }
functions:
  job:
    handler: h.run
    events:
      - schedule: rate(10 minutes)
      - schedule: { rate: rate(1 hour), method: scheduler }
`,
      {},
      'serverless.yml',
    );
    expect(services(fnOf(r.scenario, 'job').events)).toEqual(['rule', 'scheduler']);
  });

  it('sls-scheduled-cron: two scheduled rules, no Scheduler invocations billed', () => {
    const file = 'sls-scheduled-cron/serverless.yml';
    const r = imported(readFileSync(join(FIXTURES, file), 'utf8'), {}, file);
    const out = runScenario(r.scenario);
    // cron: rate(1 minute), 60 in the hour; secondCron: every 2nd minute on Monday, 30.
    expect(out.summary.functions.cron.invocations.arrived).toBe(60);
    expect(out.summary.functions.secondCron.invocations.arrived).toBe(30);
    expect(out.cost.window.lines.filter((l) => l.service === 'eventbridge')).toEqual([]);
  });

  it('a written schedule without service is EventBridge Scheduler, as before', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Job:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Every: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 minute) } }
`);
    const out = runScenario(r.scenario);
    const line = out.cost.window.lines.find((l) => l.item === 'scheduler invocations');
    expect(line?.quantity).toBe(60);
  });
});
