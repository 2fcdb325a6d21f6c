/**
 * Real templates (test/stack/fixtures/, with their licences) import, validate and run as written,
 * and every function's literal settings survive: the expected values below are read by hand from
 * each template (and AWS's or the Serverless Framework's defaults where the template is silent),
 * not computed by the importer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { formatIssue, parseScenario, type Scenario } from '../../src/index.ts';
import { importStack, writeImportedScenario } from '../../src/stack/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface Expected {
  runtime: string;
  memoryMb: number;
  timeoutMs: number;
  architecture?: string;
  packageType?: string;
  vpc?: boolean;
  maximumRetryAttempts?: number;
  maximumEventAgeMs?: number;
  events?: string[];
  provisionedConcurrency?: number;
  /** Matched against the normalized events, in order. */
  eventSettings?: Record<string, unknown>[];
  /** Matched against the normalized `provisioned` (auto scaling, schedule). */
  provisioned?: Record<string, unknown>;
  snapStart?: boolean;
  /** Runs at deployment (a CodeDeploy hook, a custom resource's handler): no traffic, so it never runs. */
  hook?: true;
}

interface Case {
  files: string[];
  functions: Record<string, Expected>;
  resources?: Record<string, Record<string, unknown>>;
  /** Where the placeholder traffic goes, when the case checks it. */
  trafficTargets?: string[];
}

