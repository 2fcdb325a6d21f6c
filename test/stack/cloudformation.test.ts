// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's and the Serverless Framework's own ${...} syntax
/**
 * Plain CloudFormation (what `cdk synth` writes): the resources that configure and trigger
 * functions, and the resources lamsim models (databases, proxies, endpoints, NAT).
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/index.ts';
import { importStack, writeImportedScenario } from '../../src/stack/index.ts';
import { fnOf, importErrors, imported, resourceOf } from './helpers.ts';

const TEMPLATE = JSON.stringify({
  Parameters: { Stage: { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
  },
  Resources: {
    Handler: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'orders-handler',
        Runtime: 'nodejs22.x',
        MemorySize: { 'Fn::If': ['IsProd', 1769, 256] },
        Timeout: 20,
        VpcConfig: {
          SubnetIds: [{ Ref: 'SubnetA' }, { Ref: 'SubnetB' }],
          SecurityGroupIds: [{ 'Fn::GetAtt': ['Sg', 'GroupId'] }],
        },
        DeadLetterConfig: { TargetArn: { Ref: 'Alarms' } },
      },
    },
    Java: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'java17', MemorySize: 1024, SnapStart: { ApplyOn: 'PublishedVersions' } },
    },
    Live: {
      Type: 'AWS::Lambda::Alias',
      Properties: {
        FunctionName: { Ref: 'Handler' },
        Name: 'live',
        ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 },
      },
    },
    Scaling: {
      Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      Properties: {
        ServiceNamespace: 'lambda',
        ScalableDimension: 'lambda:function:ProvisionedConcurrency',
        ResourceId: { 'Fn::Sub': 'function:${Handler}:live' },
        MinCapacity: 5,
        MaxCapacity: 40,
      },
    },
    ScalingPolicy: {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: {
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: { Ref: 'Scaling' },
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 0.7 },
      },
    },
    Async: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'Java' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: { OnSuccess: { Destination: { 'Fn::GetAtt': ['Handler', 'Arn'] } } },
      },
    },
    Url: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { Ref: 'Live' }, AuthType: 'NONE' } },
    Targets: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { TargetType: 'lambda', Targets: [{ Id: { 'Fn::GetAtt': ['Java', 'Arn'] } }] },
    },
    Nightly: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'rate(1 hour)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: { 'Fn::GetAtt': ['Java', 'Arn'] }, RoleArn: 'r' },
      },
    },
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': ['Handler', 'Arn'] },
      },
    },
    Alarms: { Type: 'AWS::SNS::Topic' },
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.r6i.large' } },
    Proxy: { Type: 'AWS::RDS::DBProxy', Properties: { EngineFamily: 'POSTGRESQL' } },
    ProxyTargets: {
      Type: 'AWS::RDS::DBProxyTargetGroup',
      Properties: {
        DBProxyName: { Ref: 'Proxy' },
        TargetGroupName: 'default',
        DBInstanceIdentifiers: [{ Ref: 'Db' }],
        ConnectionPoolConfigurationInfo: { MaxConnectionsPercent: 90, ConnectionBorrowTimeout: 30 },
      },
    },
    S3Endpoint: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: { ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' }, VpcId: 'v' },
    },
    SecretsEndpoint: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: 'com.amazonaws.eu-west-1.secretsmanager',
        VpcEndpointType: 'Interface',
        SubnetIds: ['a', 'b'],
        VpcId: 'v',
      },
    },
    DevOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsDev' },
  },
});

describe('plain CloudFormation', () => {
  const r = imported(TEMPLATE, {}, 'stack.template.json');

  it('resolves parameters and conditions in function properties', () => {
    const h = fnOf(r.scenario, 'Handler');
    expect(h.memoryMb).toBe(1769);
    expect(h.timeoutMs).toBe(20_000);
    expect(h.vpc?.subnetIds).toEqual(['SubnetA', 'SubnetB']);
    expect(h.deadLetterQueue).toBe('Alarms');
    expect(r.scenario.resources.some((x) => x.name === 'DevOnly')).toBe(false);
    expect(r.text).toMatch(/AWS::SQS::Queue \(its Condition IsDev is false\): DevOnly/);
  });

  it('sums provisioned concurrency over aliases and reads its auto scaling', () => {
    const h = fnOf(r.scenario, 'Handler');
    expect(h.provisionedConcurrency).toBe(5);
    expect(h.provisioned).toMatchObject({ autoScaling: { minimum: 5, maximum: 40, targetUtilization: 0.7 } });
  });

  it('reads EventInvokeConfig, SnapStart, URLs, ALB targets, schedules and HTTP API integrations', () => {
    const j = fnOf(r.scenario, 'Java');
    expect(j.snapStart).toBe(true);
    expect(j.maximumRetryAttempts).toBe(1);
    expect(j.maximumEventAgeMs).toBe(3_600_000);
    expect(j.destinations.onSuccess).toBe('Handler');
    expect(j.events.map((e) => e.kind)).toEqual(['schedule']);
    const traffic = r.scenario.traffic.map((t) => `${t.target}:${t.via}`).sort();
    expect(traffic).toEqual(['Handler:api-gateway-http', 'Handler:function-url', 'Java:alb']);
  });

  it('maps databases, proxies and endpoints', () => {
    expect(resourceOf(r.scenario, 'Db')).toMatchObject({
      type: 'rds-postgres',
      instanceClass: 'db.r6g.large',
    });
    expect(r.warnings.some((w) => /db\.r6i\.large: simulated as db\.r6g\.large/.test(w.message))).toBe(true);
    expect(resourceOf(r.scenario, 'Proxy')).toMatchObject({
      type: 'rds-proxy',
      target: 'Db',
      maxConnectionsFraction: 0.9,
      connectionBorrowTimeoutMs: 30_000,
    });
    expect(resourceOf(r.scenario, 'S3Endpoint')).toMatchObject({ service: 's3', endpointType: 'gateway' });
    expect(resourceOf(r.scenario, 'SecretsEndpoint')).toMatchObject({
      service: 'secretsmanager',
      endpointType: 'interface',
      azs: 2,
    });
  });

  it('takes a --parameter override over the Default', () => {
    const dev = imported(TEMPLATE, { Stage: 'dev' }, 'stack.template.json');
    expect(fnOf(dev.scenario, 'Handler').memoryMb).toBe(256);
    expect(dev.scenario.resources.some((x) => x.name === 'DevOnly')).toBe(true);
  });
});

describe('queues outside the template', () => {
  it('get a visibility timeout AWS accepts for their consumers, marked as an assumption', () => {
    const r = imported(`
Resources:
  Slow:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Timeout: 120 }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Slow, EventSourceArn: arn:aws:sqs:us-east-1:111122223333:jobs }
`);
    expect(resourceOf(r.scenario, 'jobs')).toMatchObject({ type: 'sqs-queue', visibilityTimeoutMs: 720_000 });
    expect(r.text).toMatch(/visibilityTimeout: 720 # assumption: 6 x the consumer's timeout/);
  });
});

describe('provisioned concurrency auto scaling as the CDK writes it', () => {
  it("finds the function in the scalable target's ResourceId taken out of the alias ARN", () => {
    const r = imported(`
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, FunctionName: orders }
  Live:
    Type: AWS::Lambda::Alias
    Properties: { FunctionName: !Ref Fn, FunctionVersion: '1', Name: live }
  Target:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: lambda
      ScalableDimension: lambda:function:ProvisionedConcurrency
      ResourceId: !Join ['', ['function:', !Select [6, !Split [':', !Ref Live]], ':live']]
      MinCapacity: 2
      MaxCapacity: 20
  Policy:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties:
      PolicyType: TargetTrackingScaling
      ScalingTargetId: !Ref Target
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 0.6 }
`);
    expect(fnOf(r.scenario, 'Fn').provisioned).toMatchObject({
      autoScaling: { minimum: 2, maximum: 20, targetUtilization: 0.6 },
    });
  });
});

describe('Fn::ImportValue between templates imported together', () => {
  const APP = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Infra: { Type: String, Default: infra }
Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 10
      Events:
        Plain: { Type: SQS, Properties: { Queue: !ImportValue shared-orders-queue-arn, BatchSize: 5 } }
        ViaSub: { Type: SQS, Properties: { Queue: !ImportValue { 'Fn::Sub': '\${Infra}-Jobs' } } }
`;
  const INFRA = `
Resources:
  OrdersQueue: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 120 } }
  Jobs: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 90 } }
Outputs:
  Plain:
    Value: !GetAtt OrdersQueue.Arn
    Export: { Name: shared-orders-queue-arn }
  Stacked:
    Value: !GetAtt Jobs.Arn
    Export: { Name: !Sub '\${AWS::StackName}-Jobs' }
`;
  const read = (files: [string, string][]) => {
    const r = importStack(
      files.map(([fileName, text]) => ({ fileName, text })),
      {},
    );
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    const text = writeImportedScenario(r.value.scenario);
    const parsed = parseScenario(text, { fileName: 'imported.yaml' });
    if (!parsed.ok) expect.fail(`${text}\n${parsed.error.map(formatIssue).join('\n')}`);
    return { text, scenario: parsed.value.scenario };
  };

  it('resolve to the exported resource, whichever template comes first', () => {
    for (const order of [
      [
        ['app.yaml', APP],
        ['infra.yaml', INFRA],
      ],
      [
        ['infra.yaml', INFRA],
        ['app.yaml', APP],
      ],
    ] as [string, string][][]) {
      const { text, scenario } = read(order);
      expect(fnOf(scenario, 'Consumer').events).toMatchObject([
        { queue: 'OrdersQueue', batchSize: 5 },
        { queue: 'Jobs' },
      ]);
      expect(resourceOf(scenario, 'OrdersQueue')).toMatchObject({ visibilityTimeoutMs: 120_000 });
      expect(resourceOf(scenario, 'Jobs')).toMatchObject({ visibilityTimeoutMs: 90_000 });
      expect(scenario.resources.map((x) => x.name).sort()).toEqual(['Jobs', 'OrdersQueue']);
      expect(text).not.toMatch(/external/);
    }
  });

  it('is an external resource, and says which template to add, when no template exports it', () => {
    const { text } = read([['app.yaml', APP]]);
    expect(text).toMatch(
      /an external sqs-queue \(imported from another stack \(Fn::ImportValue shared-orders-queue-arn\)/,
    );
  });
});

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  const TEMPLATE_LOOP = `
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Names: { Type: CommaDelimitedList, Default: 'orders,billing-v2' }
Resources:
  'Fn::ForEach::Queues':
    - Name
    - !Ref Names
    - '&{Name}Queue':
        Type: AWS::SQS::Queue
        Properties: { QueueName: !Sub 'app-\${Name}', VisibilityTimeout: 60 }
      '&{Name}Worker':
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs22.x
          MemorySize: 512
          Events:
            Jobs: { Type: SQS, Properties: { Queue: !Sub 'arn:aws:sqs:us-east-1:111122223333:app-\${Name}' } }
  'Fn::ForEach::Sizes':
    - Size
    - ['256', '1024']
    - 'Fn::ForEach::Archs':
        - Arch
        - [arm64, x86_64]
        - 'Fn\${Size}&{Arch}':
            Type: AWS::Lambda::Function
            Properties: { Runtime: python3.12, MemorySize: !Ref Size, Architectures: [!Ref Arch] }
`;

  it('expands each loop into resources, replacing the identifier in keys, Ref and Sub', () => {
    const r = imported(TEMPLATE_LOOP);
    expect(r.scenario.functions.map((f) => f.name).sort()).toEqual([
      'Fn1024arm64',
      'Fn1024x8664',
      'Fn256arm64',
      'Fn256x8664',
      'billingv2Worker',
      'ordersWorker',
    ]);
    expect(fnOf(r.scenario, 'Fn256arm64')).toMatchObject({ memoryMb: 256, architecture: 'arm64' });
    expect(fnOf(r.scenario, 'billingv2Worker').events).toMatchObject([{ queue: 'billingv2Queue' }]);
    expect(resourceOf(r.scenario, 'ordersQueue')).toMatchObject({ visibilityTimeoutMs: 60_000 });
  });

  it("points at the loop's lines, and says what is wrong with a malformed loop", () => {
    const errors = importErrors(`
Resources:
  'Fn::ForEach::Broken': [Name, [a, b]]
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x }
  'Fn::ForEach::Sized':
    - Size
    - [big]
    - 'Fn\${Size}':
        Type: AWS::Lambda::Function
        Properties: { Runtime: nodejs22.x, MemorySize: !Sub '\${Size}' }
`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^template\.yaml:3:\d+ Resources\.Fn::ForEach::Broken: expected Fn::ForEach::Name: \[Identifier/,
    );
    expect(errors[1]).toMatch(/^template\.yaml:12:\d+ .*MemorySize: expected a number, got "big"/);
  });
});

describe('functions that run at deployment', () => {
  it("a CDK provider framework's user handlers get no traffic, like the framework function itself", () => {
    // cr.Provider as cdk synth writes it (aws-cdk custom-resources): the custom resource's
    // ServiceToken is the framework's onEvent function, which invokes the user's handlers.
    const r = imported(`
Resources:
  App: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, Code: { ZipFile: x } } }
  OnEvent: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, Code: { ZipFile: x } } }
  IsComplete: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, Handler: i.h, Code: { ZipFile: x } } }
  FrameworkOnEvent:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: framework.onEvent
      Code: { ZipFile: x }
      Environment:
        Variables:
          USER_ON_EVENT_FUNCTION_ARN: !GetAtt OnEvent.Arn
          USER_IS_COMPLETE_FUNCTION_ARN: !GetAtt IsComplete.Arn
  Thing:
    Type: Custom::Thing
    Properties: { ServiceToken: !GetAtt FrameworkOnEvent.Arn }
`);
    expect(r.scenario.traffic.map((t) => t.target)).toEqual(['App']);
    expect(r.text).toMatch(
      /FrameworkOnEvent: a custom resource handler \(Custom::Thing Thing\): it runs when the stack is deployed/,
    );
    expect(r.text).toMatch(
      /OnEvent: a custom resource handler \(Custom::Thing Thing\), called by the provider framework FrameworkOnEvent/,
    );
    expect(r.text).toMatch(
      /IsComplete: a custom resource handler .*called by the provider framework FrameworkOnEvent/,
    );
  });
});
