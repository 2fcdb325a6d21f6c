/**
 * A function on Lambda Managed Instances (a `CapacityProviderConfig`: CloudFormation's
 * `LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn`, SAM's `Arn`) -> a warning
 * and a header note: lamsim does not model Managed Instances, and runs the function as on-demand
 * Lambda.
 *
 * Contract: never silent. The warning goes into the import's issues (so `lamsim import` and every
 * `stack:` run print it); the note says which results do not apply to the function. How Managed
 * Instances differ (aws-facts A10; Lambda pricing page, "Lambda Managed Instances"; CloudFormation
 * AWS::Lambda::Function LambdaManagedInstancesCapacityProviderConfig): execution environments run on
 * EC2 instances the capacity provider keeps running, so a request does not start one (no cold start
 * per request); one environment serves up to PerExecutionEnvironmentMaxConcurrency requests at once;
 * the bill is $0.20 per million requests + the EC2 instances' price + a 15 % management fee on it,
 * with no duration (GB-second) charge.
 */
import { stringOf } from './intrinsics.ts';
import type { PropertyReader } from './propertyReader.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import { ResourceRef } from './values.ts';

export const CAPACITY_PROVIDER_PROPERTY = 'CapacityProviderConfig';

/** Warns and notes when the function has a capacity provider; does nothing otherwise. */
export function noteManagedInstances(p: PropertyReader, fn: ImportedFunction, b: StackBuilder): void {
  const config = p.child(CAPACITY_PROVIDER_PROPERTY);
  if (config === undefined) return;
  // CloudFormation nests the settings one level down; SAM writes them on CapacityProviderConfig.
  const settings = config.child('LambdaManagedInstancesCapacityProviderConfig') ?? config;
  const arn = settings.raw('CapacityProviderArn') ?? settings.raw('Arn');
  const provider =
    arn instanceof ResourceRef
      ? arn.logicalId
      : arn !== undefined && stringOf(arn) !== ''
        ? stringOf(arn)
        : '';
  const perEnvironment = settings.number('PerExecutionEnvironmentMaxConcurrency');
  const on = provider === '' ? 'a capacity provider' : `the capacity provider ${provider}`;
  b.warning(
    p.where(CAPACITY_PROVIDER_PROPERTY),
    p.pathOf(CAPACITY_PROVIDER_PROPERTY),
    `${fn.name} runs on Lambda Managed Instances (${on}), which lamsim does not model: it is simulated and billed as on-demand Lambda, so its cold starts, concurrency and Lambda bill in the results do not apply`,
  );
  const concurrency =
    perEnvironment === undefined
      ? 'each environment serves many requests at once'
      : `each environment serves up to ${perEnvironment} requests at once (PerExecutionEnvironmentMaxConcurrency)`;
  b.notes.push(
    `${fn.name}: runs on Lambda Managed Instances (${on}), which lamsim does not model; it is simulated as on-demand Lambda. ` +
      `What the results say about it does not apply: cold starts (Managed Instances keep environments running on EC2 instances), ` +
      `concurrency and throttling (${concurrency}), and its Lambda bill (Managed Instances bill $0.20 per million requests + the EC2 instances + a 15 % management fee, no GB-second duration charge).`,
  );
}
