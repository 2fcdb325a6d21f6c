/**
 * Placeholder traffic of functions the template does not invoke. AWS applies a function's
 * asynchronous invocation settings (EventInvokeConfig's destinations, retries and maximum age, the
 * dead-letter queue) to asynchronous invocations only, so such a function's placeholder is
 * `via: async`; a function another asynchronously invoked function names as its destination is
 * reached by that destination and gets no placeholder of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { imported } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const vias = (traffic: readonly { name: string; target: string; via: string }[]) =>
  traffic.map((t) => [t.target, t.via]);

describe('placeholder traffic of functions without a trigger', () => {
  it('sam-event-destinations: the sources are invoked asynchronously and their destinations run', () => {
    const file = 'sam-event-destinations/template.yaml';
    const r = imported(readFileSync(join(FIXTURES, file), 'utf8'), {}, file);
    // DestinationLambda is EventDestinationLambda's onSuccess destination: no traffic of its own.
    expect(vias(r.scenario.traffic)).toEqual([
      ['EventDestinationLambda', 'async'],
      ['EventDestinationSQSSNS', 'async'],
    ]);
    expect(r.text).toContain(
      'via: async # asynchronous: its destinations, maximumRetryAttempts, maximumEventAge apply only to asynchronous invocations',
    );
    const out = runScenario(r.scenario).summary;
    const lambda = out.functions.EventDestinationLambda.invocations;
    const sqsSns = out.functions.EventDestinationSQSSNS.invocations;
    // The placeholder handler never fails: every success goes to its onSuccess destination.
    expect(lambda.succeeded).toBeGreaterThan(3000);
    expect(out.functions.DestinationLambda.invocations.arrived).toBe(lambda.succeeded);
    const queue = out.resources['my-sqs-arn'] as { sent: number };
    expect(queue.sent).toBe(sqsSns.succeeded);
  });

  it('a dead-letter queue alone makes the placeholder asynchronous', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq: { Type: AWS::SQS::Queue }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
  Plain:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler }
`);
    expect(vias(r.scenario.traffic)).toEqual([
      ['Worker', 'async'],
      ['Plain', 'direct'],
    ]);
  });

  it('the destination of a function invoked only synchronously keeps its own placeholder', () => {
    // Destinations never run for the API's synchronous invocations, so nothing else reaches Audit.
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Audit:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      EventInvokeConfig:
        DestinationConfig: { OnSuccess: { Type: Lambda, Destination: !GetAtt Audit.Arn } }
      Events:
        Get: { Type: HttpApi }
`);
    expect(vias(r.scenario.traffic)).toEqual([
      ['Api', 'api-gateway-http'],
      ['Audit', 'direct'],
    ]);
  });

  it('destinations in a cycle that nothing else invokes: the first gets the placeholder', () => {
    const fn = (name: string, other: string) => `
  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      EventInvokeConfig:
        DestinationConfig: { OnSuccess: { Type: Lambda, Destination: !GetAtt ${other}.Arn } }`;
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:${fn('Ping', 'Pong')}${fn('Pong', 'Ping')}
`);
    expect(vias(r.scenario.traffic)).toEqual([['Ping', 'async']]);
  });

  it('one placeholder per front door names every event source it stands for', () => {
    // sam-all-event-sources: CloudWatchLogs and IoTRule are both approximated as async; the
    // explicit and the implicit REST API both reach the function through api-gateway-rest.
    const file = 'sam-all-event-sources/template.yaml';
    const r = imported(readFileSync(join(FIXTURES, file), 'utf8'), {}, file);
    expect(vias(r.scenario.traffic).filter(([t]) => t === 'MyAwesomeFunction')).toEqual([
      ['MyAwesomeFunction', 'eventbridge'],
      ['MyAwesomeFunction', 'async'],
      ['MyAwesomeFunction', 'api-gateway-rest'],
    ]);
    expect(r.text).toContain(
      '# assumption: CloudWatchLogs events (approximation) and IoTRule events (approximation); replace the rate',
    );
    expect(r.text).toContain(
      '# assumption: Api event ExplicitApi and Api event ImplicitApi; replace the rate',
    );
  });
});
