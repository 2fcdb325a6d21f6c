/**
 * Lambda authorizers: a function API Gateway calls to authorize requests to the methods it protects
 * (CloudFormation AWS::ApiGateway::Authorizer TOKEN/REQUEST and AWS::ApiGatewayV2::Authorizer
 * REQUEST, SAM `Auth.Authorizers` of an AWS::Serverless::Api or ::HttpApi, a Serverless `http`
 * event's `authorizer:`) -> placeholder traffic through that API's front door and a note.
 *
 * Contract: an authorizer is invoked, so it is never "a function nothing calls". API Gateway calls
 * it on cache misses only: every request when the result TTL is 0, else about once per distinct
 * token (identity) per TTL; the placeholder's comment says which rate to write. lamsim does not add
 * the authorizer's time to the latency of the API's functions (the note says so). Readers record
 * authorizers as they find them (`addAuthorizer`); `placeAuthorizers` runs once every function is
 * read, since an authorizer may be declared before its function.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { PropertyReader } from './propertyReader.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { type Resolved, ResourceRef } from './values.ts';

export interface AuthorizerUse {
  /** The authorizer function's logical ID (Serverless: its function key). */
  readonly functionId: string;
  /** The API it protects, as the template names it. */
  readonly api: string;
  readonly via: 'api-gateway-rest' | 'api-gateway-http';
  /** The result TTL the template sets, in seconds. */
  readonly ttlS?: number;
  /** The TTL that applies when the template sets none, and where that default is documented. */
  readonly defaultTtl: string;
  readonly where: Where;
}

/** CloudFormation AWS::ApiGateway::Authorizer, AuthorizerResultTtlInSeconds: "If this field is not set, the default value is 300." */
const REST_DEFAULT =
  '300 s when not set — CloudFormation AWS::ApiGateway::Authorizer AuthorizerResultTtlInSeconds';
/** API Gateway v2 API reference, Authorizer.AuthorizerResultTtlInSeconds: 300 when not set. */
const HTTP_DEFAULT =
  '300 s when not set — API Gateway v2 API reference, Authorizer AuthorizerResultTtlInSeconds';
/** SAM LambdaTokenAuthorizationIdentity / LambdaRequestAuthorizationIdentity ReauthorizeEvery: "Default: 300". */
const SAM_DEFAULT = '300 s when not set — SAM Auth.Authorizers Identity.ReauthorizeEvery';
/** The Serverless Framework's http authorizer resultTtlInSeconds when not written. */
export const SERVERLESS_DEFAULT =
  "300 s when not set — the Serverless Framework's authorizer resultTtlInSeconds";

const pending = new WeakMap<StackBuilder, AuthorizerUse[]>();

export function addAuthorizer(b: StackBuilder, use: AuthorizerUse): void {
  pending.set(b, [...(pending.get(b) ?? []), use]);
}

/** Traffic and a note for each authorizer whose function the templates define; once per (function, API). */
export function placeAuthorizers(b: StackBuilder): void {
  const seen = new Set<string>();
  for (const use of pending.get(b) ?? []) {
    const fn = [...b.functions.values()].find((f) => f.id === use.functionId);
    if (fn === undefined) continue; // a function outside the templates: nothing to simulate
    const key = JSON.stringify([fn.name, use.api]);
    if (seen.has(key)) continue;
    seen.add(key);
    const ttl =
      use.ttlS === undefined
        ? `result TTL ${use.defaultTtl}`
        : use.ttlS === 0
          ? 'result TTL 0 s: caching off, so on every request'
          : `result TTL ${use.ttlS} s`;
    b.notes.push(
      `${fn.name}: Lambda authorizer of API ${use.api}: API Gateway invokes it for requests to the methods it protects, on cache misses (${ttl}). ` +
        `The latency of the API's functions in the results leaves the authorizer's time out.`,
    );
    const rate =
      use.ttlS === 0
        ? `write the API's request rate (result TTL 0 s: every request calls it)`
        : `write the API's request rate if its result TTL is 0, else roughly the distinct tokens per ${use.ttlS ?? 300} s (the TTL)`;
    b.addTraffic({
      target: fn.name,
      via: use.via,
      because: `${fn.name} is the Lambda authorizer of API ${use.api}: ${rate}`,
      where: use.where,
    });
  }
  pending.delete(b);
}

const nameOf = (v: Resolved | undefined): string =>
  v instanceof ResourceRef ? v.logicalId : typeof v === 'string' ? v : 'unknown';

/** Authorizers in a CloudFormation or SAM template; returns the authorizer resources read. */
export function readCfnAuthorizers(t: CfnTemplate, b: StackBuilder): Set<string> {
  const consumed = new Set<string>();
  const readerOf = (id: string, path: readonly (string | number)[]) =>
    new PropertyReader(b, [...path, 'Properties'], t.props(id), (p) => t.where(p));
  for (const r of t.ofType('AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer')) {
    const p = readerOf(r.id, r.path);
    const rest = r.type === 'AWS::ApiGateway::Authorizer';
    const type = (p.string(rest ? 'Type' : 'AuthorizerType') ?? '').toUpperCase();
    if (type !== 'TOKEN' && type !== 'REQUEST') continue; // Cognito, JWT: no function
    consumed.add(r.id);
    for (const functionId of t.functionsIn(p.raw('AuthorizerUri') ?? null)) {
      addAuthorizer(b, {
        functionId,
        api: nameOf(p.raw(rest ? 'RestApiId' : 'ApiId')),
        via: rest ? 'api-gateway-rest' : 'api-gateway-http',
        ttlS: p.number('AuthorizerResultTtlInSeconds'),
        defaultTtl: rest ? REST_DEFAULT : HTTP_DEFAULT,
        where: p.where(),
      });
    }
  }
  for (const r of t.ofType('AWS::Serverless::Api', 'AWS::Serverless::HttpApi')) {
    const authorizers = readerOf(r.id, r.path).child('Auth')?.child('Authorizers');
    if (authorizers === undefined) continue;
    const rest = r.type === 'AWS::Serverless::Api';
    for (const name of Object.keys(authorizers.values)) {
      const a = authorizers.child(name);
      const functionId = a === undefined ? undefined : t.functionOf(a.raw('FunctionArn') ?? null);
      if (a === undefined || functionId === undefined) continue; // Cognito, JWT, or outside the template
      addAuthorizer(b, {
        functionId,
        api: r.id,
        via: rest ? 'api-gateway-rest' : 'api-gateway-http',
        ttlS: a.child('Identity')?.number('ReauthorizeEvery'),
        defaultTtl: rest ? SAM_DEFAULT : HTTP_DEFAULT,
        where: a.where(),
      });
    }
  }
  return consumed;
}
