import { describe, expect, it } from 'vitest';
import { errorsOf, yaml } from './helpers.ts';

describe('every problem is reported at once', () => {
  it('a file with 5 different mistakes yields exactly those 5 issues, in file order', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        target: orders-api
        phases:
          - { duration: 5m, arrivalRate: 50 }
      functions:
        orders-api:
          runtime: nodejs22.x
          memroySize: 1024MB
          timeout: 30 sec
          reservedConcurrency: 950
          vpc: { subnetIds: [a], securityGroupIds: [sg] }
          model:
            compute: { p50: 40ms, p99: 12ms }
            calls:
              - { resource: internet, latency: 60ms }
    `;
    expect(errorsOf(text)).toEqual([
      // the schema: a misspelt key, reported at the key
      "9:5 functions.orders-api.memroySize: unknown key 'memroySize' (did you mean 'memorySize'?); allowed keys: runtime, runtimeProfile, architecture, memorySize, timeout, ephemeralStorageSize, packageType, packageSize, reservedConcurrency, provisionedConcurrency, vpc, snapStart, maximumRetryAttempts, maximumEventAge, destinations, deadLetterQueue, recursiveLoop, events, logSize, model",
      // the schema: a unit it does not know
      "10:14 functions.orders-api.timeout: unknown unit 'sec' in '30 sec' (did you mean 's'?); expected a number of seconds or a duration with a unit: ms, s, m, h or d (e.g. 250ms, 2s, 5m, 1m30s, 1.5s)",
      // a rule on the same function, still checked despite the two mistakes above
      '11:26 functions.orders-api.reservedConcurrency: reserved concurrency totals 950 (orders-api 950), above concurrentExecutions - unreservedMinimum = 1000 - 100 = 900',
      // normalization: a distribution the schema accepts but that makes no sense
      '14:34 functions.orders-api.model.compute.p99: p99 (12ms) must be >= p50 (40ms)',
      // a rule across function and resources: the internet is unreachable from a VPC without NAT
      '16:23 functions.orders-api.model.calls[0].resource: orders-api runs in a VPC, where the internet is unreachable without a NAT gateway: add a resource of type nat-gateway (or remove vpc)',
    ]);
  });

  it('a mistake in one element does not hide mistakes in others', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        a: { runtime: nodejs23.x }
        b: { runtime: nodejs22.x, memorySize: 20GB }
      resources:
        db: { type: mysql, query: 1ms }
        px: { type: rds-proxy, target: nothing }
    `;
    expect(errorsOf(text)).toEqual([
      "4:17 functions.a.runtime: 'nodejs23.x' is not allowed (did you mean 'nodejs20.x'?); expected a Lambda runtime id: nodejs20.x, nodejs22.x, nodejs24.x, python3.9, python3.10, python3.11, python3.12, python3.13, python3.14, java8.al2, java11, java17, java21, java25, dotnet8, dotnet10, ruby3.2, ruby3.3, ruby3.4, provided.al2, provided.al2023",
      '5:41 functions.b.memorySize: memorySize 20480MB is outside 128MB..10240MB',
      "7:15 resources.db.type: unknown resource type 'mysql' (did you mean 'rds-mysql'?); expected type: rds-postgres, rds-mysql, aurora-postgresql, aurora-mysql, rds-proxy, nat-gateway, vpc-endpoint, sqs-queue, kinesis-stream, dynamodb-stream, s3-bucket, sns-topic, secret",
      "8:34 resources.px.target: 'nothing' names no resource; a proxy targets a database: none",
    ]);
  });
  it('a mistake in one event source does not hide mistakes in the others', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        worker:
          runtime: nodejs22.x
          events:
            - schedule: { expression: rate(1 hour), enabled: false }
            - sqs: { queue: jobs, batchSise: 10 }
            - sqs: { queue: jobs, batchSize: 20 }
            - sqs: { queue: jbos }
            - schedule: rate(5 weeks)
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 2m }
    `;
    expect(errorsOf(text)).toEqual([
      "8:29 functions.worker.events[1].sqs.batchSise: unknown key 'batchSise' (did you mean 'batchSize'?); allowed keys: queue, batchSize, maximumBatchingWindow, maximumConcurrency, functionResponseType, pollerScaling, provisionedPollers",
      '9:40 functions.worker.events[2].sqs.batchSize: batchSize 20 is above 10: AWS requires maximumBatchingWindow of at least 1s',
      "10:23 functions.worker.events[3].sqs.queue: 'jbos' names nothing (did you mean 'jobs'?); expected an sqs-queue (jobs)",
      '11:19 functions.worker.events[4].schedule: rate(5 weeks): the unit must be minute(s), hour(s) or day(s)',
    ]);
  });
});

describe('no follow-on errors', () => {
  it('a rejected traffic section does not also make the duration missing', () => {
    expect(errorsOf('lamsim: 1\ntraffic: 5\nfunctions:\n  api: { runtime: nodejs22.x }\n')).toEqual([
      '2:10 traffic: expected a traffic source (a mapping) or a list of them; got 5',
    ]);
  });

  it('a rejected key is reported once, and rules that read it are skipped', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        a: { runtime: nodejs22.x, reservedConcurrency: many, provisionedConcurrency: 5 }
    `;
    expect(errorsOf(text)).toEqual([
      "4:50 functions.a.reservedConcurrency: expected an integer >= 0, got 'many'",
    ]);
  });
});
