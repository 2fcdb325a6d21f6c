/**
 * CloudFormation resources that invoke or configure functions -> events, traffic and function
 * settings (what SAM and `cdk synth` write out as plain CloudFormation):
 *
 * AWS::Lambda::EventSourceMapping, ::Url, ::EventInvokeConfig, ::Alias and ::Version
 * (ProvisionedConcurrencyConfig, summed over a function's aliases and versions),
 * AWS::ApplicationAutoScaling::ScalableTarget / ::ScalingPolicy on provisioned concurrency,
 * AWS::Events::Rule, AWS::Scheduler::Schedule, AWS::SNS::Subscription and Topic subscriptions,
 * AWS::S3::Bucket notifications, AWS::ApiGateway::Method / ::RestApi bodies, AWS::ApiGatewayV2
 * integrations and API bodies, SAM's AWS::Serverless::Api / ::HttpApi DefinitionBody (OpenAPI),
 * AWS::ElasticLoadBalancingV2::TargetGroup, AWS::CloudFront::Distribution (Lambda@Edge),
 * AWS::Logs::SubscriptionFilter and AWS::IoT::TopicRule (approximated).
 *
 * Returns the logical IDs it consumed; everything else is listed as not modelled by the caller.
 */
import type { CfnTemplate, TemplateResource } from './cfnTemplate.ts';
import { mapInvokeConfig } from './invokeConfig.ts';
import {
  openApiIntegrations,
  openApiRestServiceIntegrations,
  openApiServiceIntegrations,
} from './openApi.ts';
import { PropertyReader } from './propertyReader.ts';
import { restApiEndpointType, restEndpointType } from './restEndpoint.ts';
import {
  type RestIntegration,
  restServiceIntegrationTraffic,
  serviceIntegrationTraffic,
} from './serviceIntegrationTraffic.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import {
  asyncTrigger,
  CONSUMER_TYPE,
  deliveryTrigger,
  notificationTrigger,
  pollerTrigger,
  scheduleTrigger,
  streamingNote,
  syncTrigger,
  unmodelledTrigger,
} from './triggers.ts';
import { isRecord, type Resolved, ResourceRef } from './values.ts';

/** Where a bucket's notification configuration keeps each destination's ARN. */
interface NotificationKeys {
  readonly lambdaList: string;
  readonly lambda: string;
  readonly queue: string;
  readonly topic: string;
}

/** On AWS::S3::Bucket (CloudFormation's NotificationConfiguration). */
const BUCKET_KEYS: NotificationKeys = {
  lambdaList: 'LambdaConfigurations',
  lambda: 'Function',
  queue: 'Queue',
  topic: 'Topic',
};
/** The PutBucketNotificationConfiguration shape CDK's Custom::S3BucketNotifications writes. */
const API_KEYS: NotificationKeys = {
  lambdaList: 'LambdaFunctionConfigurations',
  lambda: 'LambdaFunctionArn',
  queue: 'QueueArn',
  topic: 'TopicArn',
};

/**
 * A bucket's notification configuration: its Lambda configurations invoke their functions
 * (notificationTrigger), its queue and topic configurations are deliveries (deliveryTrigger), an
 * EventBridge configuration is noted as not modelled. `id` names the configuration's resource.
 */
function bucketNotifications(
  t: CfnTemplate,
  b: StackBuilder,
  id: string,
  bucket: Resolved,
  fallback: string,
  config: PropertyReader | undefined,
  keys: NotificationKeys,
): void {
  if (config === undefined) return;
  for (const c of config.list(keys.lambdaList) ?? []) {
    if (!isRecord(c)) continue;
    const fn = fnFor(t, b, c[keys.lambda] as Resolved);
    if (fn) notificationTrigger(t, b, fn, 's3-bucket', bucket, config.where(keys.lambdaList));
  }
  for (const [list, type, key] of [
    ['QueueConfigurations', 'sqs-queue', keys.queue],
    ['TopicConfigurations', 'sns-topic', keys.topic],
  ] as const) {
    for (const c of config.list(list) ?? []) {
      if (!isRecord(c)) continue;
      deliveryTrigger(
        t,
        b,
        { type: 's3-bucket', value: bucket, fallback },
        {
          type,
          value: c[key] as Resolved,
          fallback: `${fallback}-${type === 'sqs-queue' ? 'queue' : 'topic'}`,
        },
        config.where(list),
        c.Filter !== undefined ? 'key filter' : undefined,
      );
    }
  }
  if (config.has('EventBridgeConfiguration'))
    b.notes.push(`${id}: EventBridgeConfiguration notifications are not modelled.`);
}

