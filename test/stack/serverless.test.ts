// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's and the Serverless Framework's own ${...} syntax
/** Serverless Framework serverless.yml: provider defaults, variables, events and its CloudFormation resources. */
import { describe, expect, it } from 'vitest';
import { err, formatIssue, ok, parseScenario } from '../../src/index.ts';
import { importStack, stackExpander, writeImportedScenario } from '../../src/stack/index.ts';
import { fnOf, importErrors, imported, resourceOf } from './helpers.ts';

const SERVICE = `
service: shop
custom:
  workerMemory: 2048
provider:
  name: aws
  runtime: nodejs22.x
  architecture: arm64
  memorySize: 512
  stage: \${opt:stage, 'dev'}
  vpc:
    securityGroupIds: [sg-1]
    subnetIds: [subnet-1, subnet-2]
functions:
  api:
    handler: api.handler
    timeout: 29
    reservedConcurrency: 100
    provisionedConcurrency: 4
    url: true
    events:
      - http: GET /orders
      - httpApi: { method: post, path: /orders }
  worker:
    handler: worker.handler
    memorySize: \${self:custom.workerMemory}
    maximumRetryAttempts: 1
    maximumEventAge: 600
    destinations:
      onFailure: arn:aws:sqs:us-east-1:111122223333:failed-\${sls:stage}
    events:
      - sqs:
          arn: !GetAtt Jobs.Arn
          batchSize: 25
          maximumBatchingWindow: 2
          functionResponseType: ReportBatchItemFailures
          provisionedPollers: { min: 3 }
      - stream:
          type: dynamodb
          arn: { 'Fn::GetAtt': [Orders, StreamArn] }
          batchSize: 10
      - s3: uploads-\${sls:stage}
      - sns: order-events
      - eventBridge:
          pattern: { source: [shop] }
      - schedule:
          rate: [rate(10 minutes), cron(0 8 * * ? *)]
      - iot:
          sql: SELECT * FROM 'x'
  image:
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/tools@sha256:abc
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
      Properties: { VisibilityTimeout: 60 }
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        StreamSpecification: { StreamViewType: NEW_IMAGE }
`;

