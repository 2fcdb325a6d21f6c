/**
 * The endpoint type of a REST API (API Gateway developer guide, "API endpoint types"): edge (AWS's
 * default), regional or private, from SAM's `EndpointConfiguration` (a string, or `{ Type }`) and
 * CloudFormation's RestApi `EndpointConfiguration: { Types: [...] }`. It matters for the traffic's
 * integrationTimeout: only a regional or private API may wait longer than 29 s.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { isRecord, type Resolved, ResourceRef } from './values.ts';

export type RestEndpointType = 'edge' | 'regional' | 'private';

/** The endpoint type an EndpointConfiguration value names (undefined: none, or not one AWS has). */
export function restEndpointType(config: unknown): RestEndpointType | undefined {
  const types = isRecord(config) && Array.isArray(config.Types) ? config.Types[0] : undefined;
  const raw = typeof config === 'string' ? config : isRecord(config) ? (config.Type ?? types) : undefined;
  if (typeof raw !== 'string') return undefined;
  const type = raw.toLowerCase();
  return type === 'edge' || type === 'regional' || type === 'private' ? type : undefined;
}

/**
 * The endpoint type of the REST API a SAM Api event or an API Gateway method names by `RestApiId`
 * (a Ref to an AWS::Serverless::Api or AWS::ApiGateway::RestApi); without one, SAM's implicit API,
 * configured by `Globals.Api`.
 */
export function restApiEndpointType(
  t: CfnTemplate,
  restApiId: Resolved | undefined,
): RestEndpointType | undefined {
  if (restApiId instanceof ResourceRef)
    return restEndpointType(t.props(restApiId.logicalId).EndpointConfiguration);
  if (restApiId !== undefined) return undefined;
  const globals = isRecord(t.data.Globals) ? t.data.Globals.Api : undefined;
  return isRecord(globals) ? restEndpointType(globals.EndpointConfiguration) : undefined;
}