type Handler = (t: CfnTemplate, b: StackBuilder, r: TemplateResource, p: PropertyReader) => boolean;

const fnFor = (
  t: CfnTemplate,
  b: StackBuilder,
  value: Resolved | undefined,
): ImportedFunction | undefined => {
  const id = value === undefined ? undefined : t.functionOf(value);
  return id === undefined ? undefined : b.functions.get(b.nameFor(id));
};

const eachFunction = (t: CfnTemplate, b: StackBuilder, value: Resolved): ImportedFunction[] =>
  [...t.functionsIn(value)]
    .map((id) => b.functions.get(b.nameFor(id)))
    .filter((f): f is ImportedFunction => f !== undefined);

const HANDLERS: Readonly<Record<string, Handler>> = {
  'AWS::Lambda::EventSourceMapping': (t, b, _r, p) => {
    const fn = fnFor(t, b, p.raw('FunctionName'));
    const arn = p.raw('EventSourceArn');
    if (!fn || arn === undefined) return false;
    const service = serviceOfSource(t, arn);
    if (service === 'sqs') pollerTrigger(t, b, fn, 'sqs-queue', arn, p);
    else if (service === 'kinesis') pollerTrigger(t, b, fn, 'kinesis-stream', arn, p);
    else if (service === 'dynamodb') pollerTrigger(t, b, fn, 'dynamodb-stream', arn, p);
    else
      unmodelledTrigger(
        b,
        fn,
        service === 'kafka' ? 'MSK' : service === 'mq' ? 'MQ' : (service ?? 'SelfManagedKafka'),
        p.where(),
      );
    return true;
  },
  'AWS::Lambda::Url': (t, b, _r, p) => {
    const fn = fnFor(t, b, p.raw('TargetFunctionArn'));
    if (!fn) return false;
    syncTrigger(b, fn, 'function-url', 'AWS::Lambda::Url', p.where());
    streamingNote(b, fn, p.string('InvokeMode'));
    return true;
  },
  'AWS::Lambda::EventInvokeConfig': (t, b, _r, p) => {
    const fn = fnFor(t, b, p.raw('FunctionName'));
    if (!fn) return false;
    mapInvokeConfig(t, b, fn, p);
    return true;
  },
  'AWS::Lambda::Alias': (t, b, _r, p) => provisioned(t, b, p),
  'AWS::Lambda::Version': (t, b, _r, p) => provisioned(t, b, p),
  'AWS::Events::Rule': (t, b, r, p) => {
    const targets = (p.list('Targets') ?? []).flatMap((x) =>
      isRecord(x) ? [fnFor(t, b, x.Arn as Resolved)] : [],
    );
    const fns = targets.filter((f): f is ImportedFunction => f !== undefined);
    if (fns.length === 0) return false;
    const expression = p.string('ScheduleExpression');
    const enabled = p.string('State') !== 'DISABLED';
    for (const fn of fns) {
      if (expression) scheduleTrigger(b, fn, expression, enabled, 'rule');
      else asyncTrigger(b, fn, 'eventbridge', `EventBridge rule ${r.id}`, p.where());
    }
    return true;
  },
  'AWS::Scheduler::Schedule': (t, b, _r, p) => {
    const fn = fnFor(t, b, p.child('Target')?.raw('Arn'));
    const expression = p.string('ScheduleExpression');
    if (!fn || !expression) return false;
    scheduleTrigger(
      b,
      fn,
      expression,
      p.string('State') !== 'DISABLED',
      'scheduler',
      p.string('ScheduleExpressionTimezone'),
    );
    return true;
  },
  'AWS::SNS::Subscription': (t, b, r, p) => {
    if (p.string('Protocol') === 'sqs') {
      deliveryTrigger(
        t,
        b,
        { type: 'sns-topic', value: p.raw('TopicArn') ?? null, fallback: `${r.id}-topic` },
        { type: 'sqs-queue', value: p.raw('Endpoint') ?? null, fallback: `${r.id}-queue` },
        p.where(),
        p.has('FilterPolicy') ? 'FilterPolicy' : undefined,
      );
      return true;
    }
    if (p.string('Protocol') !== 'lambda') return false;
    const fn = fnFor(t, b, p.raw('Endpoint'));
    if (!fn) return false;
    notificationTrigger(t, b, fn, 'sns-topic', p.raw('TopicArn') ?? null, p.where());
    return true;
  },
  'AWS::SNS::Topic': (t, b, r, p) => {
    for (const s of p.list('Subscription') ?? []) {
      if (isRecord(s) && s.Protocol === 'sqs') {
        deliveryTrigger(
          t,
          b,
          { type: 'sns-topic', value: new ResourceRef(r.id), fallback: r.id },
          { type: 'sqs-queue', value: s.Endpoint as Resolved, fallback: `${r.id}-queue` },
          p.where('Subscription'),
        );
      }
      if (!isRecord(s) || s.Protocol !== 'lambda') continue;
      const fn = fnFor(t, b, s.Endpoint as Resolved);
      if (fn) notificationTrigger(t, b, fn, 'sns-topic', new ResourceRef(r.id), p.where('Subscription'));
    }
    return true; // the topic itself is mapped with the resources
  },
  'AWS::S3::Bucket': (t, b, r, p) => {
    const config = p.child('NotificationConfiguration');
    bucketNotifications(t, b, r.id, new ResourceRef(r.id), r.id, config, BUCKET_KEYS);
    return true;
  },
  // CDK's bucket.addEventNotification: the notifications are set by a custom resource (the S3
  // PutBucketNotificationConfiguration shape), not on the AWS::S3::Bucket.
  'Custom::S3BucketNotifications': (t, b, r, p) => {
    const config = p.child('NotificationConfiguration');
    const bucket = p.raw('BucketName') ?? null;
    bucketNotifications(t, b, r.id, bucket, `${r.id}-bucket`, config, API_KEYS);
    return true;
  },
  'AWS::ApiGateway::Method': (t, b, r, p) => {
    const integration = p.child('Integration');
    const service: RestIntegration = {
      uri: integration?.raw('Uri'),
      requestParameters: integration?.raw('RequestParameters'),
      requestTemplates: integration?.raw('RequestTemplates'),
    };
    const because = `REST API method ${r.id}`;
    if (restServiceIntegrationTraffic(t, b, service, because, p.where())) return true;
    const fns = eachFunction(t, b, integration?.raw('Uri') ?? null);
    const timeoutMs = integration?.number('TimeoutInMillis');
    const endpoint = restApiEndpointType(t, p.raw('RestApiId') ?? null);
    for (const fn of fns)
      syncTrigger(b, fn, 'api-gateway-rest', 'API Gateway REST method', p.where(), {
        integrationTimeoutMs: timeoutMs,
        endpointType: endpoint,
      });
    return fns.length > 0;
  },
  'AWS::ApiGateway::RestApi': (t, b, r, p) =>
    definedApi(t, b, 'api-gateway-rest', `REST API ${r.id}`, p.raw('Body'), p),
  'AWS::Serverless::Api': (t, b, r, p) =>
    definedApi(t, b, 'api-gateway-rest', `REST API ${r.id}`, p.raw('DefinitionBody'), p),
  'AWS::Serverless::HttpApi': (t, b, r, p) =>
    definedApi(t, b, 'api-gateway-http', `HTTP API ${r.id}`, p.raw('DefinitionBody'), p),
  'AWS::ApiGatewayV2::Integration': (t, b, r, p) => {
    const because = `HTTP API integration ${r.id}`;
    const subtype = p.raw('IntegrationSubtype');
    if (serviceIntegrationTraffic(t, b, subtype, p.raw('RequestParameters'), because, p.where())) return true;
    const fns = eachFunction(t, b, p.raw('IntegrationUri') ?? null);
    const api = p.raw('ApiId');
    const protocol = api instanceof ResourceRef ? t.props(api.logicalId).ProtocolType : undefined;
    const timeoutMs = protocol === 'WEBSOCKET' ? undefined : p.number('TimeoutInMillis');
    for (const fn of fns) {
      if (protocol === 'WEBSOCKET') unmodelledTrigger(b, fn, 'Websocket', p.where());
      else
        syncTrigger(b, fn, 'api-gateway-http', 'API Gateway HTTP API integration', p.where(), {
          integrationTimeoutMs: timeoutMs,
        });
    }
    return fns.length > 0;
  },
  'AWS::ApiGatewayV2::Api': (t, b, r, p) => {
    if (p.raw('ProtocolType') === 'WEBSOCKET') return false; // its integrations say it
    const fns = eachFunction(t, b, p.raw('Target') ?? null);
    for (const fn of fns) syncTrigger(b, fn, 'api-gateway-http', `HTTP API ${r.id}`, p.where());
    const defined = definedApi(t, b, 'api-gateway-http', `HTTP API ${r.id}`, p.raw('Body'), p);
    return fns.length > 0 || defined;
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': (t, b, r, p) => {
    if (p.string('TargetType') !== 'lambda') return false;
    const fns = (p.list('Targets') ?? []).flatMap((x) =>
      isRecord(x) ? [fnFor(t, b, x.Id as Resolved)] : [],
    );
    for (const fn of fns) if (fn) syncTrigger(b, fn, 'alb', `ALB target group ${r.id}`, p.where());
    return fns.length > 0;
  },
  'AWS::CloudFront::Distribution': (t, b, r, p) => {
    let found = false;
    const config = p.child('DistributionConfig');
    const behaviors = [config?.raw('DefaultCacheBehavior'), ...(config?.list('CacheBehaviors') ?? [])];
    for (const behavior of behaviors) {
      if (!isRecord(behavior) || !Array.isArray(behavior.LambdaFunctionAssociations)) continue;
      for (const a of behavior.LambdaFunctionAssociations) {
        if (!isRecord(a)) continue;
        const fn = fnFor(t, b, a.LambdaFunctionARN as Resolved);
        if (!fn) continue;
        syncTrigger(b, fn, 'cloudfront-edge', `CloudFront distribution ${r.id}`, p.where(), {
          eventType: String(a.EventType ?? 'origin-request'),
        });
        found = true;
      }
    }
    return found;
  },
  'AWS::Logs::SubscriptionFilter': (t, b, _r, p) => {
    const fn = fnFor(t, b, p.raw('DestinationArn'));
    if (fn) unmodelledTrigger(b, fn, 'CloudWatchLogs', p.where());
    return fn !== undefined;
  },
  'AWS::IoT::TopicRule': (t, b, _r, p) => {
    const fns = eachFunction(t, b, p.child('TopicRulePayload')?.raw('Actions') ?? null);
    for (const fn of fns) unmodelledTrigger(b, fn, 'IoTRule', p.where());
    return fns.length > 0;
  },
};

