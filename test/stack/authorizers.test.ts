/**
 * Lambda authorizers are invoked by API Gateway (on cache misses), not "functions nothing calls":
 * placeholder traffic through the API's front door, whose comment says what rate to write, and a
 * note with the result TTL and what the results leave out.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { fixtureText, imported, trafficLine } from './helpers.ts';

const fixture = fixtureText;

/** The written traffic entry targeting `name`, with its `phases` comment line. */
const trafficOf = (text: string, name: string) => {
  const m = new RegExp(`- target: ${name}\\n\\s+via: (\\S+)\\n\\s+phases: # (.*)`).exec(text);
  if (!m) expect.fail(`no traffic for ${name} in\n${text}`);
  return { via: m[1], comment: m[2] };
};

describe('Lambda authorizers', () => {
  it('CloudFormation AWS::ApiGateway::Authorizer (TOKEN): traffic through the REST API, TTL 300 s when not set', () => {
    const r = imported(fixture('apigw-authorizer', 'template.yaml'));
    expect(r.text).not.toMatch(/TokenAuthorizerFunction has no trigger/);
    expect(trafficOf(r.text, 'TokenAuthorizerFunction')).toEqual({
      via: 'direct',
      comment:
        "assumption: TokenAuthorizerFunction is the Lambda authorizer of REST API AppApi (invoked by API Gateway, so direct: the API's requests are billed with its routes' traffic): write the API's request rate if its result TTL is 0, else roughly the distinct tokens per 300 s (the TTL); replace the rate",
    });
    expect(r.text).toContain(
      "TokenAuthorizerFunction: Lambda authorizer of API AppApi: API Gateway invokes it for requests to the methods it protects, on cache misses (result TTL 300 s when not set — CloudFormation AWS::ApiGateway::Authorizer AuthorizerResultTtlInSeconds). The latency of the API's functions in the results leaves the authorizer's time out.",
    );
    expect(r.text).not.toMatch(/AWS::ApiGateway::Authorizer: AuthorizersLambdaToken/);
  });

  it("bills the API's requests once: the routes' traffic goes through the API, the authorizer's is direct", () => {
    // Before, the authorizer's placeholder went through the API too, and each of its calls was
    // billed as one more REST API request.
    const r = imported(fixture('apigw-authorizer', 'template.yaml'));
    const out = runScenario(r.scenario);
    const throughApi = r.scenario.traffic.filter((t) => t.via === 'api-gateway-rest').map((t) => t.target);
    expect(throughApi).not.toContain('TokenAuthorizerFunction');
    expect(throughApi.length).toBeGreaterThan(0);
    const requests = throughApi.reduce(
      (sum, name) => sum + out.summary.functions[name].invocations.arrived,
      0,
    );
    const billed = out.summary.cost.window.lines.find((l) => l.item.startsWith('REST API requests'));
    expect(out.summary.functions.TokenAuthorizerFunction.invocations.arrived).toBeGreaterThan(0);
    expect(billed?.quantity).toBe(requests);
  });

  it('SAM Auth.Authorizers of an AWS::Serverless::Api, with ReauthorizeEvery 0: the API request rate', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt MyAuthFunction.Arn
            Identity: { ReauthorizeEvery: 0 }
  MyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        GetRoot:
          Type: Api
          Properties: { RestApiId: !Ref MyApi, Path: /, Method: get }
  MyAuthFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: authorizer.handler
      InlineCode: x
`);
    expect(trafficOf(r.text, 'MyAuthFunction')).toEqual({
      via: 'direct',
      comment:
        "assumption: MyAuthFunction is the Lambda authorizer of REST API MyApi (invoked by API Gateway, so direct: the API's requests are billed with its routes' traffic): write the API's request rate (result TTL 0 s: every request calls it); replace the rate",
    });
    expect(r.text).toMatch(/MyAuthFunction: Lambda authorizer of API MyApi: .*result TTL 0 s: caching off/);
  });

  it('a Serverless http event authorizer: names the function by its key', () => {
    const r = imported(fixture('sls-auth0-authorizer', 'serverless.yml'), {}, 'serverless.yml');
    expect(r.text).not.toMatch(/auth has no trigger/);
    expect(trafficOf(r.text, 'auth').via).toBe('direct');
    expect(r.text).toMatch(
      /auth: Lambda authorizer of API ApiGatewayRestApi: .*result TTL 300 s when not set — the Serverless Framework's authorizer resultTtlInSeconds/,
    );
  });

  it('a Serverless httpApi event authorizer (provider.httpApi.authorizers, type request): traffic through the HTTP API, at the authorizer', () => {
    const r = imported(
      `
service: shop
provider:
  name: aws
  runtime: nodejs20.x
  httpApi:
    authorizers:
      jwtAuth:
        identitySource: $request.header.Authorization
        issuerUrl: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x
        audience: [abc]
      customAuthorizer:
        type: request
        functionName: authorizerFunc
        resultTtlInSeconds: 60
        enableSimpleResponses: true
        identitySource: [$request.header.Authorization]
functions:
  authorizerFunc: { handler: auth.handler }
  orders:
    handler: orders.handler
    events:
      - httpApi: { path: /orders, method: post, authorizer: { name: customAuthorizer } }
      - httpApi: { path: /orders, method: get, authorizer: customAuthorizer }
  profile:
    handler: profile.handler
    events:
      - httpApi: { path: /me, method: get, authorizer: { name: jwtAuth } }
`,
      {},
      'serverless.yml',
    );
    expect(r.text).not.toMatch(/authorizerFunc has no trigger/);
    expect(trafficOf(r.text, 'authorizerFunc')).toEqual({
      via: 'direct',
      comment:
        "assumption: authorizerFunc is the Lambda authorizer of HTTP API HttpApi (invoked by API Gateway, so direct: the API's requests are billed with its routes' traffic): write the API's request rate if its result TTL is 0, else roughly the distinct tokens per 60 s (the TTL); replace the rate",
    });
    // One note for the authorizer, however many routes use it.
    expect(
      r.text.match(/authorizerFunc: Lambda authorizer of API HttpApi: .*\(result TTL 60 s\)/g),
    ).toHaveLength(1);
    // A JWT authorizer calls no function: profile's traffic is its own route's only.
    expect(r.scenario.traffic.filter((t) => t.target === 'authorizerFunc')).toHaveLength(1);
    // The placeholder points at the authorizer's definition (line 13 of the text: its `type: request`).
    expect(trafficLine(r, 'authorizerFunc')).toBe(13);
  });

  it('SAM Globals.Api.Auth authorizers protect the implicit API and every AWS::Serverless::Api', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      DefaultAuthorizer: TokenAuth
      Authorizers:
        TokenAuth:
          FunctionArn: !GetAtt AuthFunction.Arn
          Identity: { ReauthorizeEvery: 120 }
  HttpApi:
    Auth:
      Authorizers:
        RequestAuth:
          FunctionArn: !GetAtt HttpAuthFunction.Arn
          AuthorizerPayloadFormatVersion: '2.0'
          Identity: { Headers: [Authorization] }
Resources:
  Items:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        Get: { Type: Api, Properties: { Path: /items, Method: get } }
        Post: { Type: HttpApi, Properties: { Path: /items, Method: post } }
  AuthFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: a.handler, InlineCode: x }
  HttpAuthFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: a.handler, InlineCode: x }
`);
    expect(trafficOf(r.text, 'AuthFunction')).toEqual({
      via: 'direct',
      comment:
        "assumption: AuthFunction is the Lambda authorizer of REST API ServerlessRestApi (invoked by API Gateway, so direct: the API's requests are billed with its routes' traffic): write the API's request rate if its result TTL is 0, else roughly the distinct tokens per 120 s (the TTL); replace the rate",
    });
    expect(trafficOf(r.text, 'HttpAuthFunction').via).toBe('direct');
    expect(r.text).toMatch(
      /HttpAuthFunction: Lambda authorizer of API ServerlessHttpApi: .*result TTL 300 s when not set — API Gateway v2 API reference/,
    );
    expect(r.text).not.toMatch(/(AuthFunction|HttpAuthFunction) has no trigger/);
  });

  it("an AWS::Serverless::Api's own authorizer replaces the global one of the same name", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      Authorizers:
        TokenAuth: { FunctionArn: !GetAtt GlobalAuth.Arn }
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        Authorizers:
          TokenAuth: { FunctionArn: !GetAtt OwnAuth.Arn, Identity: { ReauthorizeEvery: 0 } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events: { Get: { Type: Api, Properties: { RestApiId: !Ref MyApi, Path: /, Method: get } } }
  GlobalAuth: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.h, InlineCode: x } }
  OwnAuth: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.h, InlineCode: x } }
`);
    expect(trafficOf(r.text, 'OwnAuth').comment).toMatch(/authorizer of REST API MyApi .*result TTL 0 s/);
    // No implicit API (the only Api event names MyApi): the global authorizer protects nothing.
    expect(r.text).not.toMatch(/GlobalAuth is the Lambda authorizer/);
  });
});
