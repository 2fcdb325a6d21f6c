/**
 * One entry of a Serverless Framework function's `events` -> events and traffic (Serverless
 * Framework docs, "Events": http, httpApi, alb, sqs, stream, schedule, s3, sns, eventBridge,
 * cloudwatchEvent, cloudFront; the rest are approximated by their invocation type).
 *
 * Settings are translated to CloudFormation's event source mapping names and read by the shared
 * trigger code, so both readers treat a batch size the same way. A bucket or topic named by the event
 * (not an ARN) is created by the framework, so it becomes a resource of the scenario.
 */
import type { Path } from '../scenario/index.ts';
import { addAuthorizer, HTTP_DEFAULT, SERVERLESS_DEFAULT } from './authorizers.ts';
import type { CfnTemplate } from './cfnTemplate.ts';
import { PropertyReader } from './propertyReader.ts';
import type { ImportedFunction, StackBuilder, Where } from './stackBuilder.ts';
import {
  asyncTrigger,
  notificationTrigger,
  pollerTrigger,
  scheduleTrigger,
  syncTrigger,
  unmodelledTrigger,
} from './triggers.ts';
import { isRecord, type Resolved } from './values.ts';

const UNMODELLED: Readonly<Record<string, string>> = {
  websocket: 'Websocket',
  iot: 'IoTRule',
  cloudwatchLog: 'CloudWatchLogs',
  cognitoUserPool: 'Cognito',
  alexaSkill: 'AlexaSkill',
  alexaSmartHome: 'AlexaSkill',
  msk: 'MSK',
  kafka: 'SelfManagedKafka',
  activemq: 'MQ',
  rabbitmq: 'MQ',
};

export function readServerlessEvent(
  t: CfnTemplate,
  b: StackBuilder,
  fn: ImportedFunction,
  event: Resolved,
  path: Path,
  /** The service's `provider` section (its `httpApi.authorizers`). */
  provider: Record<string, unknown>,
): void {
  const where = t.where(path);
  if (!isRecord(event) || Object.keys(event).length !== 1) {
    b.warning(where, path, 'expected an event mapping with one key (http, sqs, schedule, ...): skipped');
    return;
  }
  const [kind] = Object.keys(event);
  const value = event[kind] as Resolved;
  const reader = (values: Record<string, unknown>) =>
    new PropertyReader(b, [...path, kind], values as Record<string, Resolved>, () =>
      t.where([...path, kind]),
    );
  const settings = isRecord(value) ? (value as Record<string, unknown>) : {};
  switch (kind) {
    case 'http':
      syncTrigger(b, fn, 'api-gateway-rest', 'http event', where);
      httpAuthorizer(b, settings.authorizer as Resolved | undefined, t.where([...path, kind, 'authorizer']));
      return;
    case 'httpApi':
      syncTrigger(b, fn, 'api-gateway-http', 'httpApi event', where);
      httpApiAuthorizer(t, b, settings.authorizer as Resolved | undefined, provider);
      return;
    case 'alb':
      syncTrigger(b, fn, 'alb', 'alb event', where);
      return;
    case 'cloudFront':
      syncTrigger(b, fn, 'cloudfront-edge', 'cloudFront event', where, {
        eventType: String(settings.eventType ?? 'origin-request'),
      });
      return;
    case 'sqs': {
      const arn = isRecord(value) ? (value.arn as Resolved) : value;
      const cfn: Record<string, unknown> = {
        BatchSize: settings.batchSize,
        MaximumBatchingWindowInSeconds: settings.maximumBatchingWindow,
        ScalingConfig:
          settings.maximumConcurrency === undefined
            ? undefined
            : { MaximumConcurrency: settings.maximumConcurrency },
        FunctionResponseTypes:
          settings.functionResponseType === undefined ? undefined : [settings.functionResponseType],
        Enabled: settings.enabled,
        // Serverless Framework's provisioned mode: provisionedPollers { min, max }.
        ProvisionedPollerConfig: isRecord(settings.provisionedPollers)
          ? {
              MinimumPollers: settings.provisionedPollers.min,
              MaximumPollers: settings.provisionedPollers.max,
            }
          : undefined,
      };
      pollerTrigger(t, b, fn, 'sqs-queue', arn ?? null, reader(cfn));
      return;
    }
    case 'stream': {
      const arn = isRecord(value) ? (value.arn as Resolved) : value;
      const type =
        settings.type ?? (typeof arn === 'string' && arn.includes(':dynamodb:') ? 'dynamodb' : 'kinesis');
      const onFailure = isRecord(settings.destinations) ? settings.destinations.onFailure : undefined;
      const cfn: Record<string, unknown> = {
        BatchSize: settings.batchSize,
        MaximumBatchingWindowInSeconds: settings.batchWindow ?? settings.maximumBatchingWindow,
        ParallelizationFactor: settings.parallelizationFactor,
        MaximumRetryAttempts: settings.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
        BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
        DestinationConfig:
          onFailure === undefined
            ? undefined
            : { OnFailure: { Destination: isRecord(onFailure) ? onFailure.arn : onFailure } },
        Enabled: settings.enabled,
        FilterCriteria: settings.filterPatterns,
        TumblingWindowInSeconds: settings.tumblingWindowInSeconds,
      };
      pollerTrigger(
        t,
        b,
        fn,
        type === 'dynamodb' ? 'dynamodb-stream' : 'kinesis-stream',
        arn ?? null,
        reader(cfn),
        // `consumer: true` (or a consumer's ARN) reads through an enhanced fan-out consumer.
        {
          enhancedFanOut:
            type !== 'dynamodb' && settings.consumer !== undefined && settings.consumer !== false,
        },
      );
      return;
    }
    case 'schedule': {
      const rates =
        typeof value === 'string' ? [value] : Array.isArray(settings.rate) ? settings.rate : [settings.rate];
      const enabled = settings.enabled !== false;
      // `method: scheduler` deploys AWS::Scheduler::Schedule; the default (eventBus) an AWS::Events::Rule.
      const service = settings.method === 'scheduler' ? 'scheduler' : 'rule';
      for (const rate of rates) if (typeof rate === 'string') scheduleTrigger(b, fn, rate, enabled, service);
      return;
    }
    case 's3': {
      const bucket = typeof value === 'string' ? value : (settings.bucket as Resolved);
      notificationTrigger(t, b, fn, 's3-bucket', bucket ?? null, where);
      return;
    }
    case 'sns': {
      const topic = typeof value === 'string' ? value : ((settings.arn ?? settings.topicName) as Resolved);
      notificationTrigger(t, b, fn, 'sns-topic', topic ?? null, where);
      return;
    }
    case 'eventBridge':
      if (typeof settings.schedule === 'string') {
        scheduleTrigger(b, fn, settings.schedule, settings.enabled !== false, 'rule');
      } else {
        asyncTrigger(b, fn, 'eventbridge', 'eventBridge event', where);
      }
      return;
    case 'cloudwatchEvent':
      asyncTrigger(b, fn, 'eventbridge', 'cloudwatchEvent event', where);
      return;
    default:
      unmodelledTrigger(b, fn, UNMODELLED[kind] ?? kind, where);
      return;
  }
}