const CASES: Record<string, Case> = {
  'sam-event-destinations': {
    files: ['template.yaml'],
    functions: {
      // nodejs12.x is retired: nearest known is nodejs20.x. MemorySize 1024; no Timeout: AWS's 3 s.
      EventDestinationLambda: {
        runtime: 'nodejs20.x',
        memoryMb: 1024,
        timeoutMs: 3000,
        maximumRetryAttempts: 1,
        maximumEventAgeMs: 70_000,
      },
      EventDestinationSQSSNS: {
        runtime: 'nodejs20.x',
        memoryMb: 1024,
        timeoutMs: 3000,
        maximumRetryAttempts: 1,
        maximumEventAgeMs: 70_000,
      },
      DestinationLambda: { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 3000 },
    },
  },
  'sam-lambda-edge': {
    files: ['template.yaml'],
    functions: {
      // nodejs10.x -> nodejs20.x; Timeout 5. Globals give the alias 10 provisioned environments,
      // which Lambda@Edge does not support: dropped (the template deploys; CloudFront uses the version).
      LambdaEdgeFunctionSample: {
        runtime: 'nodejs20.x',
        memoryMb: 128,
        timeoutMs: 5000,
        provisionedConcurrency: 0,
      },
    },
  },
  'sam-hello-vpc': {
    files: ['template.yaml'],
    functions: { HelloWorldFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000, vpc: true } },
  },
  'sam-all-event-sources': {
    files: ['template.yaml'],
    functions: {
      MyAwesomeFunction: {
        runtime: 'python3.9',
        memoryMb: 128,
        timeoutMs: 3000,
        events: ['schedule', 's3', 'sns', 'stream', 'stream'],
      },
    },
  },
  'cfn-all-event-sources': {
    files: ['template.json'],
    functions: {
      MyAwesomeFunction: {
        runtime: 'python3.9',
        memoryMb: 128,
        timeoutMs: 3000,
        events: ['stream', 'stream', 'sns', 'schedule', 's3'],
      },
    },
  },
  'sam-containers': {
    files: ['template.yaml'],
    functions: {
      // Globals Timeout 3; image tag nodejs12.x-v1 names the runtime.
      HelloWorldFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000, packageType: 'image' },
      GoodbyeWorldFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000, packageType: 'image' },
    },
  },
  'sam-safe-deploy': {
    files: ['template.yaml'],
    functions: {
      BaseFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 5000 },
      BasePreFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 5000, hook: true },
      BasePostFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 5000, hook: true },
    },
  },
  'sam-sqs': {
    files: ['template.yaml'],
    functions: {
      TriggeredFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 5000, events: ['sqs'] },
    },
    resources: {
      RawQueue: {
        type: 'sqs-queue',
        visibilityTimeoutMs: 120_000,
        deadLetterQueue: 'DeadLetter',
        maxReceiveCount: 4,
      },
      DeadLetter: { type: 'sqs-queue' },
    },
  },
  'sam-dynamodb-stream': {
    files: ['template.yaml'],
    functions: {
      ProducerFunction: { runtime: 'python3.14', memoryMb: 128, timeoutMs: 3000 },
      ConsumerFunction: { runtime: 'python3.14', memoryMb: 128, timeoutMs: 3000, events: ['stream'] },
    },
    resources: { DynamoDBTable: { type: 'dynamodb-stream' } },
  },
  'sam-kinesis': {
    files: ['template.yaml'],
    functions: {
      LambdaProducerFunction: { runtime: 'python3.14', memoryMb: 128, timeoutMs: 3000 },
      LambdaConsumerFunction: { runtime: 'python3.14', memoryMb: 128, timeoutMs: 3000, events: ['stream'] },
    },
    resources: { KinesisStream: { type: 'kinesis-stream', shardCount: 1 } },
  },
  'rds-proxy': {
    files: ['template.yaml', 'template-rds-proxy.yaml'],
    functions: { RdsProxyFunction: { runtime: 'python3.9', memoryMb: 128, timeoutMs: 30_000, vpc: true } },
    resources: {
      // Mappings ClusterSettings: aurora-mysql on db.r5.large (dbNode1, the writer, and dbNode2, a
      // reader of the same class: billed, not simulated); the target group's pool settings.
      dbCluster: {
        type: 'aurora-mysql',
        instanceClass: 'db.r5.large',
        readers: [{ instanceClass: 'db.r5.large', vcpus: 2 }],
      },
      dbProxy: {
        type: 'rds-proxy',
        target: 'dbCluster',
        maxConnectionsFraction: 0.05,
        maxIdleConnectionsFraction: 0.04,
        connectionBorrowTimeoutMs: 120_000,
      },
      secretClusterMasterUser: { type: 'secret' },
    },
  },
  'apigw-authorizer': {
    files: ['template.yaml'],
    functions: {
      // Globals Runtime nodejs20.x; TokenAuthorizerFunction is the API's Lambda TOKEN authorizer.
      AppFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000 },
      TokenAuthorizerFunction: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000 },
    },
  },
  'sfn-lambda': {
    files: ['template.yaml'],
    // Invoked by the state machine (DefinitionSubstitutions); nodejs12.x -> nodejs20.x; Timeout 3.
    functions: { GenerateRefernceNumber: { runtime: 'nodejs20.x', memoryMb: 128, timeoutMs: 3000 } },
  },
  'msk-lambda': {
    files: ['template.yaml'],
    // The MSK event is approximated by direct invocations (one per batch).
    functions: { TopicConsumerFunction: { runtime: 'nodejs24.x', memoryMb: 128, timeoutMs: 3000 } },
  },
  'apigw-http-fifo-sqs': {
    files: ['template.yaml'],
    // The HTTP API's route sends to MySQSQueue (FIFO); the function reads it.
    functions: {
      MyLambdaFunction: { runtime: 'python3.9', memoryMb: 128, timeoutMs: 3000, events: ['sqs'] },
    },
    resources: { MySQSQueue: { type: 'sqs-queue', fifo: true } },
  },
  'apigw-rest-sqs-lambda': {
    files: ['template.yaml'],
    // The REST API's method sends to MySqsQueue (an AWS integration on sqs:path/...); the function
    // reads it. Runtime python3.9, Timeout 10, MemorySize 128.
    functions: {
      iotpublish: {
        runtime: 'python3.9',
        memoryMb: 128,
        timeoutMs: 10_000,
        events: ['sqs'],
        eventSettings: [{ queue: 'MySqsQueue', batchSize: 10 }],
      },
    },
    trafficTargets: ['MySqsQueue'],
  },
  'cdk-sqs-max-concurrency': {
    files: ['sqs-event-source-max-concurrency.template.json'],
    functions: { FC4345940: { runtime: 'nodejs22.x', memoryMb: 128, timeoutMs: 3000, events: ['sqs'] } },
    resources: { Q63C6E3AB: { type: 'sqs-queue', visibilityTimeoutMs: 30_000 } },
  },
  'cdk-vpc-lambda': {
    files: ['aws-cdk-vpc-lambda.template.json'],
    functions: { MyLambdaCCE802FB: { runtime: 'python3.9', memoryMb: 128, timeoutMs: 3000, vpc: true } },
    resources: { VPCPublicSubnet1NATGatewayE0556630: { type: 'nat-gateway', azs: 2 } },
  },
  'cdk-provisioned-autoscaling': {
    files: ['aws-lambda-autoscaling.template.json'],
    functions: {
      // alias.addAutoScaling({ minCapacity: 3, maxCapacity: 50 }).scaleOnUtilization(TargetValue 0.5);
      // the scalable target's ResourceId takes the function name out of the alias ARN.
      MyLambdaCCE802FB: {
        runtime: 'nodejs24.x',
        memoryMb: 128,
        timeoutMs: 3000,
        provisioned: { autoScaling: { minimum: 3, maximum: 50, targetUtilization: 0.5 } },
      },
    },
  },
  'cdk-s3-notifications': {
    files: ['template.json'],
    functions: {
      // S3EventSource: ObjectCreated notifications of bucket B08E7C7AF, set by Custom::S3BucketNotifications.
      FC4345940: {
        runtime: 'nodejs24.x',
        memoryMb: 128,
        timeoutMs: 3000,
        events: ['s3'],
        eventSettings: [{ source: 'B08E7C7AF' }],
      },
      // The custom resources' handlers (auto-delete objects; the notifications themselves).
      CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F: {
        runtime: 'nodejs24.x',
        memoryMb: 128,
        timeoutMs: 900_000,
        hook: true,
      },
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db-a3f9d4': {
        runtime: 'python3.13',
        memoryMb: 128,
        timeoutMs: 300_000,
        hook: true,
      },
    },
    resources: { B08E7C7AF: { type: 's3-bucket' } },
  },
  'cdk-kinesis-consumer': {
    files: ['lambda-event-source-kinesis-stream-consumer.template.json'],
    functions: {
      // KinesisConsumerEventSource: a mapping on the stream consumer C375D67C5, BatchSize 100.
      FC4345940: {
        runtime: 'nodejs22.x',
        memoryMb: 128,
        timeoutMs: 3000,
        events: ['stream'],
        eventSettings: [{ stream: 'Q63C6E3AB', batchSize: 100, enhancedFanOut: true }],
      },
    },
    resources: { Q63C6E3AB: { type: 'kinesis-stream', shardCount: 1 } },
  },
  'sns-sqs-lambda': {
    files: ['SNS_SQS_Lambda.yaml'],
    functions: {
      // python3.7 -> python3.9; MemorySize 512, Timeout 120; an EventSourceMapping on the queue.
      LambdaFunction: {
        runtime: 'python3.9',
        memoryMb: 512,
        timeoutMs: 120_000,
        events: ['sqs'],
        eventSettings: [{ queue: 'MyQueueServerLessPattern', batchSize: 10 }],
      },
    },
    // The topic's inline Subscription (Protocol sqs) delivers to the queue: traffic is published.
    resources: {
      SNSTopic: { type: 'sns-topic', deliverTo: ['MyQueueServerLessPattern'] },
      MyQueueServerLessPattern: { type: 'sqs-queue', visibilityTimeoutMs: 720_000 },
    },
    trafficTargets: ['SNSTopic'],
  },
  's3-sqs-lambda': {
    files: ['template.yaml'],
    functions: {
      // nodejs16.x -> nodejs20.x; MemorySize 2048; no Timeout: AWS's 3 s. A SAM SQS event.
      ResizerFunction: {
        runtime: 'nodejs20.x',
        memoryMb: 2048,
        timeoutMs: 3000,
        events: ['sqs'],
        eventSettings: [{ queue: 'ResizerQueue', batchSize: 10 }],
      },
    },
    // The bucket's QueueConfigurations (a .jpg suffix filter, not modelled) notify the queue.
    resources: {
      SourceBucket: { type: 's3-bucket', deliverTo: ['ResizerQueue'] },
      DestinationBucket: { type: 's3-bucket', deliverTo: [] },
      ResizerQueue: { type: 'sqs-queue' },
    },
    trafficTargets: ['SourceBucket'],
  },
  'cdk-capacity-provider': {
    files: ['template.json'],
    // On Lambda Managed Instances, which lamsim does not model: imported with a warning, run as on-demand.
    functions: { Function76856677: { runtime: 'nodejs22.x', memoryMb: 128, timeoutMs: 3000 } },
  },
  'cdk-durable-config': {
    files: ['aws-cdk-lambda-durable-config.template.json'],
    // Durable functions, which lamsim does not model: imported with a warning, each invocation run alone.
    functions: {
      DurableFunction8FC9485F: { runtime: 'nodejs22.x', memoryMb: 128, timeoutMs: 3000 },
      DurableFunctionWithCmk4AAC4848: { runtime: 'nodejs22.x', memoryMb: 128, timeoutMs: 3000 },
    },
  },
  'cdk-snapstart-image': {
    files: ['aws-cdk-lambda-snapstart-container-image.template.json'],
    functions: {
      // SnapStart on an image whose language the template does not say: import assumes nodejs22.x,
      // which SnapStart allows in an image (a warning, not an error).
      SnapStartContainerImageLambda395A0CC4: {
        runtime: 'nodejs22.x',
        memoryMb: 128,
        timeoutMs: 3000,
        packageType: 'image',
        snapStart: true,
      },
    },
  },
  'sls-scheduled-cron': {
    files: ['serverless.yml'],
    functions: {
      // Serverless Framework defaults: 1024 MB, 6 s; provider runtime nodejs8.10 -> nodejs20.x.
      cron: { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 6000, events: ['schedule'] },
      secondCron: { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 6000, events: ['schedule'] },
    },
  },
  'sls-multiple-runtime': {
    files: ['serverless.yml'],
    functions: {
      hello: { runtime: 'python3.9', memoryMb: 1024, timeoutMs: 6000 },
      time: { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 6000 },
    },
  },
  'sls-container-snapstart': {
    files: ['serverless.yml'],
    functions: {
      // image: app (built from ./, language not written): assumed nodejs22.x; framework defaults.
      hello: {
        runtime: 'nodejs22.x',
        memoryMb: 1024,
        timeoutMs: 6000,
        packageType: 'image',
        snapStart: true,
      },
    },
  },
  'sls-auth0-authorizer': {
    files: ['serverless.yml'],
    functions: Object.fromEntries(
      // provider runtime nodejs18.x -> nodejs20.x; framework defaults; auth is privateEndpoint's authorizer.
      ['auth', 'publicEndpoint', 'privateEndpoint'].map((f) => [
        f,
        { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 6000 },
      ]),
    ),
  },
  'sls-rest-api-dynamodb': {
    files: ['serverless.yml'],
    functions: Object.fromEntries(
      ['create', 'list', 'get', 'update', 'delete'].map((f) => [
        f,
        { runtime: 'nodejs20.x', memoryMb: 1024, timeoutMs: 6000 },
      ]),
    ),
  },
};

