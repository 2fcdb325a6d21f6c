/**
 * Lambda features that change how a function runs or is billed, which lamsim does not model: the
 * import says so loudly (a warning in its issues, so `stack:` runs print it too, and a header note
 * naming the results that do not apply), instead of listing them among properties with no effect.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/index.ts';
import { ok } from '../../src/result.ts';
import { importStack, writeImportedScenario } from '../../src/stack/index.ts';
import { fixtureText, imported } from './helpers.ts';

const fixture = fixtureText;

describe('Lambda Managed Instances (CapacityProviderConfig)', () => {
  it('warns that the function runs on Managed Instances, which lamsim does not model (CloudFormation, cdk synth)', () => {
    const r = imported(fixture('cdk-capacity-provider', 'template.json'), {}, 'template.json');
    const warnings = r.warnings.map(formatIssue);
    expect(warnings).toEqual([
      expect.stringMatching(
        /template\.json:13:\d+ Resources\.Function76856677\.Properties\.CapacityProviderConfig: warning: Function76856677 runs on Lambda Managed Instances \(the capacity provider CapacityProvider7AA4F436\), which lamsim does not model: it is simulated and billed as on-demand Lambda/,
      ),
    ]);
    expect(r.text).not.toMatch(/no effect here:\n#\s+Function76856677: .*CapacityProviderConfig/);
    expect(r.text).toMatch(
      /Function76856677: runs on Lambda Managed Instances .* does not apply: cold starts .* concurrency and throttling .* its Lambda bill \(Managed Instances bill \$0\.20 per million requests \+ the EC2 instances \+ a 15 % management fee, no GB-second duration charge\)/,
    );
  });

  it("reads SAM's CapacityProviderConfig (Arn, PerExecutionEnvironmentMaxConcurrency) the same way", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties: {}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      CapacityProviderConfig:
        Arn: !GetAtt Provider.Arn
        PerExecutionEnvironmentMaxConcurrency: 64
`);
    expect(r.warnings.map(formatIssue)).toEqual([
      expect.stringMatching(
        /warning: Fn runs on Lambda Managed Instances \(the capacity provider Provider\)/,
      ),
    ]);
    expect(r.text).toMatch(
      /each environment serves up to 64 requests at once \(PerExecutionEnvironmentMaxConcurrency\)/,
    );
  });
});

describe('Lambda durable functions (DurableConfig)', () => {
  it('warns that durable executions are not simulated or billed, nor an ExecutionTimeout above 900 s (aws-cdk durable-config)', () => {
    const r = imported(
      fixture('cdk-durable-config', 'aws-cdk-lambda-durable-config.template.json'),
      {},
      'template.json',
    );
    const warnings = r.warnings.map(formatIssue);
    expect(warnings).toHaveLength(2);
    for (const name of ['DurableFunction8FC9485F', 'DurableFunctionWithCmk4AAC4848'])
      expect(warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `Resources\\.${name}\\.Properties\\.DurableConfig: warning: ${name} is a durable function \\(DurableConfig\\), which lamsim does not model: its durable executions \\(checkpoints, waits, replays\\) are not simulated and not billed; its ExecutionTimeout of 3600 s is not simulated either`,
          ),
        ),
      );
    expect(r.text).not.toMatch(/no effect here:\n(#\s+.*\n)*#\s+DurableFunction8FC9485F: .*DurableConfig/);
    expect(r.text).toMatch(
      /DurableFunction8FC9485F: a durable function .* the bill leaves out the durable executions' charges \(\$8\.00 per million durable operations, \$0\.25 per GB written, \$0\.15 per GB-month retained\)/,
    );
  });
});

describe('an API that sends requests straight to SQS (service integration)', () => {
  it('notes that the API is not simulated and its requests are not billed (serverless-patterns apigw-http-api-fifo-sqs, api.yaml by AWS::Include)', () => {
    const r = importStack(
      [{ fileName: 'template.yaml', text: fixture('apigw-http-fifo-sqs', 'template.yaml') }],
      {
        readFile: (_template, path) => ok(fixtureText('apigw-http-fifo-sqs', path)),
      },
    );
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    const text = writeImportedScenario(r.value.scenario);
    expect(text).toContain(
      "MyAPI: the API sends requests straight to the SQS queue MySQSQueue (an API Gateway service integration); the queue's traffic stands for those requests, but the API is not simulated: its requests are not billed (API Gateway's per-request price) and its latency is not in the results.",
    );
  });

  it('says nothing when the included definition cannot be read', () => {
    const r = imported(fixture('apigw-http-fifo-sqs', 'template.yaml'));
    expect(r.text).not.toMatch(/sends requests straight to/);
  });
});