/** An API defined by an OpenAPI body: traffic through it to each function it integrates. */
function definedApi(
  t: CfnTemplate,
  b: StackBuilder,
  via: 'api-gateway-rest' | 'api-gateway-http',
  because: string,
  body: Resolved | undefined,
  p: PropertyReader,
): boolean {
  if (body === undefined) return false;
  let found = false;
  if (via === 'api-gateway-http') {
    for (const w of openApiServiceIntegrations(body))
      found = serviceIntegrationTraffic(t, b, w.subtype, w.requestParameters, because, p.where()) || found;
  } else {
    for (const w of openApiRestServiceIntegrations(body))
      found = restServiceIntegrationTraffic(t, b, w, because, p.where()) || found;
  }
  for (const { functionId, timeoutMs } of openApiIntegrations(t, body)) {
    const fn = b.functions.get(b.nameFor(functionId));
    if (!fn) continue;
    const endpoint =
      via === 'api-gateway-rest' ? restEndpointType(p.raw('EndpointConfiguration')) : undefined;
    syncTrigger(b, fn, via, because, p.where(), { integrationTimeoutMs: timeoutMs, endpointType: endpoint });
    found = true;
  }
  return found;
}

/**
 * A custom resource (AWS::CloudFormation::CustomResource, Custom::*): the function its ServiceToken
 * names runs when the stack is deployed, updated or deleted, not with traffic (CDK writes several:
 * S3 notifications, auto-deleted objects, log retention). Recorded as a deploy-time function.
 */