describe('serverless.yml', () => {
  const r = imported(SERVICE, {}, 'serverless.yml');

  it('applies provider settings under function settings, with the framework defaults', () => {
    const api = fnOf(r.scenario, 'api');
    expect(api).toMatchObject({
      runtime: 'nodejs22.x',
      architecture: 'arm64',
      memoryMb: 512,
      timeoutMs: 29_000,
    });
    expect(api.reservedConcurrency).toBe(100);
    expect(api.provisionedConcurrency).toBe(4);
    expect(api.vpc?.subnetIds).toEqual(['subnet-1', 'subnet-2']);
    const worker = fnOf(r.scenario, 'worker');
    expect(worker.memoryMb).toBe(2048); // ${self:custom.workerMemory} keeps its number
    expect(worker.timeoutMs).toBe(6000); // the framework's default
    expect(worker.maximumRetryAttempts).toBe(1);
    expect(worker.maximumEventAgeMs).toBe(600_000);
    expect(worker.destinations.onFailure).toBe('failed-dev');
    const image = fnOf(r.scenario, 'image');
    expect(image.packageType).toBe('image');
    expect(r.text).toMatch(/runtime: nodejs22\.x # assumption: the image's language/);
  });

  it('maps events to event sources and placeholder traffic', () => {
    const worker = fnOf(r.scenario, 'worker');
    expect(worker.events.map((e) => e.kind)).toEqual(['sqs', 'stream', 's3', 'sns', 'schedule', 'schedule']);
    expect(worker.events[0]).toMatchObject({
      queue: 'Jobs',
      batchSize: 25,
      maximumBatchingWindowMs: 2000,
      reportBatchItemFailures: true,
      // Serverless Framework's provisioned mode (provisionedPollers { min, max }; AWS's max default).
      provisionedPollers: { min: 3, max: 200 },
    });
    expect(worker.events[1]).toMatchObject({ streamType: 'dynamodb', stream: 'Orders', batchSize: 10 });
    expect(resourceOf(r.scenario, 'uploads-dev')).toMatchObject({ type: 's3-bucket' });
    expect(resourceOf(r.scenario, 'Jobs')).toMatchObject({ visibilityTimeoutMs: 60_000 });
    const traffic = r.scenario.traffic.map((t) => `${t.target}:${t.via}`).sort();
    expect(traffic).toEqual([
      'Jobs:direct',
      'Orders:direct',
      'api:api-gateway-http',
      'api:api-gateway-rest',
      'api:function-url',
      'image:direct',
      'order-events:direct',
      'uploads-dev:direct',
      'worker:async',
      'worker:eventbridge',
    ]);
    expect(r.text).toMatch(/worker: its IoTRule event source is not modelled; approximated as asynchronous/);
  });

  it('warns once about a deprecated provider runtime that every function inherits', () => {
    const r = imported(
      'service: old\nprovider: { name: aws, runtime: nodejs10.x }\nfunctions:\n  a: { handler: a.h }\n  b: { handler: b.h }\n',
      {},
      'serverless.yml',
    );
    expect(r.warnings.map(formatIssue)).toEqual([
      'serverless.yml:2:33 provider.runtime: warning: nodejs10.x is deprecated or unknown to lamsim; simulated as nodejs20.x, the nearest it knows',
    ]);
  });

  it('resolves ${opt:...} from --parameter', () => {
    const prod = imported(SERVICE, { stage: 'prod' }, 'serverless.yml');
    expect(fnOf(prod.scenario, 'worker').destinations.onFailure).toBe('failed-prod');
    expect(resourceOf(prod.scenario, 'uploads-prod')).toMatchObject({ type: 's3-bucket' });
  });

  it('a setting lamsim needs that a deploy-time variable leaves open is an error at its line', () => {
    const errors = importErrors(
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h\n    memorySize: ${ssm:/shop/memory}\n',
      {},
      'serverless.yml',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^serverless\.yml:8:17 functions\.f\.memorySize: lamsim needs this value, but \$\{ssm:\/shop\/memory\} is resolved by the Serverless Framework at deploy time: pass --parameter ssm:\/shop\/memory=VALUE$/,
    );
  });
});

describe('Serverless variables', () => {
  const service = (memory: string, extra = '') => `
service: s
custom:
  dev: { mem: 256 }
  prod: { mem: 3008 }
  memory: { dev: 512, prod: 2048 }
  fallback: 1536
provider:
  name: aws
  runtime: nodejs22.x
  stage: \${opt:stage, 'dev'}
functions:
  f:
    handler: h.h
    memorySize: ${memory}
${extra}`;

  it('resolve nested variables inner first, as the framework does', () => {
    const memory = (text: string, parameters: Record<string, string> = {}) =>
      fnOf(imported(service(text), parameters, 'serverless.yml').scenario, 'f').memoryMb;
    expect(memory('${self:custom.${sls:stage}.mem}')).toBe(256);
    expect(memory('${self:custom.${sls:stage}.mem}', { stage: 'prod' })).toBe(3008);
    expect(memory('${self:custom.memory.${self:provider.stage}}')).toBe(512);
    expect(memory('${self:custom.memory.${opt:stage, self:provider.stage}}', { stage: 'prod' })).toBe(2048);
    expect(memory('${opt:memory, ${self:custom.fallback}}')).toBe(1536);
  });

  it("read ${param:...} from --parameter, then the stage's params, then the default params", () => {
    const params = `params:
  prod: { mem: 2048 }
  default: { mem: 640 }
`;
    const memory = (parameters: Record<string, string>) =>
      fnOf(imported(service('${param:mem}', params), parameters, 'serverless.yml').scenario, 'f').memoryMb;
    expect(memory({})).toBe(640);
    expect(memory({ stage: 'prod' })).toBe(2048);
    expect(memory({ stage: 'prod', mem: '896' })).toBe(896);
    // Only in the Serverless Dashboard: an error naming the --parameter to pass.
    const errors = importErrors(service('${param:size}'), {}, 'serverless.yml');
    expect(errors[0]).toMatch(
      /memorySize: .*\$\{param:size\} is not in the serverless\.yml's params.*: pass --parameter size=VALUE/,
    );
  });

  it('take a deploy-time variable from --parameter TYPE:ADDRESS=VALUE', () => {
    const r = imported(service('${ssm:/shop/memory}'), { 'ssm:/shop/memory': '1536' }, 'serverless.yml');
    expect(fnOf(r.scenario, 'f').memoryMb).toBe(1536);
  });

  it('count --parameter names the file refers to as used (opt, env, param, ssm), and refuse the others', () => {
    expect(
      fnOf(imported(service('${opt:memory}'), { memory: '1024' }, 'serverless.yml').scenario, 'f').memoryMb,
    ).toBe(1024);
    expect(
      fnOf(imported(service('${env:MEMORY}'), { MEMORY: '384' }, 'serverless.yml').scenario, 'f').memoryMb,
    ).toBe(384);
    const errors = importErrors(service('256'), { memory: '1024' }, 'serverless.yml');
    expect(errors).toEqual([
      expect.stringMatching(/--parameter memory: no template declares a parameter memory/),
    ]);
  });

  it("leave CloudFormation's own ${...} (Fn::Sub) to CloudFormation", () => {
    const r = imported(
      service(
        '256',
        `    events:
      - sqs: { arn: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:jobs-\${sls:stage}' }
      - sqs: { arn: !Sub '\${Queue.Arn}' }
resources:
  Resources:
    Queue: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 60 } }
`,
      ),
      {},
      'serverless.yml',
    );
    expect(fnOf(r.scenario, 'f').events).toMatchObject([{ queue: 'jobs-dev' }, { queue: 'Queue' }]);
  });
});

describe('Kinesis enhanced fan-out consumers', () => {
  it('read with enhancedFanOut (a consumer ARN, a Serverless consumer)', () => {
    const r = imported(
      `
service: s
provider: { name: aws, runtime: nodejs22.x }
functions:
  byArn:
    handler: h.h
    events:
      - stream:
          type: kinesis
          arn: arn:aws:kinesis:us-east-1:111122223333:stream/clicks/consumer/reader:1700000000
  byFlag:
    handler: h.h
    events:
      - stream: { type: kinesis, arn: arn:aws:kinesis:us-east-1:111122223333:stream/views, consumer: true }
`,
      {},
      'serverless.yml',
    );
    expect(fnOf(r.scenario, 'byArn').events).toMatchObject([{ stream: 'clicks', enhancedFanOut: true }]);
    expect(fnOf(r.scenario, 'byFlag').events).toMatchObject([{ stream: 'views', enhancedFanOut: true }]);
  });
});

describe('Serverless ${file(...)} variables', () => {
  const SERVICE_FILE = `
service: s
provider:
  name: aws
  runtime: nodejs22.x
  stage: dev
custom: \${file(./shared.json)}
functions:
  f:
    handler: h.h
    memorySize: \${file(./config.\${sls:stage}.yml):memory}
    timeout: \${file(./config.\${sls:stage}.yml):limits.timeout}
    reservedConcurrency: \${self:custom.reserved}
`;
  const FILES: Record<string, string> = {
    'svc/config.dev.yml': 'memory: 768\nlimits: { timeout: 25 }\n',
    'svc/shared.json': '{ "reserved": 7 }',
  };
  const read = (template: string, path: string) => {
    const at = `${template.replace(/[^/]*$/, '')}${path.replace(/^\.\//, '')}`;
    return at in FILES ? ok(FILES[at]) : err('no such file');
  };

  it('read local YAML and JSON files beside the serverless.yml, a key or the whole file', () => {
    const r = importStack([{ fileName: 'svc/serverless.yml', text: SERVICE_FILE }], { readFile: read });
    if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
    const parsed = parseScenario(writeImportedScenario(r.value.scenario), { fileName: 'x.yaml' });
    if (!parsed.ok) expect.fail(parsed.error.map(formatIssue).join('\n'));
    expect(fnOf(parsed.value.scenario, 'f')).toMatchObject({
      memoryMb: 768,
      timeoutMs: 25_000,
      reservedConcurrency: 7,
    });
  });

  it('say which file cannot be read, or that only template text was given', () => {
    const missing = importStack([{ fileName: 'svc/serverless.yml', text: SERVICE_FILE }], {
      readFile: read,
      parameters: new Map([['stage', 'prod']]),
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(formatIssue(missing.error[0])).toMatch(
        /functions\.f\.memorySize: lamsim needs this value, but \$\{file\(\.\/config\.prod\.yml\):memory\}: cannot read \.\/config\.prod\.yml \(relative to the serverless\.yml\): no such file/,
      );
    const errors = importErrors(SERVICE_FILE, {}, 'serverless.yml');
    expect(errors[0]).toMatch(
      /\$\{file\(\.\/config\.dev\.yml\):memory\}: lamsim reads local files only when/,
    );
  });

  it('in a stack: scenario, count the file among the inputs the scenario hash covers', () => {
    const files: Record<string, string> = { ...FILES, 'svc/serverless.yml': SERVICE_FILE };
    const parsed = parseScenario('lamsim: 1\nstack: { template: svc/serverless.yml }\n', {
      fileName: 'app.yaml',
      expandStack: stackExpander({
        readFile: (p) => (p in files ? ok(files[p]) : err('no such file')),
        displayName: (p) => p,
      }),
    });
    if (!parsed.ok) expect.fail(parsed.error.map(formatIssue).join('\n'));
    expect(fnOf(parsed.value.scenario, 'f').memoryMb).toBe(768);
    expect(parsed.value.scenario.templates?.map((t) => t.path)).toEqual([
      'svc/serverless.yml',
      'svc/shared.json',
      'svc/config.dev.yml',
    ]);
  });
});
