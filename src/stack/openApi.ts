/**
 * An OpenAPI (or Swagger) definition of an API Gateway API -> the functions its Lambda
 * integrations invoke, each with its integration timeout (API Gateway developer guide,
 * "x-amazon-apigateway-integration object": `uri`, `timeoutInMillis`). Shared by the REST API
 * `Body`, SAM's `DefinitionBody` (AWS::Serverless::Api and ::HttpApi) and the HTTP API `Body`.
 *
 * A definition whose integrations name no function, but which mentions one elsewhere (a
 * non-standard layout), still counts that function, without a timeout.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import type { RestIntegration } from './serviceIntegrationTraffic.ts';
import { isRecord, type Resolved } from './values.ts';

export interface ApiIntegration {
  /** The function's logical ID (or Serverless function key). */
  readonly functionId: string;
  /** `timeoutInMillis` of the integration, when it sets one. */
  readonly timeoutMs?: number;
}

const INTEGRATION = 'x-amazon-apigateway-integration';

/** Every operation's `x-amazon-apigateway-integration` object under the document's `paths`. */
export function openApiIntegrationObjects(body: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const paths = isRecord(body) && isRecord(body.paths) ? body.paths : {};
  for (const operations of Object.values(paths)) {
    if (!isRecord(operations)) continue;
    for (const operation of Object.values(operations)) {
      const integration = isRecord(operation) ? operation[INTEGRATION] : undefined;
      if (isRecord(integration)) out.push(integration);
    }
  }
  return out;
}

/** An integration with an `integrationSubtype` (an HTTP API's AWS service integration). */
export interface ServiceIntegration {
  readonly subtype: string;
  readonly requestParameters: Resolved | undefined;
}

/** Every operation's integration of an AWS service (`integrationSubtype`). */
export function openApiServiceIntegrations(body: Resolved): ServiceIntegration[] {
  return openApiIntegrationObjects(body).flatMap((integration) =>
    typeof integration.integrationSubtype === 'string'
      ? [
          {
            subtype: integration.integrationSubtype,
            requestParameters: integration.requestParameters as Resolved | undefined,
          },
        ]
      : [],
  );
}

/** Every operation's AWS service integration (`type: aws`) of a REST API: its URI and request mapping. */
export function openApiRestServiceIntegrations(body: Resolved): RestIntegration[] {
  return openApiIntegrationObjects(body).flatMap((integration) =>
    String(integration.type).toLowerCase() === 'aws'
      ? [
          {
            uri: integration.uri as Resolved | undefined,
            requestParameters: integration.requestParameters as Resolved | undefined,
            requestTemplates: integration.requestTemplates as Resolved | undefined,
          },
        ]
      : [],
  );
}

export function openApiIntegrations(t: CfnTemplate, body: Resolved): ApiIntegration[] {
  const out: ApiIntegration[] = [];
  const seen = new Set<string>();
  for (const integration of openApiIntegrationObjects(body)) {
    const timeout = Number(integration.timeoutInMillis);
    const timeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
    for (const functionId of t.functionsIn((integration.uri ?? null) as Resolved)) {
      const key = `${functionId} ${timeoutMs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ functionId, timeoutMs });
    }
  }
  if (out.length > 0) return out;
  return [...t.functionsIn(body)].map((functionId) => ({ functionId }));
}