function customResource(t: CfnTemplate, b: StackBuilder, r: TemplateResource, p: PropertyReader): void {
  const id = t.functionOf(p.raw('ServiceToken') ?? null);
  if (id !== undefined && !b.deployTimeFunctions.has(id))
    b.deployTimeFunctions.set(id, `custom resource handler (${r.type} ${r.id})`);
}

/**
 * The user's handlers a CDK provider framework function (cr.Provider) invokes, named by the
 * framework's environment (aws-cdk custom-resources: USER_ON_EVENT_FUNCTION_ARN and
 * USER_IS_COMPLETE_FUNCTION_ARN): deploy-time too when the framework function is.
 */
const PROVIDER_FRAMEWORK_VARIABLES = ['USER_ON_EVENT_FUNCTION_ARN', 'USER_IS_COMPLETE_FUNCTION_ARN'];

function providerFrameworkHandlers(t: CfnTemplate, b: StackBuilder): void {
  for (const [id, what] of [...b.deployTimeFunctions]) {
    const environment = t.props(id).Environment;
    const variables = isRecord(environment) ? environment.Variables : undefined;
    if (!isRecord(variables)) continue;
    for (const name of PROVIDER_FRAMEWORK_VARIABLES) {
      const user = t.functionOf((variables[name] as Resolved | undefined) ?? null);
      if (user !== undefined && !b.deployTimeFunctions.has(user))
        b.deployTimeFunctions.set(user, `${what}, called by the provider framework ${id}`);
    }
  }
}

