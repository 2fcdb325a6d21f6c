/**
 * A scenario that points at its template (`stack:`): the template stays the source of truth for
 * configuration, the scenario adds traffic and behaviour and overrides what it writes, and every
 * issue points at the file that wrote the key.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/index.ts';
import { stackExpander } from '../../src/stack/index.ts';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Memory: { Type: Number, Default: 1024 }
Globals:
  Function:
    Runtime: python3.13
    Timeout: 20
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: { VisibilityTimeout: 180 }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: !Ref Memory
      ReservedConcurrentExecutions: 40
      Events:
        Http: { Type: HttpApi }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Queue: { Type: SQS, Properties: { Queue: !GetAtt Orders.Arn, BatchSize: 10 } }
`;

function parse(scenario: string, files: Record<string, string> = { 'infra/template.yaml': TEMPLATE }) {
  return parseScenario(scenario, {
    fileName: 'orders.yaml',
    expandStack: stackExpander({
      readFile: (p) => (p in files ? { ok: true, value: files[p] } : { ok: false, error: 'no such file' }),
      displayName: (p) => `app/${p}`,
    }),
  });
}

const SCENARIO = `lamsim: 1
stack:
  template: infra/template.yaml
  parameters: { Memory: 2048 }
traffic:
  - { target: Api, via: api-gateway-http, phases: [{ duration: 2m, arrivalRate: 20 }] }
  - { target: Orders, phases: [{ duration: 2m, arrivalRate: 5 }] }
functions:
  Api:
    reservedConcurrency: 60
    model: { compute: 30ms }
  Worker:
    model: { perRecord: { io: 5ms } }
`;

describe('stack: a scenario that points at its template', () => {
  it('takes configuration from the template and traffic and behaviour from the scenario', () => {
    const r = parse(SCENARIO);
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    const s = r.value.scenario;
    const api = s.functions.find((f) => f.name === 'Api');
    expect(api).toMatchObject({
      runtime: 'python3.13',
      memoryMb: 2048,
      timeoutMs: 20_000,
      reservedConcurrency: 60,
    });
    expect(api?.model.ioMs).toEqual({ kind: 'constant', value: 0 }); // the placeholder io is gone with the placeholder model
    const worker = s.functions.find((f) => f.name === 'Worker');
    expect(worker?.events.map((e) => e.kind)).toEqual(['sqs']);
    expect(s.resources.find((x) => x.name === 'Orders')).toMatchObject({ visibilityTimeoutMs: 180_000 });
    expect(s.traffic.map((t) => t.target)).toEqual(['Api', 'Orders']);
    expect(s.durationMs).toBe(120_000); // from the scenario's traffic, not the template's placeholder
    expect(r.value.warnings).toEqual([]);
  });

  it('runs on the template placeholders, with warnings, when the scenario adds nothing', () => {
    const r = parse('lamsim: 1\nstack: { template: infra/template.yaml }\n');
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    expect(r.value.scenario.durationMs).toBe(3_600_000);
    expect(r.value.warnings.map(formatIssue)).toEqual([
      "orders.yaml:2:8 stack: warning: no traffic written: running the template's placeholder traffic (1 request/s per event source); write traffic: to replace it",
      'orders.yaml:2:8 stack: warning: placeholder handler model (compute 10ms, io 40ms) for Api, Worker: write functions.<name>.model',
    ]);
  });

  it('points an issue at the scenario when the scenario wrote the key, else at the template line', () => {
    const bad = SCENARIO.replace('reservedConcurrency: 60', 'reservedConcurrency: lots');
    const r = parse(bad, { 'infra/template.yaml': TEMPLATE.replace('Timeout: 20', 'Timeout: 1200') });
    if (r.ok) expect.fail('expected errors');
    const lines = r.error.filter((i) => i.severity === 'error').map(formatIssue);
    expect(lines).toContainEqual(
      expect.stringMatching(/^orders\.yaml:10:26 functions\.Api\.reservedConcurrency: /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^app\/infra\/template\.yaml:7:14 functions\.Worker\.timeout: timeout 20m is above Lambda's maximum/,
      ),
    );
  });

  it("a serverless.yml's provider.region: its prices warning points at that line", () => {
    const sls =
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  region: us-west-2\nfunctions:\n  f: { handler: h.f }\n';
    const r = parse('lamsim: 1\nstack: { template: serverless.yml }\n', { 'serverless.yml': sls });
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    expect(r.value.scenario.region).toBe('us-west-2');
    expect(r.value.warnings.map(formatIssue)).toContainEqual(
      expect.stringMatching(/^app\/serverless\.yml:5:11 region: warning: lamsim's us-west-2 prices/),
    );
  });

  it('a misspelt override is an error naming the closest template element; a new element needs its kind', () => {
    const typo = SCENARIO.replace('  Worker:\n', '  Wroker:\n').concat(
      'resources:\n  Ordres: { visibilityTimeout: 5m }\n  Extra: { type: sqs-queue }\n',
    );
    const r = parse(typo);
    if (r.ok) expect.fail('expected errors');
    expect(r.error.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([
      "orders.yaml:12:3 functions.Wroker: 'Wroker' is not a function of the stack's templates (did you mean 'Worker'?); their functions: Api, Worker. To add a function beside them, write its runtime",
      "orders.yaml:15:3 resources.Ordres: 'Ordres' is not a resource of the stack's templates (did you mean 'Orders'?); their resources: Orders. To add a resource beside them, write its type",
    ]);
    // An added element that says what it is stays a new element.
    const added = parse(SCENARIO.concat('  Extra: { runtime: nodejs22.x, model: { compute: 5ms } }\n'));
    expect(added.ok && added.value.scenario.functions.map((f) => f.name)).toEqual(['Api', 'Worker', 'Extra']);
  });

  it('template errors come back at the template; a missing template at stack.template', () => {
    const missing = parse('lamsim: 1\nstack: { template: nope.yaml }\n');
    expect(missing.ok ? [] : missing.error.map(formatIssue)).toEqual([
      'orders.yaml:2:20 stack.template: cannot read the template nope.yaml (relative to this file): no such file',
    ]);
    const broken = parse(
      'lamsim: 1\nstack: { template: infra/template.yaml, parameters: { Memory: big } }\n',
    );
    expect(broken.ok ? [] : broken.error.map(formatIssue)).toEqual([
      'app/infra/template.yaml:15:24 Resources.Api.Properties.MemorySize: expected a number, got "big"',
    ]);
  });

  it('without a template reader, stack: is an error rather than silently ignored', () => {
    const r = parseScenario('lamsim: 1\nstack: { template: t.yaml }\nfunctions: {}\n', {
      fileName: 'x.yaml',
    });
    expect(r.ok).toBe(false);
  });
});
