/**
 * SAM: every function property and event source the importer maps, Globals, and the written
 * comments. Values are checked after the round trip through the scenario parser, so they are what
 * the simulation sees.
 */
import { describe, expect, it } from 'vitest';
import { fnOf, imported, resourceOf } from './helpers.ts';

const FULL = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    MemorySize: 512
    Timeout: 10
    Architectures: [x86_64]
    VpcConfig:
      SecurityGroupIds: [sg-global]
      SubnetIds: [subnet-a]
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 360
      MessageRetentionPeriod: 1209600
      RedrivePolicy: { deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 5 }
  OrdersDlq:
    Type: AWS::SQS::Queue
  Failures:
    Type: AWS::SQS::Queue
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 4, RetentionPeriodHours: 48 }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java21
      MemorySize: 2048
      Timeout: 60
      Architectures: [arm64]
      EphemeralStorage: { Size: 1024 }
      ReservedConcurrentExecutions: 50
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 10 }
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt OrdersDlq.Arn }
      EventInvokeConfig:
        MaximumRetryAttempts: 0
        MaximumEventAgeInSeconds: 120
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: !GetAtt Failures.Arn }
      FunctionUrlConfig: { AuthType: NONE }
      VpcConfig:
        SubnetIds: [subnet-b]
      Events:
        Http: { Type: HttpApi }
        Bus: { Type: EventBridgeRule, Properties: { Pattern: { source: [orders] } } }
        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: cron(0 2 * * ? *), ScheduleExpressionTimezone: Europe/Paris }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      SnapStart: { ApplyOn: PublishedVersions }
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 50
            MaximumBatchingWindowInSeconds: 5
            ScalingConfig: { MaximumConcurrency: 20 }
            FunctionResponseTypes: [ReportBatchItemFailures]
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: LATEST
            BatchSize: 500
            ParallelizationFactor: 2
            MaximumRetryAttempts: 3
            BisectBatchOnFunctionError: true
            DestinationConfig: { OnFailure: { Destination: !GetAtt Failures.Arn } }
        Old: { Type: Schedule, Properties: { Schedule: rate(5 minutes), Enabled: false } }
`;

describe('SAM functions', () => {
  const r = imported(FULL);

  it('keeps every literal setting of the function', () => {
    const api = fnOf(r.scenario, 'Api');
    expect(api.runtime).toBe('java21');
    expect(api.architecture).toBe('arm64');
    expect(api.memoryMb).toBe(2048);
    expect(api.timeoutMs).toBe(60_000);
    expect(api.ephemeralStorageMb).toBe(1024);
    expect(api.reservedConcurrency).toBe(50);
    expect(api.provisionedConcurrency).toBe(10);
    expect(api.deadLetterQueue).toBe('OrdersDlq');
    expect(api.maximumRetryAttempts).toBe(0);
    expect(api.maximumEventAgeMs).toBe(120_000);
    expect(api.destinations).toEqual({ onSuccess: null, onFailure: 'Failures' });
  });

  it('applies Globals: primitives replaced, lists additive, Architectures replaced', () => {
    const api = fnOf(r.scenario, 'Api');
    expect(api.vpc?.subnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(api.vpc?.securityGroupIds).toEqual(['sg-global']);
    const worker = fnOf(r.scenario, 'Worker');
    expect(worker.runtime).toBe('python3.12');
    expect(worker.memoryMb).toBe(512);
    expect(worker.timeoutMs).toBe(10_000);
    expect(worker.architecture).toBe('x86_64');
    expect(worker.snapStart).toBe(true);
  });

  it('maps polled event sources with their settings', () => {
    const worker = fnOf(r.scenario, 'Worker');
    const sqs = worker.events.find((e) => e.kind === 'sqs') as unknown as Record<string, unknown>;
    expect(sqs).toMatchObject({
      queue: 'Orders',
      batchSize: 50,
      maximumBatchingWindowMs: 5000,
      maximumConcurrency: 20,
      reportBatchItemFailures: true,
    });
    const stream = worker.events.find((e) => e.kind === 'stream') as unknown as Record<string, unknown>;
    expect(stream).toMatchObject({
      stream: 'Clicks',
      batchSize: 500,
      parallelizationFactor: 2,
      maximumRetryAttempts: 3,
      bisectBatchOnFunctionError: true,
      onFailure: 'Failures',
    });
    expect(r.text).toMatch(/- schedule: \{ expression: rate\(5 minutes\), enabled: false, service: rule \}/);
    expect(resourceOf(r.scenario, 'Orders')).toMatchObject({
      visibilityTimeoutMs: 360_000,
      deadLetterQueue: 'OrdersDlq',
      maxReceiveCount: 5,
    });
    expect(resourceOf(r.scenario, 'Clicks')).toMatchObject({ shardCount: 4, retentionMs: 48 * 3_600_000 });
  });

  it('turns front doors and pushes into placeholder traffic, one per source', () => {
    const traffic = r.scenario.traffic.map((t) => `${t.target}:${t.via}`).sort();
    expect(traffic).toEqual([
      'Api:api-gateway-http',
      'Api:eventbridge',
      'Api:function-url',
      'Clicks:direct',
      'Orders:direct',
    ]);
    const api = fnOf(r.scenario, 'Api');
    expect(api.events.map((e) => e.kind)).toEqual(['schedule']);
    expect(r.text).toMatch(/Europe\/Paris; lamsim runs schedules in UTC/);
  });

  it('marks every placeholder as an assumption and lists what it ignores', () => {
    for (const line of r.text.split('\n').filter((l) => /arrivalRate|compute:|io:|^duration/.test(l))) {
      const i = r.text.indexOf(line);
      const context = r.text.slice(Math.max(0, i - 200), i + line.length);
      expect(context, line).toMatch(/assumption/);
    }
    expect(r.text).toMatch(/Worker: Handler/);
    expect(r.text).toMatch(/^# Imported by `lamsim import` from template\.yaml/m);
  });
});

describe('SAM template details', () => {
  it('maps a deprecated runtime to the nearest known one with a warning and a comment', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Old: { Type: AWS::Serverless::Function, Properties: { Runtime: python3.7, Handler: a.b } }
  Odd: { Type: AWS::Serverless::Function, Properties: { Runtime: cobol85, Handler: a.b } }
  Go: { Type: AWS::Serverless::Function, Properties: { Runtime: go1.x, Handler: main } }
`);
    expect(fnOf(r.scenario, 'Old').runtime).toBe('python3.9');
    expect(fnOf(r.scenario, 'Odd').runtime).toBe('provided.al2023');
    expect(fnOf(r.scenario, 'Go').runtime).toBe('provided.al2');
    expect(fnOf(r.scenario, 'Go').runtimeProfile).toBe('go');
    expect(r.warnings.map((w) => `${w.line}:${w.path}`)).toEqual([
      '4:Resources.Old.Properties.Runtime',
      '5:Resources.Odd.Properties.Runtime',
      '6:Resources.Go.Properties.Runtime',
    ]);
    expect(r.text).toMatch(/runtime: python3\.9 # python3\.7 is deprecated/);
  });

  it('warns once about a deprecated runtime that Globals gives every function', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs12.x }