const isCustomResource = (type: string) =>
  type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');

/** Reads every trigger resource of the template; returns the IDs consumed. */
export function readCfnTriggers(t: CfnTemplate, b: StackBuilder): Set<string> {
  const consumed = new Set<string>();
  for (const r of t.resources.values()) {
    const handler = HANDLERS[r.type];
    const custom = isCustomResource(r.type);
    if (!handler && !custom) continue;
    const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
    if (custom) customResource(t, b, r, p);
    if (handler?.(t, b, r, p)) consumed.add(r.id);
  }
  autoScaling(t, b, consumed);
  providerFrameworkHandlers(t, b);
  return consumed;
}

/** The service an event source ARN (or a reference to a template resource) belongs to. */
function serviceOfSource(t: CfnTemplate, arn: Resolved): string | undefined {
  if (arn instanceof ResourceRef) {
    const type = t.resources.get(arn.logicalId)?.type;
    if (type === 'AWS::SQS::Queue') return 'sqs';
    if (type === 'AWS::Kinesis::Stream' || type === CONSUMER_TYPE) return 'kinesis';
    if (type === 'AWS::DynamoDB::Table') return 'dynamodb';
    if (type === 'AWS::MSK::Cluster') return 'kafka';
    return type;
  }
  return typeof arn === 'string' && arn.startsWith('arn:') ? arn.split(':')[2] : undefined;
}

function provisioned(t: CfnTemplate, b: StackBuilder, p: PropertyReader): boolean {
  const fn = fnFor(t, b, p.raw('FunctionName'));
  if (!fn) return false;
  const n = p.child('ProvisionedConcurrencyConfig')?.number('ProvisionedConcurrentExecutions');
  if (n !== undefined) {
    const before =
      typeof fn.written.provisionedConcurrency === 'number' ? fn.written.provisionedConcurrency : 0;
    fn.written.provisionedConcurrency = before + n;
    fn.origins.set('provisionedConcurrency', p.where('ProvisionedConcurrencyConfig'));
    if (before > 0)
      fn.comments.set('provisionedConcurrency', 'summed over the aliases and versions that configure it');
  }
  return true;
}

/**
 * Target tracking on LambdaProvisionedConcurrencyUtilization (Application Auto Scaling): a scalable
 * target `function:NAME:QUALIFIER` with MinCapacity/MaxCapacity and a policy's TargetValue
 * (a fraction, 0.7 = 70%) -> provisionedConcurrency.autoScaling. Scheduled actions are not modelled.
 */
function autoScaling(t: CfnTemplate, b: StackBuilder, consumed: Set<string>): void {
  for (const r of t.ofType('AWS::ApplicationAutoScaling::ScalableTarget')) {
    const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
    if (p.string('ScalableDimension') !== 'lambda:function:ProvisionedConcurrency') continue;
    const resourceId = p.string('ResourceId') ?? '';
    const fn = fnFor(t, b, resourceId.split(':')[1] ?? '');
    const min = p.number('MinCapacity');
    const max = p.number('MaxCapacity');
    if (!fn || min === undefined || max === undefined) continue;
    const policy = t.ofType('AWS::ApplicationAutoScaling::ScalingPolicy').find((x) => {
      const target = t.props(x.id).ScalingTargetId;
      return target instanceof ResourceRef && target.logicalId === r.id;
    });
    const tracking = policy ? t.props(policy.id).TargetTrackingScalingPolicyConfiguration : undefined;
    const value = isRecord(tracking) ? Number(tracking.TargetValue) : Number.NaN;
    const autoScalingWritten: Record<string, unknown> = { minimum: min, maximum: max };
    if (Number.isFinite(value))
      autoScalingWritten.targetUtilization = value <= 1 ? Math.round(value * 1000) / 10 : value;
    const current = fn.written.provisionedConcurrency;
    fn.written.provisionedConcurrency = {
      ...(typeof current === 'number' ? { concurrency: current } : {}),
      autoScaling: autoScalingWritten,
    };
    fn.origins.set('provisionedConcurrency.autoScaling', p.where());
    consumed.add(r.id);
    if (policy) consumed.add(policy.id);
    if (p.has('ScheduledActions'))
      b.notes.push(
        `${fn.name}: ScheduledActions of ${r.id} are not modelled; write provisionedConcurrency.schedule.`,
      );
  }
}
