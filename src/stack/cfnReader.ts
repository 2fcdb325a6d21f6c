/**
 * A CloudFormation or SAM template -> the builder: resources lamsim models first (so references
 * resolve to them), then functions (AWS::Lambda::Function, AWS::Serverless::Function), then the
 * resources that trigger or configure functions. Every other resource is listed as not modelled.
 */
import { readCfnAuthorizers } from './authorizers.ts';
import { type CfnTemplate, FUNCTION_TYPES } from './cfnTemplate.ts';
import { readCfnTriggers } from './cfnTriggers.ts';
import { mapDatabases } from './databaseResources.ts';
import { AWS_FUNCTION_DEFAULTS, type FunctionDefaults, mapFunctionProperties } from './functionProperties.ts';
import { MESSAGING_TYPES, mapMessagingResource } from './messagingResources.ts';
import { mapNatGateways, mapVpcEndpoints } from './networkResources.ts';
import { PropertyReader } from './propertyReader.ts';
import { readSamFunction } from './samFunction.ts';
import type { StackBuilder } from './stackBuilder.ts';
import { NOT_SIMULATED, readStateMachines } from './stateMachines.ts';

const RESOURCE_TYPES = new Set([
  ...MESSAGING_TYPES,
  'AWS::EC2::NatGateway',
  'AWS::EC2::VPCEndpoint',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBProxy',
  'AWS::RDS::DBProxyTargetGroup',
]);

/** Types with nothing to simulate, named in the not-modelled list with this reason. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'permissions',
  'AWS::IAM::Policy': 'permissions',
  'AWS::IAM::ManagedPolicy': 'permissions',
  'AWS::Lambda::Permission': 'permissions',
  'AWS::SQS::QueuePolicy': 'permissions',
  'AWS::SNS::TopicPolicy': 'permissions',
  'AWS::S3::BucketPolicy': 'permissions',
  'AWS::Logs::LogGroup': 'log storage (see logSize)',
  'AWS::Lambda::LayerVersion': 'code packaging (a layer lengthens INIT: adjust model.init)',
  'AWS::Serverless::LayerVersion': 'code packaging (a layer lengthens INIT: adjust model.init)',
  'AWS::CDK::Metadata': 'CDK metadata',
  'AWS::Lambda::CapacityProvider': 'Lambda Managed Instances: see the warning on the functions it runs',
  'AWS::Serverless::CapacityProvider': 'Lambda Managed Instances: see the warning on the functions it runs',
  'AWS::StepFunctions::StateMachine': NOT_SIMULATED,
  'AWS::Serverless::StateMachine': NOT_SIMULATED,
  'AWS::Kinesis::StreamConsumer': 'enhanced fan-out: the mappings reading it have enhancedFanOut: true',
};

export interface CfnReadOptions {
  /** Defaults of absent MemorySize/Timeout (AWS's, or the Serverless Framework's for its functions). */
  readonly defaults?: FunctionDefaults;
  /** Functions another reader already added (serverless.yml functions referenced by its resources). */
  readonly skipFunctions?: boolean;
}

export function readCfnTemplate(t: CfnTemplate, b: StackBuilder, options: CfnReadOptions = {}): void {
  if (typeof t.data.Description === 'string') b.description ??= t.data.Description.trim();
  const consumed = new Set<string>();
  for (const r of t.resources.values()) {
    if (MESSAGING_TYPES.has(r.type)) mapMessagingResource(t, b, r);
    if (RESOURCE_TYPES.has(r.type)) consumed.add(r.id);
  }
  mapNatGateways(t, b);
  mapVpcEndpoints(t, b);
  mapDatabases(t, b);

  if (!options.skipFunctions) {
    for (const r of t.resources.values()) {
      if (r.type === 'AWS::Serverless::Function') readSamFunction(t, b, r);
      else if (r.type === 'AWS::Lambda::Function') {
        const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
        const fn = b.addFunction(r.id, t.where(r.path));
        const deployed = t.props(r.id).FunctionName;
        if (typeof deployed === 'string') fn.deployedName = deployed;
        mapFunctionProperties({
          template: t,
          builder: b,
          fn,
          props: p,
          defaults: options.defaults ?? AWS_FUNCTION_DEFAULTS,
        });
      }
      if (FUNCTION_TYPES.has(r.type)) consumed.add(r.id);
    }
  }
  for (const id of readCfnTriggers(t, b)) consumed.add(id);
  for (const id of readCfnAuthorizers(t, b)) consumed.add(id);
  readStateMachines(t, b);

  for (const r of t.resources.values()) {
    if (consumed.has(r.id)) continue;
    if (b.notModelled.some((n) => n.id === r.id)) continue;
    b.notModelledResource(r.id, r.type, NO_EFFECT[r.type]);
  }
}