Resources:
  A: { Type: AWS::Serverless::Function, Properties: { Handler: a.h } }
  B: { Type: AWS::Serverless::Function, Properties: { Handler: b.h } }
`);
    expect(fnOf(r.scenario, 'B').runtime).toBe('nodejs20.x');
    expect(r.warnings.map((w) => `${w.line}:${w.col} ${w.message}`)).toEqual([
      '4:24 nodejs12.x is deprecated or unknown to lamsim; simulated as nodejs20.x, the nearest it knows',
    ]);
  });

  it('lists an unknown resource type as not modelled, without failing', () => {
    const r = imported(`
Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, Role: r, Code: { ZipFile: x } } }
  Thing: { Type: Custom::Whatever, Properties: { A: 1 } }
  Job: { Type: AWS::Glue::Job }
`);
    expect(r.text).toMatch(/# {3}AWS::Glue::Job: Job/);
    expect(r.text).toMatch(/# {3}Custom::Whatever: Thing/);
  });

  it('raises the account quota when the template reserves more than the default leaves', () => {
    const r = imported(`
Resources:
  A: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, ReservedConcurrentExecutions: 600 } }
  B: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, ReservedConcurrentExecutions: 500 } }
`);
    expect(r.scenario.account.concurrentExecutions).toBe(1200);
  });
  it('reads provisioned mode of SQS mappings (ProvisionedPollerConfig), SAM events and EventSourceMapping alike', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 180 } }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Timeout: 30
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            ProvisionedPollerConfig: { MinimumPollers: 4, MaximumPollers: 120 }
  Other:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler, Timeout: 30 }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Other
      EventSourceArn: !GetAtt Jobs.Arn
      ProvisionedPollerConfig: { MinimumPollers: 3 }
`);
    const pollers = (name: string) => {
      const sqs = fnOf(r.scenario, name).events.find((e) => e.kind === 'sqs');
      return sqs?.kind === 'sqs' ? sqs.provisionedPollers : undefined;
    };
    expect(pollers('Worker')).toEqual({ min: 4, max: 120 });
    expect(pollers('Other')).toEqual({ min: 3, max: 200 });
    expect(r.text).not.toMatch(/ProvisionedPollerConfig .* not modelled/);
  });
});

