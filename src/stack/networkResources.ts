/**
 * NAT gateways and VPC endpoints -> lamsim resources (AWS::EC2::NatGateway, AWS::EC2::VPCEndpoint).
 *
 * lamsim bills one `nat-gateway` resource per AZ it spans, so the template's NAT gateways (one per AZ
 * in the usual layout, as `cdk synth` writes a VPC) become one resource, named after the first, with
 * `azs` = their count. An endpoint's service is the part of `ServiceName` after the region
 * (`com.amazonaws.us-east-1.secretsmanager` -> `secretsmanager`); CloudFormation's default
 * VpcEndpointType is Gateway; an interface endpoint spans one AZ per subnet.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { PropertyReader } from './propertyReader.ts';
import type { StackBuilder, Written } from './stackBuilder.ts';

export function mapNatGateways(t: CfnTemplate, b: StackBuilder): void {
  const nats = t.ofType('AWS::EC2::NatGateway');
  if (nats.length === 0) return;
  const first = nats[0];
  const name = b.addResource(first.id, t.where(first.path), { type: 'nat-gateway', azs: nats.length });
  if (nats.length > 1) {
    b.notes.push(
      `${name}: the template's ${nats.length} NAT gateways (${nats.map((n) => n.id).join(', ')}), one per AZ.`,
    );
  }
}

export function mapVpcEndpoints(t: CfnTemplate, b: StackBuilder): void {
  for (const r of t.ofType('AWS::EC2::VPCEndpoint')) {
    const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
    const serviceName = p.string('ServiceName');
    if (serviceName === undefined) {
      b.notModelledResource(r.id, r.type, 'its ServiceName is not known before deployment');
      continue;
    }
    const service = serviceOf(serviceName);
    const endpointType = (p.string('VpcEndpointType') ?? 'Gateway').toLowerCase();
    const written: Written = { type: 'vpc-endpoint', service };
    if (endpointType === 'gateway' || endpointType === 'interface') written.endpointType = endpointType;
    else {
      b.notModelledResource(r.id, r.type, `endpoint type ${endpointType}`);
      continue;
    }
    if (endpointType === 'interface') written.azs = Math.max(1, p.list('SubnetIds')?.length ?? 1);
    b.addResource(r.id, t.where(r.path), written);
  }
}

/** `com.amazonaws.us-east-1.ecr.api` -> `ecr.api`; a name without a region keeps its last part. */
export function serviceOf(serviceName: string): string {
  const m = /^(?:aws\.sagemaker\.|com\.amazonaws\.)(?:[a-z]{2}(?:-[a-z]+)+-\d+\.)(.+)$/.exec(serviceName);
  if (m) return m[1];
  const parts = serviceName.split('.');
  return parts[parts.length - 1];
}
