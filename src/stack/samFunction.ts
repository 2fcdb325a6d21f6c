/**
 * AWS::Serverless::Function -> a written function, its events and traffic (AWS SAM resource
 * reference, AWS::Serverless::Function and its EventSource types).
 *
 * Globals apply first (samGlobals.ts). ProvisionedConcurrencyConfig (on the AutoPublishAlias) becomes
 * provisionedConcurrency; DeploymentPreference (gradual deployments with CodeDeploy) is not simulated
 * and says so; FunctionUrlConfig is a function URL. Each event's position is the event's own.
 */
import type { Path } from '../scenario/index.ts';
import type { CfnTemplate, TemplateResource } from './cfnTemplate.ts';
import { AWS_FUNCTION_DEFAULTS, mapFunctionProperties } from './functionProperties.ts';
import { stringOf } from './intrinsics.ts';
import { mapInvokeConfig } from './invokeConfig.ts';
import { PropertyReader } from './propertyReader.ts';
import { restApiEndpointType } from './restEndpoint.ts';
import { mergeGlobals } from './samGlobals.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import {
  asyncTrigger,
  deliveryTrigger,
  notificationTrigger,
  pollerTrigger,
  scheduleTrigger,
  streamingNote,
  syncTrigger,
  unmodelledTrigger,
} from './triggers.ts';
import { isRecord, type Resolved } from './values.ts';

export function readSamFunction(t: CfnTemplate, b: StackBuilder, r: TemplateResource): ImportedFunction {
  const globals = isRecord(t.data.Globals) ? t.data.Globals.Function : undefined;
  const merged = mergeGlobals(globals, r.properties);
  const resolved = t.resolver.resolve(merged);
  const values = (isRecord(resolved) ? resolved : {}) as Record<string, Resolved>;
  const propsPath: Path = [...r.path, 'Properties'];
  const position = (path: Path) => {
    const key = path[propsPath.length];
    if (typeof key === 'string' && !(key in r.properties) && isRecord(globals) && key in globals) {
      return t.where(['Globals', 'Function', ...path.slice(propsPath.length)]);
    }
    return t.where(path.length > propsPath.length ? path : r.path);
  };
  const p = new PropertyReader(b, propsPath, values, position);
  const fn = b.addFunction(r.id, t.where(r.path));
  const deployed = values.FunctionName;
  if (typeof deployed === 'string') fn.deployedName = deployed;
  const hint = [r.metadata.DockerTag, p.raw('ImageUri')]
    .filter((x) => x !== undefined)
    .map((x) => stringOf(x as Resolved))
    .join(' ');
  mapFunctionProperties({
    template: t,
    builder: b,
    fn,
    props: p,
    defaults: AWS_FUNCTION_DEFAULTS,
    imageHint: hint,
  });

  const pc = p.child('ProvisionedConcurrencyConfig')?.number('ProvisionedConcurrentExecutions');
  if (pc !== undefined) {
    fn.written.provisionedConcurrency = pc;
    fn.origins.set('provisionedConcurrency', p.where('ProvisionedConcurrencyConfig'));
    if (!p.has('AutoPublishAlias'))
      b.warning(
        p.where('ProvisionedConcurrencyConfig'),
        [...propsPath, 'ProvisionedConcurrencyConfig'],
        'SAM applies ProvisionedConcurrencyConfig only with AutoPublishAlias',
      );
  }
  const invoke = p.child('EventInvokeConfig');
  if (invoke) mapInvokeConfig(t, b, fn, invoke);
  if (p.has('DeploymentPreference') && p.child('DeploymentPreference')?.boolean('Enabled') !== false) {
    b.notes.push(
      `${fn.name}: DeploymentPreference (gradual deployment with CodeDeploy) is ignored: lamsim simulates one version.`,
    );
    const hooks = p.child('DeploymentPreference')?.child('Hooks');
    for (const phase of ['PreTraffic', 'PostTraffic']) {
      const hook = t.functionOf(hooks?.raw(phase) ?? null);
      if (hook !== undefined) b.deployTimeFunctions.set(hook, `CodeDeploy ${phase} hook of ${fn.name}`);
    }
  }
  if (p.has('FunctionUrlConfig')) {
    syncTrigger(b, fn, 'function-url', 'FunctionUrlConfig', p.where('FunctionUrlConfig'));
    streamingNote(b, fn, p.child('FunctionUrlConfig')?.string('InvokeMode'));
  }

  const events = p.child('Events');
  for (const name of Object.keys(events?.values ?? {})) {
    const e = events?.child(name);
    if (!e) continue;
    samEvent(t, b, fn, name, e);
  }
  return fn;
}