describe('SAM SNS events with SqsSubscription', () => {
  it('read the queue SAM subscribes to the topic, in batches, with traffic published to the topic', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Mine: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 60 } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Events:
        Created: { Type: SNS, Properties: { Topic: !Ref Topic, SqsSubscription: true } }
        Updated:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: { QueueArn: !GetAtt Mine.Arn, QueueUrl: !Ref Mine, BatchSize: 5 }
`);
    const fn = fnOf(r.scenario, 'Fn');
    expect(fn.events).toMatchObject([
      { kind: 'sqs', queue: 'FnCreatedQueue', batchSize: 10 },
      { kind: 'sqs', queue: 'Mine', batchSize: 5 },
    ]);
    expect(resourceOf(r.scenario, 'FnCreatedQueue')).toMatchObject({ type: 'sqs-queue' });
    expect(resourceOf(r.scenario, 'Topic')).toMatchObject({ deliverTo: ['FnCreatedQueue', 'Mine'] });
    // One placeholder, into the topic, naming both queues and their reader.
    expect(r.scenario.traffic.map((t) => t.target)).toEqual(['Topic']);
    expect(r.text).toMatch(
      /# assumption: messages published to Topic, delivered to FnCreatedQueue, read by Fn and messages published to Topic, delivered to Mine, read by Fn; replace the rate/,
    );
    expect(r.text).toMatch(/FnCreatedQueue: the SQS queue SAM creates for Fn's SNS event Created/);
  });
});

describe('API integration timeouts', () => {
  const timeouts = (r: ReturnType<typeof imported>) =>
    r.scenario.traffic.map((t) => `${t.via} ${t.integrationTimeoutMs}`).sort();

  it("carry a SAM Api or HttpApi event's TimeoutInMillis to integrationTimeout", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 3
      Events:
        H: { Type: HttpApi, Properties: { Path: /x, Method: get, TimeoutInMillis: 5000 } }
        R: { Type: Api, Properties: { Path: /y, Method: get, TimeoutInMillis: 2500 } }
`);
    expect(timeouts(r)).toEqual(['api-gateway-http 5000', 'api-gateway-rest 2500']);
    expect(r.text).toMatch(/integrationTimeout: 2500ms/);
  });

  it('carry the TimeoutInMillis of CloudFormation integrations', () => {
    const r = imported(`
Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Http: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: h, ProtocolType: HTTP } }
  HttpIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
      TimeoutInMillis: 8000
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration:
        Type: AWS_PROXY
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
        TimeoutInMillis: 1000
`);
    expect(timeouts(r)).toEqual(['api-gateway-http 8000', 'api-gateway-rest 1000']);
  });

  it("carry a REST API's endpoint type, so a regional API's timeout above 29 s imports (SAM, Globals.Api, CloudFormation)", () => {
    // Above 29 s only a regional or private REST API may wait (API Gateway, June 2024): without
    // the endpoint type the scenario would be an edge API and refuse the 60 s timeout.
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    EndpointConfiguration: { Type: PRIVATE }
Resources:
  Regional: { Type: AWS::Serverless::Api, Properties: { StageName: prod, EndpointConfiguration: REGIONAL } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 90
      Events:
        R: { Type: Api, Properties: { RestApiId: !Ref Regional, Path: /r, Method: get, TimeoutInMillis: 60000 } }
        P: { Type: Api, Properties: { Path: /p, Method: get, TimeoutInMillis: 45000 } }
  Rest: { Type: AWS::ApiGateway::RestApi, Properties: { Name: r, EndpointConfiguration: { Types: [REGIONAL] } } }
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      HttpMethod: GET
      Integration:
        Type: AWS_PROXY
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
        TimeoutInMillis: 50000
`);
    expect(r.scenario.traffic.map((t) => `${t.endpointType} ${t.integrationTimeoutMs}`).sort()).toEqual([
      'private 45000',
      'regional 50000',
      'regional 60000',
    ]);
  });
});

describe('APIs defined by an OpenAPI body', () => {
  const integration = (fn: string, extra = '') => `
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST${extra}
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`;
  const via = (text: string) =>
    imported(text).scenario.traffic.map((t) => `${t.target} ${t.via} ${t.integrationTimeoutMs}`);

  it('are the front door of the functions their integrations invoke (SAM, HTTP API v2), with their timeouts', () => {
    expect(
      via(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /a:
            get:${integration('A', '\n                timeoutInMillis: 4000')}
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        swagger: '2.0'
        paths:
          /b:
            post:${integration('B')}
  A: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x } }
  B: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x } }
`),
    ).toEqual(['A api-gateway-http 4000', 'B api-gateway-rest 29000']);
    expect(
      via(`
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body:
        openapi: 3.0.1
        paths:
          /c:
            get:${integration('C')}
  C: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x } }
`),
    ).toEqual(['C api-gateway-http 30000']);
  });
});

describe('notes name event sources readably', () => {
  it('a disabled mapping on a template queue is named by its logical ID', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Q: { Type: AWS::SQS::Queue }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn, Enabled: false } }
`);
    expect(r.text).toMatch(/Fn: an event source mapping on Q is disabled \(Enabled: false\), left out\./);
    expect(r.text).not.toMatch(/logicalId/);
  });
});

describe('function URLs that stream responses', () => {
  it('say that the simulation does not stream (SAM FunctionUrlConfig, AWS::Lambda::Url)', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      FunctionUrlConfig: { AuthType: NONE, InvokeMode: RESPONSE_STREAM }
  Plain: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x } }
  PlainUrl:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !GetAtt Plain.Arn, AuthType: NONE, InvokeMode: RESPONSE_STREAM }
`);
    for (const name of ['Sam', 'Plain'])
      expect(r.text).toContain(`${name}: its function URL streams responses (InvokeMode RESPONSE_STREAM)`);
  });
});