function importFixture(dir: string, files: string[]): { text: string; scenario: Scenario } {
  const templates = files.map((f) => ({
    fileName: `${dir}/${f}`,
    text: readFileSync(join(FIXTURES, dir, f), 'utf8'),
  }));
  const imported = importStack(templates);
  if (!imported.ok) expect.fail(imported.error.map(formatIssue).join('\n'));
  const text = writeImportedScenario(imported.value.scenario);
  const parsed = parseScenario(text, { fileName: `${dir}.yaml` });
  if (!parsed.ok) expect.fail(`${text}\n${parsed.error.map(formatIssue).join('\n')}`);
  return { text, scenario: parsed.value.scenario };
}

describe('real templates import, validate and run as written', () => {
  for (const [dir, c] of Object.entries(CASES)) {
    it(dir, () => {
      const { text, scenario } = importFixture(dir, c.files);
      expect(text).toMatch(/assumption/);
      expect(scenario.functions.map((f) => f.name).sort()).toEqual(Object.keys(c.functions).sort());
      for (const fn of scenario.functions) {
        const want = c.functions[fn.name];
        expect(fn.runtime, fn.name).toBe(want.runtime);
        expect(fn.memoryMb, fn.name).toBe(want.memoryMb);
        expect(fn.timeoutMs, fn.name).toBe(want.timeoutMs);
        expect(fn.architecture).toBe(want.architecture ?? 'x86_64');
        expect(fn.packageType).toBe(want.packageType ?? 'zip');
        expect(fn.vpc !== null, `${fn.name} vpc`).toBe(want.vpc ?? false);
        if (want.maximumRetryAttempts !== undefined)
          expect(fn.maximumRetryAttempts).toBe(want.maximumRetryAttempts);
        if (want.maximumEventAgeMs !== undefined) expect(fn.maximumEventAgeMs).toBe(want.maximumEventAgeMs);
        expect(fn.events.map((e) => e.kind)).toEqual(want.events ?? []);
        expect(fn.snapStart, `${fn.name} snapStart`).toBe(want.snapStart ?? false);
        if (want.provisionedConcurrency !== undefined)
          expect(fn.provisionedConcurrency, fn.name).toBe(want.provisionedConcurrency);
        if (want.eventSettings !== undefined) expect(fn.events, fn.name).toMatchObject(want.eventSettings);
        if (want.provisioned !== undefined) expect(fn.provisioned, fn.name).toMatchObject(want.provisioned);
      }
      for (const [name, fields] of Object.entries(c.resources ?? {})) {
        const r = scenario.resources.find((x) => x.name === name) as unknown as Record<string, unknown>;
        expect(r, name).toBeDefined();
        for (const [k, v] of Object.entries(fields)) expect(r[k], `${name}.${k}`).toEqual(v);
      }

      if (c.trafficTargets !== undefined)
        expect(scenario.traffic.map((t) => t.target)).toEqual(c.trafficTargets);

      const out = runScenario(scenario);
      for (const fn of scenario.functions) {
        const s = out.summary.functions[fn.name];
        if (c.functions[fn.name].hook) {
          expect(s.invocations.arrived, `${fn.name} runs at deployment`).toBe(0);
          expect(text).toMatch(
            new RegExp(`${fn.name}: a .*: it runs when the stack is deployed, so it gets no traffic`),
          );
          continue;
        }
        expect(s.invocations.started, `${fn.name} ran`).toBeGreaterThan(0);
        expect(s.invocations.failed + s.invocations.timedOut, `${fn.name} failures`).toBe(0);
      }
    });
  }
});