function samEvent(
  t: CfnTemplate,
  b: StackBuilder,
  fn: ImportedFunction,
  name: string,
  e: PropertyReader,
): void {
  const type = e.string('Type') ?? '';
  const props =
    e.child('Properties') ?? new PropertyReader(b, [...e.path, 'Properties'], {}, () => e.where());
  const where = e.where();
  switch (type) {
    case 'Api':
    case 'HttpApi': {
      const via = type === 'Api' ? 'api-gateway-rest' : 'api-gateway-http';
      const timeoutMs = props.number('TimeoutInMillis');
      const endpoint = type === 'Api' ? restApiEndpointType(t, props.raw('RestApiId')) : undefined;
      syncTrigger(b, fn, via, `${type} event ${name}`, where, {
        integrationTimeoutMs: timeoutMs,
        endpointType: endpoint,
      });
      return;
    }
    case 'SQS':
      pollerTrigger(t, b, fn, 'sqs-queue', props.raw('Queue') ?? null, props);
      return;
    case 'Kinesis':
      pollerTrigger(t, b, fn, 'kinesis-stream', props.raw('Stream') ?? null, props);
      return;
    case 'DynamoDB':
      pollerTrigger(t, b, fn, 'dynamodb-stream', props.raw('Stream') ?? null, props);
      return;
    case 'Schedule': {
      const expression = props.string('Schedule');
      const enabled = props.boolean('Enabled') ?? props.string('State') !== 'DISABLED';
      if (expression) scheduleTrigger(b, fn, expression, enabled, 'rule');
      return;
    }
    case 'ScheduleV2': {
      const expression = props.string('ScheduleExpression');
      const enabled = props.string('State') !== 'DISABLED';
      if (expression)
        scheduleTrigger(b, fn, expression, enabled, 'scheduler', props.string('ScheduleExpressionTimezone'));
      return;
    }
    case 'S3':
      notificationTrigger(t, b, fn, 's3-bucket', props.raw('Bucket') ?? null, where);
      return;
    case 'SNS': {
      const sqs = props.raw('SqsSubscription');
      if (sqs === true || sqs === 'true' || isRecord(sqs)) snsThroughQueue(t, b, fn, name, props);
      else notificationTrigger(t, b, fn, 'sns-topic', props.raw('Topic') ?? null, where);
      return;
    }
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
      asyncTrigger(b, fn, 'eventbridge', `${type} event ${name}`, where);
      return;
    default:
      unmodelledTrigger(b, fn, type || 'untyped', where);
      return;
  }
}

/**
 * An SNS event with `SqsSubscription` (SAM: "batching SNS topic notifications in an SQS queue"): the
 * topic delivers to a queue and the function reads the queue through an event source mapping
 * (BatchSize 10 and Enabled true unless SqsSubscription says otherwise). SAM creates the queue,
 * `<function><event>Queue`, unless `QueueArn` names one. The topic's `deliverTo` names the queue,
 * so traffic published to the topic reaches the function through it.
 */
function snsThroughQueue(
  t: CfnTemplate,
  b: StackBuilder,
  fn: ImportedFunction,
  name: string,
  props: PropertyReader,
): void {
  const sub = props.child('SqsSubscription');
  const where = props.where('SqsSubscription');
  let queue: Resolved | undefined = sub?.raw('QueueArn');
  if (queue === undefined) {
    queue = b.addResource(`${fn.id}${name}Queue`, where, { type: 'sqs-queue' });
    b.notes.push(`${queue}: the SQS queue SAM creates for ${fn.name}'s SNS event ${name} (SqsSubscription).`);
  }
  const settings = {
    BatchSize: sub?.raw('BatchSize') ?? 10,
    ...(sub?.has('Enabled') ? { Enabled: sub.raw('Enabled') } : {}),
  } as Record<string, Resolved>;
  const mapping = new PropertyReader(
    b,
    sub?.path ?? [...props.path, 'SqsSubscription'],
    settings,
    () => where,
  );
  pollerTrigger(t, b, fn, 'sqs-queue', queue, mapping);
  deliveryTrigger(
    t,
    b,
    { type: 'sns-topic', value: props.raw('Topic') ?? null, fallback: `${fn.name}-sns-topic` },
    { type: 'sqs-queue', value: queue, fallback: `${fn.name}-sqs-queue` },
    where,
    props.has('FilterPolicy') ? 'FilterPolicy' : undefined,
  );
}