/**
 * An `http` event's `authorizer:` (Serverless Framework docs, "API Gateway: HTTP endpoints with
 * custom authorizers"): a function key, or `{ name, resultTtlInSeconds, type }`. `aws_iam` and
 * Cognito user pools (`type: COGNITO_USER_POOLS`, a `cognito-idp` ARN) call no function; an ARN
 * names a function outside this service. The framework's REST API is ApiGatewayRestApi.
 */
function httpAuthorizer(b: StackBuilder, authorizer: Resolved | undefined, where: Where): void {
  if (authorizer === undefined || authorizer === null) return;
  const settings = isRecord(authorizer) ? authorizer : {};
  const name = typeof authorizer === 'string' ? authorizer : settings.name;
  const type = typeof settings.type === 'string' ? settings.type.toLowerCase() : 'token';
  if (typeof name !== 'string' || name.toLowerCase() === 'aws_iam' || name.startsWith('arn:')) return;
  if (type !== 'token' && type !== 'request') return;
  const ttl = settings.resultTtlInSeconds;
  addAuthorizer(b, {
    functionId: name,
    api: 'ApiGatewayRestApi',
    via: 'api-gateway-rest',
    ...(typeof ttl === 'number' ? { ttlS: ttl } : {}),
    defaultTtl: SERVERLESS_DEFAULT,
    where,
  });
}

/**
 * An `httpApi` event's `authorizer:` (a name, or `{ name }`), one of `provider.httpApi.authorizers`
 * (serverless.yml reference, provider.httpApi.authorizers): a custom Lambda authorizer is
 * `type: request` with `functionName` (a function of the service) or `functionArn`, and an optional
 * `resultTtlInSeconds` (0 to 3600; the framework sets no default, so API Gateway's applies). JWT
 * authorizers and an external authorizer (`id:`) call no function of the service. The
 * framework's HTTP API is HttpApi.
 */
function httpApiAuthorizer(
  t: CfnTemplate,
  b: StackBuilder,
  authorizer: Resolved | undefined,
  provider: Record<string, unknown>,
): void {
  const name = isRecord(authorizer) ? authorizer.name : authorizer;
  const httpApi = isRecord(provider.httpApi) ? provider.httpApi : {};
  const all = isRecord(httpApi.authorizers) ? httpApi.authorizers : {};
  const settings = typeof name === 'string' ? all[name] : undefined;
  if (!isRecord(settings) || String(settings.type).toLowerCase() !== 'request') return;
  const functionId =
    typeof settings.functionName === 'string'
      ? settings.functionName
      : t.functionOf(t.resolver.resolve(settings.functionArn ?? null));
  if (functionId === undefined) return;
  const ttl = settings.resultTtlInSeconds;
  addAuthorizer(b, {
    functionId,
    api: 'HttpApi',
    via: 'api-gateway-http',
    ...(typeof ttl === 'number' ? { ttlS: ttl } : {}),
    defaultTtl: HTTP_DEFAULT,
    where: t.where(['provider', 'httpApi', 'authorizers', name as string]),
  });
}
