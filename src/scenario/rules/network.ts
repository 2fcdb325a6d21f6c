/**
 * Network reachability: a function in a VPC reaches the internet only through a NAT gateway, and
 * Secrets Manager through a NAT gateway or a `secretsmanager` interface endpoint (errors: the call
 * cannot succeed on AWS); RDS Proxy and VPC endpoints are reachable only from
 * inside a VPC (warnings: the scenario still simulates); gateway endpoints exist only for S3 and
 * DynamoDB (an error).
 */
import { GATEWAY_ENDPOINT_SERVICES, SECRETS_MANAGER_SERVICE } from '../defaults/resources.ts';
import { type Rule, trusted } from './rule.ts';

export const networkRules: Rule = (draft, report) => {
  const hasNat = draft.resourceNames.some((r) => r.type === 'nat-gateway');
  const proxies = new Set(draft.resourceNames.filter((r) => r.type === 'rds-proxy').map((r) => r.name));
  const endpoints = new Set(draft.resourceNames.filter((r) => r.type === 'vpc-endpoint').map((r) => r.name));
  const secrets = new Set(draft.resourceNames.filter((r) => r.type === 'secret').map((r) => r.name));
  const hasSecretsEndpoint = draft.resources.some(
    (r) => r.value.type === 'vpc-endpoint' && r.value.service === SECRETS_MANAGER_SERVICE,
  );
  for (const r of draft.resources) {
    const v = r.value;
    if (
      v.type === 'vpc-endpoint' &&
      v.endpointType === 'gateway' &&
      !GATEWAY_ENDPOINT_SERVICES.has(v.service)
    ) {
      report.error(
        [...r.path, 'endpointType'],
        `gateway endpoints exist only for s3 and dynamodb; '${v.service}' needs endpointType: interface`,
      );
    }
  }
  for (const f of draft.functions) {
    if (!trusted(f.bad, 'vpc', 'model.calls')) continue;
    const inVpc = f.value.vpc !== null;
    f.value.model.calls.forEach((call, i) => {
      const path = [...f.path, 'model', 'calls', i, 'resource'];
      if (call.kind === 'internet' && inVpc && !hasNat) {
        report.error(
          path,
          `${f.value.name} runs in a VPC, where the internet is unreachable without a NAT gateway: add a resource of type nat-gateway (or remove vpc)`,
        );
      }
      if (call.kind === 'resource' && secrets.has(call.resource) && inVpc && !hasNat && !hasSecretsEndpoint) {
        report.error(
          path,
          `${f.value.name} runs in a VPC, where Secrets Manager is unreachable without a NAT gateway or an interface endpoint: add a resource of type nat-gateway, or of type vpc-endpoint with service: ${SECRETS_MANAGER_SERVICE}`,
        );
      }
      if (call.kind === 'resource' && endpoints.has(call.resource) && !inVpc) {
        report.warning(
          path,
          `VPC endpoint '${call.resource}' serves functions in a VPC, but ${f.value.name} has no vpc (it reaches the service directly)`,
        );
      }
      if (call.kind === 'resource' && proxies.has(call.resource) && !inVpc) {
        report.warning(
          path,
          `RDS Proxy '${call.resource}' is reachable only from inside its VPC, but ${f.value.name} has no vpc`,
        );
      }
    });
  }
};
