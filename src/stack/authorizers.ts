/**
 * Lambda authorizers: a function API Gateway calls to authorize requests to the methods it protects
 * (CloudFormation AWS::ApiGateway::Authorizer TOKEN/REQUEST and AWS::ApiGatewayV2::Authorizer
 * REQUEST, SAM `Auth.Authorizers` of an AWS::Serverless::Api or ::HttpApi or in `Globals.Api` /
 * `Globals.HttpApi`, a Serverless `http` event's `authorizer:`, a Serverless `httpApi` event's
 * authorizer of `provider.httpApi.authorizers` with `type: request`) -> placeholder traffic
 * through that API's front door and a note.
 *
 * Contract: an authorizer is invoked, so it is never "a function nothing calls". API Gateway calls
 * it on cache misses only: every request when the result TTL is 0, else about once per distinct
 * token (identity) per TTL; the placeholder's comment says which rate to write. Its traffic is
 * `via: direct` (API Gateway invokes it synchronously): the API's requests are billed once, by
 * the traffic of the routes it protects, not again for each authorizer call. lamsim does not add
 * the authorizer's time to the latency of the API's functions (the note says so). Readers record
 * authorizers as they find them (`addAuthorizer`); `placeAuthorizers` runs once every function is
 * read, since an authorizer may be declared before its function.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { PropertyReader } from './propertyReader.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, type Resolved, ResourceRef } from './values.ts';

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
export const HTTP_DEFAULT =
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
    const api = use.via === 'api-gateway-rest' ? 'REST API' : 'HTTP API';
    b.addTraffic({
      target: fn.name,
      via: 'direct',
      because: `${fn.name} is the Lambda authorizer of ${api} ${use.api} (invoked by API Gateway, so direct: the API's requests are billed with its routes' traffic): ${rate}`,
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
  for (const sam of SAM_APIS) {
    const global = globalAuthorizers(t, b, sam.globals);
    for (const r of t.ofType(sam.type)) {
      const own = readerOf(r.id, r.path).child('Auth')?.child('Authorizers');
      addSamAuthorizers(t, b, r.id, sam.via, own, global);
    }
    if (global !== undefined && implicitApiUsed(t, sam.event, sam.apiKey))
      addSamAuthorizers(t, b, sam.implicit, sam.via, undefined, global);
  }
  return consumed;
}

/**
 * SAM's two API types: their `Globals` section (which applies to every API of the type, the
 * implicit one SAM creates for `Api` / `HttpApi` events included: AWS SAM developer guide, "Globals
 * section of the AWS SAM template"; `Auth` is a supported Api and HttpApi global), the event that
 * uses the implicit API when it names no API, and that API's logical ID.
 */
const SAM_APIS = [
  {
    type: 'AWS::Serverless::Api',
    globals: 'Api',
    event: 'Api',
    apiKey: 'RestApiId',
    implicit: 'ServerlessRestApi',
    via: 'api-gateway-rest',
  },
  {
    type: 'AWS::Serverless::HttpApi',
    globals: 'HttpApi',
    event: 'HttpApi',
    apiKey: 'ApiId',
    implicit: 'ServerlessHttpApi',
    via: 'api-gateway-http',
  },
] as const;

/** `Globals.<Api|HttpApi>.Auth.Authorizers`, resolved, read at its place in the template. */
function globalAuthorizers(t: CfnTemplate, b: StackBuilder, key: string): PropertyReader | undefined {
  const section = isRecord(t.data.Globals) ? t.data.Globals[key] : undefined;
  const auth = isRecord(section) ? section.Auth : undefined;
  if (!isRecord(auth) || !isRecord(auth.Authorizers)) return undefined;
  const values = t.resolver.resolve(auth.Authorizers);
  if (!isRecord(values)) return undefined;
  const path = ['Globals', key, 'Auth', 'Authorizers'];
  return new PropertyReader(b, path, values as Record<string, Resolved>, (p) => t.where(p));
}

/** Whether a SAM function has an event of `event` type that names no API (so SAM creates one). */
function implicitApiUsed(t: CfnTemplate, event: string, apiKey: string): boolean {
  return t.ofType('AWS::Serverless::Function').some((r) => {
    const events = t.props(r.id).Events;
    return (
      isRecord(events) &&
      Object.values(events).some(
        (e) =>
          isRecord(e) && e.Type === event && !(isRecord(e.Properties) && e.Properties[apiKey] !== undefined),
      )
    );
  });
}

/**
 * The Lambda authorizers of SAM API `api`: its own `Auth.Authorizers` and the global ones (an
 * authorizer the API writes replaces the global one of the same name).
 */
function addSamAuthorizers(
  t: CfnTemplate,
  b: StackBuilder,
  api: string,
  via: AuthorizerUse['via'],
  own: PropertyReader | undefined,
  global: PropertyReader | undefined,
): void {
  const names = new Set([...Object.keys(own?.values ?? {}), ...Object.keys(global?.values ?? {})]);
  for (const name of names) {
    const a = own?.child(name) ?? global?.child(name);
    const functionId = a === undefined ? undefined : t.functionOf(a.raw('FunctionArn') ?? null);
    if (a === undefined || functionId === undefined) continue; // Cognito, JWT, or outside the template
    addAuthorizer(b, {
      functionId,
      api,
      via,
      ttlS: a.child('Identity')?.number('ReauthorizeEvery'),
      defaultTtl: via === 'api-gateway-rest' ? SAM_DEFAULT : HTTP_DEFAULT,
      where: a.where(),
    });
  }
}
