/**
 * Network reachability: a function in a VPC reaches the internet only through a NAT gateway
 * (an error: the call cannot succeed on AWS); RDS Proxy is reachable only from inside a VPC
 * (a warning: the scenario still simulates).
 */
import { type Rule, trusted } from './rule.ts';

export const networkRules: Rule = (draft, report) => {
  const hasNat = draft.resourceNames.some((r) => r.type === 'nat-gateway');
  const proxies = new Set(draft.resourceNames.filter((r) => r.type === 'rds-proxy').map((r) => r.name));
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
      if (call.kind === 'resource' && proxies.has(call.resource) && !inVpc) {
        report.warning(
          path,
          `RDS Proxy '${call.resource}' is reachable only from inside its VPC, but ${f.value.name} has no vpc`,
        );
      }
    });
  }
};
